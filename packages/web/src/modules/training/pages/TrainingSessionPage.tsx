// 一期培训: the course, place and target group, and the attendance ticked on a phone — the target
// group's roster as large rows, a tap ticks, a second tap unticks; person-times follow the ticks.
// Someone outside the group can be looked up by name, and a tap shows the API's Chinese refusal.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Input, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { TRAINING_GROUP_LABELS, TRAINING_MODE_LABELS } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, ExportButton, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useAttendSheet, useRoster, useSession, useTick } from '../training.api';
import { useTrainingT } from '../training.messages';
import { MODE_COLOR } from './TrainingPage';

export function TrainingSessionPage() {
  const t = useTrainingT();
  const { label } = useI18n();
  const can = useCan();
  const id = Number(useParams().id);
  const session = useSession(id);
  const roster = useRoster(id);
  const tick = useTick(id);
  const sheet = useAttendSheet(id);
  const [error, setError] = useState<string>();
  const [q, setQ] = useState('');
  const others = useQuery({ queryKey: ['people', 'search', q], queryFn: () => api.get('/api/people', { q, status: 'active', pageSize: 10 }), enabled: q.trim().length > 0 });
  usePageCrumb(session.data?.course.topic);
  if (session.error) return <ApiErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Card><Skeleton active /></Card>;
  const s = session.data;
  const mayTick = can('training:manage');
  const tap = (personId: number, present: boolean) => {
    setError(undefined);
    tick.mutate({ personId, present }, { onError: (e) => setError(e instanceof Error ? e.message : String(e)) });
  };
  const absent = (roster.data?.people ?? []).filter((p) => !p.present);
  const allPresent = () => {
    setError(undefined);
    sheet.mutate({ personIds: (roster.data?.people ?? []).map((p) => p.id) }, { onError: (e) => setError(e instanceof Error ? e.message : String(e)) });
  };
  const inRoster = new Set((roster.data?.people ?? []).map((p) => p.id));
  const personTimes = roster.data?.personTimes ?? s.personTimes;
  return (
    <div data-testid="training-session">
      <PageHead record title={s.course.topic} extra={<ExportButton path={`/api/training/sessions/${s.id}/roster/export`} fileName={`签到表_${s.course.topic}.xlsx`} label="导出签到表" testId="training-roster-export" />} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'date', label: t('form.heldOn'), children: s.heldOn },
            { key: 'mode', label: t('courses.mode'), children: <Tag color={MODE_COLOR[s.course.mode]}>{label(TRAINING_MODE_LABELS[s.course.mode])}</Tag> },
            { key: 'org', label: t('session.org'), children: s.org.name },
            { key: 'place', label: t('session.place'), children: s.place },
            { key: 'lecturer', label: t('courses.lecturer'), children: `${s.course.lecturer} · ${t('courses.hoursN', { n: s.course.hours })}` },
            { key: 'target', label: t('session.target'), children: `${s.target.name} · ${s.groups.length ? s.groups.map((g) => label(TRAINING_GROUP_LABELS[g])).join('、') : t('sessions.everyone')}` },
          ]}
        />
        <Typography.Title level={5} style={{ margin: '8px 0 0' }} data-testid="training-person-times">{t('session.personTimes', { n: personTimes })}</Typography.Title>
      </Card>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(undefined)} style={{ marginBottom: 12 }} data-testid="training-tick-error" />}
      <Card
        size="small"
        title={t('session.roster')}
        style={{ marginBottom: 12 }}
        extra={mayTick && absent.length > 0 ? (
          <Popconfirm title={t('session.allPresentConfirm', { n: absent.length })} okText={t('session.allPresent')} onConfirm={allPresent}>
            <Button size="small" type="primary" loading={sheet.isPending} disabled={tick.isPending} data-testid="training-all-present">{t('session.allPresent')}</Button>
          </Popconfirm>
        ) : undefined}
      >
        {roster.error && <ApiErrorAlert error={roster.error} onRetry={() => void roster.refetch()} />}
        {roster.isPending ? <Skeleton active /> : (roster.data?.people.length ?? 0) === 0 ? <Typography.Text type="secondary">{t('session.rosterEmpty')}</Typography.Text> : (
          <div className="lx-list" data-testid="training-roster">
            {roster.data!.people.map((p) => (
              <button
                key={p.id}
                type="button"
                className="lx-list-item"
                disabled={!mayTick || tick.isPending || sheet.isPending}
                onClick={() => tap(p.id, !p.present)}
                data-testid="training-roster-row"
                data-present={p.present ? 'yes' : 'no'}
                style={{ display: 'flex', width: '100%', alignItems: 'center', gap: 12, minHeight: 48, background: p.present ? '#f6ffed' : 'transparent', border: 'none', borderBottom: '1px solid #f0f0f0', textAlign: 'left', cursor: mayTick ? 'pointer' : 'default', padding: '8px 4px' }}
              >
                {p.present ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 22 }} /> : <MinusCircleOutlined style={{ color: '#bfbfbf', fontSize: 22 }} />}
                <span style={{ flex: 1 }}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <span style={{ display: 'block', fontSize: 12, color: '#8c8c8c' }}>{p.org} · {p.groups.map((g) => label(TRAINING_GROUP_LABELS[g])).join('、')}</span>
                </span>
                <Typography.Text type={p.present ? 'success' : 'secondary'}>{p.present ? t('session.present') : t('session.absent')}</Typography.Text>
              </button>
            ))}
          </div>
        )}
      </Card>
      {mayTick && (
        <Card size="small" title={t('session.other')}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('session.otherHelp')}</Typography.Paragraph>
          <Input.Search placeholder={t('session.search')} allowClear onSearch={setQ} data-testid="training-other-search" />
          <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
            {(others.data?.items ?? []).filter((p) => !inRoster.has(p.id)).map((p) => (
              <button
                key={p.id}
                type="button"
                onClick={() => tap(p.id, true)}
                data-testid="training-other-row"
                style={{ width: '100%', minHeight: 44, textAlign: 'left', background: 'transparent', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', cursor: 'pointer' }}
              >
                {p.name}<span style={{ color: '#8c8c8c', fontSize: 12 }}> · {p.org.name}</span>
              </button>
            ))}
          </Space>
        </Card>
      )}
    </div>
  );
}
