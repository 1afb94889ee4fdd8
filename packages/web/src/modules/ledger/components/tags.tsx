// Status tags and deadline countdowns of the ledger and the task list.
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { PROBLEM_STATE_LABELS, TASK_STATE_LABELS, type ProblemState, type ProblemSummary, type TaskState } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { useLedgerT } from '../ledger.messages';

export const PROBLEM_STATE_COLORS: Record<ProblemState, string> = {
  registered: 'blue',
  rectifying: 'orange',
  submitted: 'gold',
  accepted: 'cyan',
  closed: 'green',
  published: 'purple',
};

export function ProblemStatusTag({ status }: { status: ProblemState }) {
  const { label } = useI18n();
  return (
    <Tag color={PROBLEM_STATE_COLORS[status]} data-testid="problem-status" style={{ marginInlineEnd: 0 }}>
      {label(PROBLEM_STATE_LABELS[status])}
    </Tag>
  );
}

const TASK_STATE_COLORS: Record<TaskState, string> = { assigned: 'blue', in_progress: 'orange', submitted: 'gold', completed: 'green' };

export function TaskStatusTag({ status }: { status: TaskState }) {
  const { label } = useI18n();
  return <Tag color={TASK_STATE_COLORS[status]} style={{ marginInlineEnd: 0 }}>{label(TASK_STATE_LABELS[status])}</Tag>;
}

/** Days from today (China time) to a YYYY-MM-DD date. */
export function daysUntil(date: string): number {
  const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${now}T00:00:00Z`)) / 86_400_000);
}

/** "还剩 3 天" / "今天到期" / "已逾期 2 天" (red); nothing once the work is done. */
export function Countdown({ daysLeft, compact }: { daysLeft: number | null; compact?: boolean }) {
  const t = useLedgerT();
  if (daysLeft === null) return compact ? null : <span className="lx-muted">{t('ledger.resolved')}</span>;
  if (daysLeft < 0) {
    return (
      <Tag color="red" icon={<ExclamationCircleOutlined />} data-testid="countdown" style={{ marginInlineEnd: 0 }}>
        {t('ledger.overdueDays', { n: -daysLeft })}
      </Tag>
    );
  }
  if (daysLeft === 0) return <Tag color="volcano" data-testid="countdown" style={{ marginInlineEnd: 0 }}>{t('ledger.dueToday')}</Tag>;
  return (
    <Tag color={daysLeft <= 3 ? 'orange' : 'default'} icon={<ClockCircleOutlined />} data-testid="countdown" style={{ marginInlineEnd: 0 }}>
      {t('ledger.daysLeft', { n: daysLeft })}
    </Tag>
  );
}

/** The next supervision date, red when it has come. */
export function SupervisionDue({ p }: { p: Pick<ProblemSummary, 'supervisionDue' | 'supervisionOverdue'> }) {
  const t = useLedgerT();
  if (!p.supervisionDue) return <span className="lx-muted">—</span>;
  if (p.supervisionOverdue) {
    return (
      <Tooltip title={p.supervisionDue}>
        <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('ledger.supervisionOverdue')}</Tag>
      </Tooltip>
    );
  }
  return <span>{p.supervisionDue}</span>;
}

/** The contract's English step labels are lower-case ("start rectifying"); buttons and titles start with a capital. */
export const cap = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
