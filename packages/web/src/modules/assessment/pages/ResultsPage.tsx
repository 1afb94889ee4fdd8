// 考核结果: the published sheets of a month — ranking (ECharts bar), grades, ranks within the
// township and the county, the month-by-month average, and the indicators losing the most points.
// Every bar and row opens the score sheet behind it, whose figures open their records.
import { Link, useNavigate } from 'react-router';
import { Card, Col, Empty, Input, InputNumber, Row, Space, Table, Tag } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Grade } from '@lianxin/contract';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useUrlState, toInt } from '../../../app/url-state';
import { useResults } from '../assessment.api';
import { useAssessmentT } from '../assessment.messages';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const GRADE_COLOR: Record<Grade, string> = { excellent: 'green', good: 'blue', fair: 'orange', poor: 'red' };

export function ResultsPage() {
  const t = useAssessmentT();
  const navigate = useNavigate();
  usePageCrumb(t('results.title'));
  const { values, update } = useUrlState(['year', 'period'] as const);
  const year = toInt(values.year) ?? new Date().getFullYear();
  const period = values.period && /^\d{4}-\d{2}$/.test(values.period) ? values.period : undefined;
  const results = useResults({ year, ...(period ? { period } : {}) });
  const r = results.data;
  const rows = r?.rows ?? [];
  const ranked = [...rows].sort((a, b) => a.rankInCounty - b.rankInCounty).slice(0, 30);

  return (
    <div data-testid="assessment-results">
      <PageHead title={t('results.title')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('results.year')}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => update({ year: v ? String(v) : undefined, period: undefined })} />
        <span>{t('results.period')}</span>
        <Input type="month" value={period ?? r?.period ?? ''} onChange={(e) => update({ period: e.target.value || undefined })} style={{ width: 160 }} data-testid="results-period" />
      </Space>
      {results.error && <ApiErrorAlert error={results.error} onRetry={() => void results.refetch()} />}
      {r && rows.length === 0 && <Empty description={t('results.empty')} />}
      {rows.length > 0 && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={14}>
            <Card size="small" title={`${t('results.rank')}（${r!.period}）`}>
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: Math.max(240, ranked.length * 22) }}
                onEvents={{ click: (p: { dataIndex: number }) => navigate(`/assessment/sheets/${ranked[p.dataIndex]!.sheetId}`) }}
                option={{
                  grid: { left: 90, right: 30, top: 10, bottom: 20 },
                  tooltip: { trigger: 'axis' },
                  xAxis: { type: 'value', max: 100 },
                  yAxis: { type: 'category', inverse: true, data: ranked.map((x) => x.org.name) },
                  series: [{ type: 'bar', data: ranked.map((x) => x.score), label: { show: true, position: 'right' } }],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('results.trend')} style={{ marginBottom: 12 }}>
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: 200 }}
                onEvents={{ click: (p: { dataIndex: number }) => update({ period: r!.trend[p.dataIndex]!.period }) }}
                option={{
                  grid: { left: 40, right: 20, top: 20, bottom: 30 },
                  tooltip: { trigger: 'axis' },
                  xAxis: { type: 'category', data: r!.trend.map((x) => x.period) },
                  yAxis: { type: 'value', max: 100 },
                  series: [{ type: 'line', data: r!.trend.map((x) => x.average), label: { show: true } }],
                }}
              />
            </Card>
            <Card size="small" title={t('results.losing')}>
              <Table
                size="small"
                pagination={false}
                rowKey="name"
                dataSource={r!.losing}
                columns={[
                  { title: '指标', dataIndex: 'name' },
                  { title: '失分', dataIndex: 'lost', width: 70 },
                  { title: '评分表', dataIndex: 'sheets', width: 70 },
                ]}
              />
            </Card>
          </Col>
          <Col span={24} data-testid="results-table">
            <Table
              size="small"
              rowKey="sheetId"
              dataSource={rows}
              scroll={{ x: 720 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: '单位', render: (_v, x) => <Link to={`/assessment/sheets/${x.sheetId}`}>{x.org.name}</Link> },
                { title: '乡镇', render: (_v, x) => x.township?.name ?? '—' },
                { title: '得分', render: (_v, x) => `${x.total} / ${x.max}` },
                { title: t('results.score'), dataIndex: 'score' },
                { title: t('results.grade'), render: (_v, x) => <Tag color={GRADE_COLOR[x.grade]}>{x.gradeLabel}</Tag> },
                { title: t('results.township'), dataIndex: 'rankInTownship', sorter: (a, b) => a.rankInTownship - b.rankInTownship },
                { title: t('results.county'), dataIndex: 'rankInCounty', sorter: (a, b) => a.rankInCounty - b.rankInCounty, defaultSortOrder: 'ascend' },
                { title: '', render: (_v, x) => x.vetoed && <Tag color="red">一票否决</Tag> },
              ]}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
