// 奖惩记录 on a unit's page (组织架构) and a person's page: each consequence with the record that
// justifies it (a score sheet, an annual result, a star rating), exportable. Shown only to accounts
// that read recognition and only when there is one.
import { Link } from 'react-router';
import { Button, Card, Table, Tag } from 'antd';
import { useCan } from '../../../app/auth';
import { download } from '../../../app/api';
import { useConsequences } from '../consequences.api';

const KIND_COLOR = { reward: 'green', penalty: 'red', commendation: 'gold', cadre_file: 'blue' } as const;

export function ConsequencesCard({ orgId, personId }: { orgId?: number; personId?: number }) {
  const can = useCan();
  const allowed = can('recognition:read');
  const q = { ...(orgId ? { orgId } : {}), ...(personId ? { personId } : {}), pageSize: 20 };
  const list = useConsequences(q, allowed);
  if (!allowed || !list.data?.items.length) return null;
  return (
    <Card
      title="奖惩记录"
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="consequences"
      extra={<Button size="small" onClick={() => void download('/api/recognition/consequences/export', { ...(orgId ? { orgId } : {}), ...(personId ? { personId } : {}) }, '奖惩记录.xlsx')}>导出</Button>}
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={list.data.items}
        columns={[
          { title: '日期', dataIndex: 'decidedOn', width: 100 },
          { title: '类别', render: (_v, r) => <Tag color={KIND_COLOR[r.kind]}>{r.kindLabel}</Tag> },
          { title: '事项', render: (_v, r) => `${r.title}${r.amountFen ? `（${(r.amountFen / 100).toLocaleString('zh-CN')} 元）` : ''}` },
          ...(personId ? [] : [{ title: '人员', render: (_v: unknown, r: (typeof list.data.items)[number]) => r.person?.name ?? '本单位' }]),
          { title: '依据', render: (_v, r) => <Link to={r.basis.href} title={r.basis.label}>{r.basis.typeLabel}：{r.basis.label}</Link> },
        ]}
      />
    </Card>
  );
}
