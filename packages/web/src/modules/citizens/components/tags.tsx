// Status tags with colours, the promise countdown ("还剩 3 天" / "已逾期 2 天") and the rating tag.
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import {
  CHANNEL_LABELS,
  RATING_LABELS,
  REQUEST_STATE_LABELS,
  WHISTLE_PART_LABELS,
  type Channel,
  type Rating,
  type RequestState,
  WHISTLE_PART_STATES,
} from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { useCitizensT } from '../citizens.messages';

const STATE_COLOR: Record<RequestState, string> = { received: 'orange', claimed: 'blue', promised: 'geekblue', resolved: 'green', archived: 'default' };
export function RequestStatusTag({ status }: { status: RequestState }) {
  const { label } = useI18n();
  return <Tag color={STATE_COLOR[status]} data-testid="request-status">{label(REQUEST_STATE_LABELS[status])}</Tag>;
}

const RATING_COLOR: Record<Rating, string> = { satisfied: 'green', basic: 'cyan', unsatisfied: 'red' };
export function RatingTag({ rating }: { rating: Rating | null }) {
  const { label } = useI18n();
  const t = useCitizensT();
  if (!rating) return <span className="lx-muted">{t('req.notRated')}</span>;
  return <Tag color={RATING_COLOR[rating]}>{label(RATING_LABELS[rating])}</Tag>;
}

export function ChannelText({ channel }: { channel: Channel }) {
  const { label } = useI18n();
  return <>{label(CHANNEL_LABELS[channel])}</>;
}

type PartState = (typeof WHISTLE_PART_STATES)[number];
const PART_COLOR: Record<PartState, string> = { whistled: 'orange', reported: 'gold', handling: 'blue', done: 'green', declined: 'red', rerouted: 'default' };
export function PartStatusTag({ status }: { status: PartState }) {
  const { label } = useI18n();
  return <Tag color={PART_COLOR[status]}>{label(WHISTLE_PART_LABELS[status])}</Tag>;
}

/** Days from today (China time) to a date: negative when past. */
export function daysUntil(date: string): number {
  return dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
}

/** The promised date as a countdown; nothing to count once resolved. */
export function Countdown({ date, done }: { date: string | null; done?: boolean }) {
  const t = useCitizensT();
  if (!date) return <span className="lx-muted">{t('req.noPromise')}</span>;
  if (done) return <span>{date}</span>;
  const n = daysUntil(date);
  const text = n > 0 ? t('req.daysLeft', { n }) : n === 0 ? t('req.dueToday') : t('req.daysOverdue', { n: -n });
  const color = n < 0 ? 'red' : n <= 1 ? 'orange' : 'blue';
  return (
    <Tooltip title={date}>
      <Tag color={color} data-testid="countdown">{text}</Tag>
    </Tooltip>
  );
}
