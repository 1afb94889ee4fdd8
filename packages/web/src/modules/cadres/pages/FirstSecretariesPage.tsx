// 第一书记: the year's first secretaries (sending unit, term, days in post) and the living subsidy
// table — days in the village per month from the post dates × the county's daily figure — with
// its .xlsx export. County desktop screen; the list also reads on a phone.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, InputNumber, Row, Segmented, Select, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { FirstSecretaryRow, FirstSecretarySubsidy } from '@lianxin/contract';
import { api, download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { ApiErrorAlert, ExportButton, PageHead } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const thisYear = new Date().getFullYear();

export function FirstSecretariesPage() {
  const can = useCan();
  const [year, setYear] = useState(thisYear);
  const [orgId, setOrgId] = useState<number>();
  return (
    <div data-testid="first-secretaries-page">
      <PageHead title="第一书记" />
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={8}><OrgTreeSelect value={orgId} onChange={setOrgId} placeholder="乡镇或村（含下级）" /></Col>
          <Col><InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年" data-testid="fs-year" /></Col>
        </Row>
        <Tabs
          items={[
            { key: 'list', label: '名单', children: <SecretaryList year={year} orgId={orgId} /> },
            ...(can('cadre:read') ? [{ key: 'subsidy', label: '生活补贴', children: <SubsidyTable year={year} orgId={orgId} /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}

function SecretaryList({ year, orgId }: { year: number; orgId?: number }) {
  const can = useCan();
  const [page, setPage] = useState(1);
  const [current, setCurrent] = useState<'all' | 'true' | 'false'>('all');
  const list = useQuery({
    queryKey: ['first-secretaries', year, orgId ?? 0, current, page],
    queryFn: () => api.get('/api/first-secretaries', { year, page, pageSize: 20, ...(orgId ? { orgId } : {}), ...(current !== 'all' ? { current: current === 'true' } : {}) }),
  });
  if (list.error) return <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 8 }} align="middle">
        <Col><Segmented value={current} onChange={(v) => { setCurrent(v as typeof current); setPage(1); }} options={[{ value: 'all', label: '本年任过职的' }, { value: 'true', label: '在任' }, { value: 'false', label: '已离任' }]} /></Col>
        {can('cadre:export') && <Col><ExportButton path="/api/first-secretaries/export" query={{ year, ...(orgId ? { orgId } : {}), ...(current !== 'all' ? { current: current === 'true' } : {}) }} fileName={`第一书记名单_${year}年.xlsx`} testId="fs-list-export" /></Col>}
      </Row>
      <Table<FirstSecretaryRow>
        size="small"
        rowKey="postId"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="fs-list"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 人` }}
        columns={[
          { title: '姓名', key: 'name', render: (_, r) => <Link to={`/first-secretaries/${r.postId}`}>{r.person.name}</Link> },
          { title: '驻村', key: 'village', render: (_, r) => r.village.name },
          { title: '选派单位', key: 'sentFrom', render: (_, r) => r.sentFrom ?? '—' },
          { title: '任职', key: 'term', render: (_, r) => `${r.startDate} 至 ${r.endDate ?? '今'}` },
          { title: '在任天数', dataIndex: 'daysInPost', align: 'right' },
          { title: '', key: 'current', render: (_, r) => (r.current ? <Tag color="green">在任</Tag> : <Tag>已离任</Tag>) },
        ]}
      />
    </>
  );
}

function SubsidyTable({ year, orgId }: { year: number; orgId?: number }) {
  const { message } = AntApp.useApp();
  const [month, setMonth] = useState<number>();
  const [exporting, setExporting] = useState(false);
  const query = { year, ...(month ? { month } : {}), ...(orgId ? { orgId } : {}) };
  const s = useQuery({ queryKey: ['first-secretaries', 'subsidy', query], queryFn: () => api.get('/api/first-secretaries/subsidy', query) });
  const onExport = async () => {
    setExporting(true);
    try {
      await download('/api/first-secretaries/subsidy/export', query, month ? `第一书记生活补贴_${year}年${month}月.xlsx` : `第一书记生活补贴_${year}年.xlsx`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  if (s.error) return <ApiErrorAlert error={s.error} onRetry={() => void s.refetch()} />;
  const data = s.data as FirstSecretarySubsidy | undefined;
  const months = month ? [month] : Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 8 }} align="middle">
        <Col><Select style={{ width: 120 }} allowClear placeholder="全年" value={month} onChange={setMonth} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))} data-testid="fs-month" /></Col>
        <Col><Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="fs-export">导出 Excel</Button></Col>
        {data && <Col><Typography.Text data-testid="fs-total">每天 {yuan(data.dailyFen)} 元 · 合计 {data.totalDays} 天 · {yuan(data.totalFen)} 元</Typography.Text></Col>}
      </Row>
      {data && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>口径：{data.rule}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey="postId"
        loading={s.isFetching}
        dataSource={data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
        data-testid="fs-subsidy"
        columns={[
          { title: '姓名', key: 'name', fixed: 'left', render: (_, r) => <Link to={`/first-secretaries/${r.postId}`}>{r.person.name}</Link> },
          { title: '驻村', key: 'village', render: (_, r) => r.village.name },
          { title: '选派单位', key: 'sentFrom', render: (_, r) => r.sentFrom ?? '—' },
          ...months.map((m, i) => ({ title: `${m}月`, key: `m${m}`, align: 'right' as const, render: (_: unknown, r: FirstSecretarySubsidy['rows'][number]) => r.months[i] || '' })),
          { title: '天数', dataIndex: 'days', align: 'right' },
          { title: '金额（元）', key: 'amount', align: 'right', render: (_, r) => yuan(r.amountFen) },
        ]}
      />
    </>
  );
}
