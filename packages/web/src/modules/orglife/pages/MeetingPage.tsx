// 会议记录: one meeting as recorded — who came, who did not and why, minutes and decisions.
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { ACTIVITY_KIND_LABELS } from '@lianxin/contract';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useI18n } from '../../../app/i18n';
import { useMeeting } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';

export function MeetingPage() {
  const id = Number(useParams().id);
  const t = useOrglifeT();
  const { lang } = useI18n();
  const q = useMeeting(id);
  const m = q.data;
  usePageCrumb(m ? `${m.typeName} ${m.heldOn}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <Card><Skeleton active /></Card>;
  const absent = m.attendees.filter((a) => !a.present);
  return (
    <div data-testid="meeting-page">
      <PageHead title={`${t('meeting.title')} · ${m.typeName}`} />
      <Card>
        <Typography.Title level={5}>{m.org.name} · {m.typeName}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('meeting.date')}>{m.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.place')}>{m.place}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.host')}>{m.host}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.topic')}>{m.topic}</Descriptions.Item>
          {m.activityKind && <Descriptions.Item label={t('filing.kind')}>{ACTIVITY_KIND_LABELS[m.activityKind][lang]}</Descriptions.Item>}
          <Descriptions.Item label={t('board.attendance')}><span data-testid="meeting-attendance">{t('meeting.present', { present: m.presentCount, expected: m.expectedCount })}</span></Descriptions.Item>
          {m.filingId && <Descriptions.Item label={t('meeting.filing')}><Link to={`/orglife/filings/${m.filingId}`}>{t('filing.title')}</Link></Descriptions.Item>}
        </Descriptions>
        <div style={{ margin: '8px 0' }}>
          {m.attendees.filter((a) => a.present).map((a) => <Tag key={a.personId} color="green">{a.name}</Tag>)}
        </div>
        {absent.length > 0 && (
          <Descriptions size="small" column={1} title={t('meeting.absentees')}>
            {absent.map((a) => <Descriptions.Item key={a.personId} label={a.name}>{a.absenceReason}</Descriptions.Item>)}
          </Descriptions>
        )}
        {m.minutes && <><Typography.Title level={5}>{t('meeting.minutes')}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph></>}
        {m.decisions && <><Typography.Title level={5}>{t('meeting.decisions')}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.decisions}</Typography.Paragraph></>}
      </Card>
    </div>
  );
}
