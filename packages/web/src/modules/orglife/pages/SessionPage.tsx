// One 述职评议 session: each reporter's summary and tally (好 / 较好 / 一般 / 差, the result), and a
// ballot form a phone can fill in — the participant's name, then one tap per reporter.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Input, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { POST_ROLE_LABELS, SESSION_KIND_LABELS, SESSION_RATINGS, SESSION_RATING_LABELS, type SessionRating } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useCastBallot, useSession } from '../appraisal.api';
import { useAppraisalT } from '../appraisal.messages';

const RATING_COLORS: Record<SessionRating, string> = { good: 'green', fairly_good: 'blue', fair: 'orange', poor: 'red' };

export function SessionPage() {
  const id = Number(useParams().id);
  const t = useAppraisalT();
  const { lang } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const q = useSession(id);
  const cast = useCastBallot(id);
  const [rater, setRater] = useState('');
  const [ratings, setRatings] = useState<Record<number, SessionRating>>({});
  const s = q.data;
  usePageCrumb(s ? `${s.org.name} ${s.heldOn}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!s) return <Card><Skeleton active /></Card>;
  // 无记名: no rater is asked for or recorded
  const anonymous = !!s.anonymous;
  const complete = (anonymous || rater.trim()) && s.reports.every((r) => ratings[r.id]);
  return (
    <div data-testid="session-page">
      <PageHead title={`${SESSION_KIND_LABELS[s.kind][lang]} · ${s.org.name}`} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('ss.heldOn')}>{s.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('ss.place')}>{s.place}</Descriptions.Item>
          <Descriptions.Item label={t('common.year')}>{s.year}</Descriptions.Item>
          {s.participants && <Descriptions.Item label={t('ss.participants')}><span data-testid="session-participants">{s.participants}</span></Descriptions.Item>}
        </Descriptions>
        {anonymous && <Tag color="purple" data-testid="session-anonymous">{t('ss.anonymous')}</Tag>}
        <Typography.Text type="secondary">{t('ss.reports', { n: s.reports.length, b: s.ballots })}</Typography.Text>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div data-testid="session-reports">
          {s.reports.map((r) => (
            <div key={r.id} className="lx-list-item" data-testid="session-report">
              <Space wrap>
                <strong>{r.person.name}</strong>
                <span>{r.org.name}{POST_ROLE_LABELS[r.role][lang]}</span>
                {r.result && <Tag color={RATING_COLORS[r.result]} data-testid="report-result">{t('ss.result')}：{SESSION_RATING_LABELS[r.result][lang]}</Tag>}
              </Space>
              <div><Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</Typography.Text></div>
              <Space wrap size={4}>
                {SESSION_RATINGS.map((x) => <Tag key={x} bordered={false}>{SESSION_RATING_LABELS[x][lang]} {r.tally[x]}</Tag>)}
                {r.goodRate !== null && <Typography.Text type="secondary">{t('ss.goodRate', { rate: `${Math.round(r.goodRate * 100)}%` })}</Typography.Text>}
              </Space>
            </div>
          ))}
        </div>
      </Card>
      {can('orglife:record') && (
        <Card size="small" title={t('ss.ballot')}>
          {!anonymous && <Input value={rater} onChange={(e) => setRater(e.target.value)} placeholder={t('ss.rater')} maxLength={50} size="large" data-testid="ballot-rater" />}
          {s.reports.map((r) => (
            <div key={r.id} className="lx-list-item">
              <div><strong>{r.person.name}</strong> <Typography.Text type="secondary">{r.org.name}</Typography.Text></div>
              <Radio.Group size="large" optionType="button" buttonStyle="solid" value={ratings[r.id]} onChange={(e) => setRatings({ ...ratings, [r.id]: e.target.value as SessionRating })}
                options={SESSION_RATINGS.map((x) => ({ value: x, label: SESSION_RATING_LABELS[x][lang] }))} style={{ marginTop: 6 }} data-testid="ballot-rating" />
            </div>
          ))}
          {cast.error ? <Alert type="error" showIcon title={cast.error instanceof Error ? cast.error.message : String(cast.error)} style={{ marginTop: 8 }} data-testid="ballot-error" /> : null}
          <Button type="primary" block size="large" style={{ marginTop: 12 }} disabled={!complete} loading={cast.isPending} data-testid="cast-ballot"
            onClick={() => cast.mutate({ ...(anonymous ? {} : { rater: rater.trim() }), ratings: s.reports.map((r) => ({ reportId: r.id, rating: ratings[r.id]! })) }, {
              onSuccess: () => { message.success(t('ss.cast.done')); setRater(''); setRatings({}); },
            })}>
            {t('ss.cast')}
          </Button>
        </Card>
      )}
    </div>
  );
}
