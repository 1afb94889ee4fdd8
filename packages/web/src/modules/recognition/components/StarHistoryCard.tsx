// A person's star history (星级化管理) on their page: each year's published stars, linked to the
// numbers behind them. Shown only to accounts that read stars and only when there is a rating.
import { Link } from 'react-router';
import { Card, Table } from 'antd';
import { useCan } from '../../../app/auth';
import { useStarRows } from '../stars.api';

export function StarHistoryCard({ personId }: { personId: number }) {
  const can = useCan();
  const allowed = can('recognition:read');
  const q = useStarRows({ personId, pageSize: 20 }, allowed);
  if (!allowed || !q.data?.items.length) return null;
  return (
    <Card title="历年星级" size="small" style={{ marginBottom: 12 }} data-testid="person-stars">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.data.items}
        columns={[
          { title: '年度', dataIndex: 'year' },
          { title: '单位与职务', render: (_v, r) => `${r.org.name}${r.roleLabel}` },
          { title: '任职月份', dataIndex: 'monthsLabel' },
          { title: '综合得分', render: (_v, r) => r.score ?? '—' },
          {
            title: '星级',
            render: (_v, r) => (
              <Link to={`/stars?year=${r.year}&row=${r.id}`} style={{ color: '#d4380d' }}>
                {r.stars === null ? '未评星' : r.stars === 0 ? '未达星级' : '★'.repeat(r.stars)}
              </Link>
            ),
          },
          { title: '公职化', render: (_v, r) => (r.civilServiceEligible ? '符合' : '') },
        ]}
      />
    </Card>
  );
}
