// 年度评选: the year's projects ranked by their 年交账 score within the county (the county sees all,
// a township its own); each row opens the score sheet behind it and the project. Cards on a phone.
import { Link } from 'react-router';
import { Card, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { ProjectRanking } from '@lianxin/contract';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useProjectRanking } from '../../assessment/assessment.api';

type Row = ProjectRanking['rows'][number];
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const GRADE_COLOR: Record<Row['grade'], string> = { excellent: 'green', good: 'blue', fair: 'orange', poor: 'red' };

export function ProjectSelectionPage() {
  const phone = Grid.useBreakpoint().md === false;
  const { values, update: set } = useUrlState(['year'] as const);
  const year = toInt(values.year) ?? thisYear();
  const q = useProjectRanking(year);
  usePageCrumb('年度评选');
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
  const rows = q.data?.rows ?? [];
  return (
    <div data-testid="project-selection">
      <PageHead
        title={`年度评选 · ${year} 年`}
        extra={<Select aria-label="年度" value={year} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}` }))} onChange={(v) => set({ year: String(v) })} />}
      />
      <Typography.Paragraph type="secondary">
        本年度项目按年交账考评得分（评分表公布后计入，百分制）在全县排名；本页只列您辖区内的项目。点得分查看评分表，点项目名称查看项目。
      </Typography.Paragraph>
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {phone ? (
        <SimpleList
          testId="selection-list"
          loading={q.isPending}
          items={rows}
          rowKey={(r) => r.projectId}
          empty="本年度还没有公布的年交账考评"
          render={(r) => (
            <div style={{ padding: '8px 0' }}>
              <Space wrap>
                <Tag>{r.tied ? '并列' : ''}第 {r.rankInCounty} 名</Tag>
                <Link to={`/projects/${r.projectId}`}><strong>{r.title}</strong></Link>
              </Space>
              <div className="lx-muted" style={{ fontSize: 13 }}>{r.township && r.township.id !== r.org.id ? `${r.township.name} · ` : ''}{r.org.name}</div>
              <Space>
                <Link to={`/assessment/sheets/${r.sheetId}`}>{r.score} 分</Link>
                <Tag color={GRADE_COLOR[r.grade]}>{r.gradeLabel}</Tag>
                {r.vetoed && <Tag color="red">一票否决</Tag>}
              </Space>
            </div>
          )}
        />
      ) : (
        <Card size="small">
          <Table<Row>
            data-testid="selection-table"
            size="small"
            loading={q.isPending}
            rowKey="projectId"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: '本年度还没有公布的年交账考评' }}
            columns={[
              { title: '全县排名', width: 90, render: (_v, r) => `${r.tied ? '并列' : ''}${r.rankInCounty}` },
              { title: '项目', render: (_v, r) => <Link to={`/projects/${r.projectId}`}>{r.title}</Link> },
              { title: '承担单位', render: (_v, r) => `${r.township && r.township.id !== r.org.id ? `${r.township.name} · ` : ''}${r.org.name}` },
              { title: '得分', width: 100, render: (_v, r) => <Link to={`/assessment/sheets/${r.sheetId}`} data-testid="selection-score">{r.score}</Link> },
              { title: '等次', width: 120, render: (_v, r) => <Space><Tag color={GRADE_COLOR[r.grade]}>{r.gradeLabel}</Tag>{r.vetoed && <Tag color="red">一票否决</Tag>}</Space> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
