// 村干部报酬与绩效补贴: each village cadre's annual standard, the base part and the performance part
// the village's annual result earns, in yuan; exported to .xlsx for the finance office.
import { Link } from 'react-router';
import { Button, InputNumber, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Subsidies } from '@lianxin/contract';
import { api, download } from '../../../app/api';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useUrlState, toInt } from '../../../app/url-state';
import { assessmentKeys } from '../assessment.api';

const yuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 }));

export function SubsidiesPage() {
  usePageCrumb('村干部绩效补贴');
  const { values, update } = useUrlState(['year'] as const);
  const year = toInt(values.year) ?? new Date().getFullYear();
  const q = useQuery({ queryKey: [...assessmentKeys.all, 'subsidies', year], queryFn: () => api.get('/api/assessment/subsidies', { year }) });
  const s = q.data;
  return (
    <div data-testid="assessment-subsidies">
      <PageHead
        title="村干部报酬与绩效补贴"
        extra={<Button onClick={() => void download('/api/assessment/subsidies/export', { year }, `村干部绩效补贴_${year}.xlsx`)}>导出 Excel</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => update({ year: v ? String(v) : undefined })} />
        {s && <span className="lx-muted">绩效部分占年报酬标准的 {s.performanceSharePercent}%，按村年度考核等次发放</span>}
      </Space>
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      <Table
        size="small"
        rowKey="postId"
        loading={q.isPending}
        dataSource={s?.rows ?? []}
        scroll={{ x: 860 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '村（社区）', render: (_v, r) => r.org.name },
          { title: '姓名', dataIndex: 'person' },
          { title: '职务', dataIndex: 'postLabel' },
          { title: '年报酬标准（元）', render: (_v, r) => yuan(r.standardFen) },
          { title: '基本报酬（元）', render: (_v, r) => yuan(r.baseFen) },
          { title: '村年度得分', render: (_v, r) => (r.villageScore === null ? '—' : <Link to={`/assessment/results?year=${year}`}>{r.villageScore}</Link>) },
          { title: '等次', render: (_v, r) => (r.gradeLabel ? <Tag>{r.gradeLabel}</Tag> : '—') },
          { title: '绩效补贴（元）', render: (_v, r) => yuan(r.performanceFen) },
        ]}
      />
    </div>
  );
}
