// A person's training record on their page: this year's sessions attended (with hours) and the
// 书记讲党课 / 三个讲一次 they gave, from the attendance and talk records — nothing typed here.
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { TALK_KIND_LABELS, TRAINING_MODE_LABELS } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePersonTraining } from '../training.api';
import { useTrainingT } from '../training.messages';

export function PersonTrainingCard({ personId }: { personId: number }) {
  const can = useCan();
  if (!can('training:read')) return null;
  return <PersonTraining personId={personId} />;
}

function PersonTraining({ personId }: { personId: number }) {
  const t = useTrainingT();
  const { label } = useI18n();
  const rec = usePersonTraining(personId);
  const r = rec.data;
  return (
    <Card title={t('person.title')} size="small" style={{ marginBottom: 12 }} loading={rec.isPending} data-testid="person-training">
      {r && (
        <>
          <Typography.Paragraph type="secondary" data-testid="person-training-summary">{t('person.summary', { year: r.year, s: r.sessions, h: r.hours, k: r.talks })}</Typography.Paragraph>
          {r.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.empty')} /> : r.items.map((i) => (
            <div key={`${i.kind}-${i.id}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space wrap>
                <Typography.Text>{i.heldOn}</Typography.Text>
                {i.kind === 'session' ? <Link to={`/training/sessions/${i.id}`}>{i.title}</Link> : <Typography.Text>{i.title}</Typography.Text>}
                <Tag>{i.kind === 'session' ? (i.mode ? label(TRAINING_MODE_LABELS[i.mode]) : t('person.session')) : label(TALK_KIND_LABELS[i.kind])}</Tag>
              </Space>
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>{i.org}{i.hours ? ` · ${t('courses.hoursN', { n: i.hours })}` : ''}</div>
            </div>
          ))}
        </>
      )}
    </Card>
  );
}
