// 结对培养 on a person's page: the pairs the person is in, as mentee or mentor, with the contacts
// recorded — read from the pairs themselves, nothing typed twice. Shown only to accounts that read them.
import { Card, List, Tag, Typography } from 'antd';
import { MENTEE_KIND_LABELS, MENTORING_MODE_LABELS } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePairs } from '../selection.api';

export function PersonMentoringCard({ personId }: { personId: number }) {
  const can = useCan();
  if (!can('selection:read')) return null;
  return <PairsOf personId={personId} />;
}

function PairsOf({ personId }: { personId: number }) {
  const { label } = useI18n();
  const pairs = usePairs({ personId, pageSize: 20 });
  const items = pairs.data?.items ?? [];
  if (!pairs.data || items.length === 0) return null;
  return (
    <Card title="结对培养" size="small" style={{ marginBottom: 12 }} data-testid="person-mentoring">
      <List
        size="small"
        dataSource={items}
        renderItem={(p) => {
          const mentee = p.mentee.id === personId;
          return (
            <List.Item>
              <div>
                <Tag color={mentee ? 'blue' : 'gold'}>{mentee ? '被培养' : '培养人'}</Tag>
                {mentee ? `培养人：${p.mentors.map((m) => m.name).join('、')}` : `培养 ${p.mentee.name}（${label(MENTEE_KIND_LABELS[p.menteeKind])}）`}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {label(MENTORING_MODE_LABELS[p.mode])} · {p.startedOn} 起 · 联系 {p.contacts} 次{p.lastContactOn ? `，最近 ${p.lastContactOn}` : ''}
                </Typography.Text>
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
