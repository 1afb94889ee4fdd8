// 干部台账: current posts of the scope with filters (post, 一肩挑, sending unit, channel, 公职化,
// education, age, term start), paged, exported as .xlsx; and the 两委's age and education
// structure per township.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App as AntApp, Button, Card, Col, DatePicker, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  AGE_BAND_LABELS, AGE_BANDS, EDUCATION_BAND_LABELS, EDUCATION_BANDS, EDUCATION_LABELS, EDUCATIONS, POST_ROLE_LABELS, POST_ROLES,
  SELECTION_CHANNEL_LABELS, SELECTION_CHANNELS, type CadreLedgerQuery, type CadreRow, type CadreStructureRow,
} from '@lianxin/contract';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useCadres, useCadreStructure } from '../cadres.api';
import { CadreImportModal } from '../components/CadreImportModal';

const KEYS = ['orgId', 'role', 'concurrent', 'sentFrom', 'selectionChannel', 'civilService', 'education', 'ageMin', 'ageMax', 'startFrom', 'startTo', 'page', 'pageSize'] as const;

function toQuery(p: URLSearchParams): CadreLedgerQuery {
  const int = (k: string) => (/^\d+$/.test(p.get(k) ?? '') ? Number(p.get(k)) : undefined);
  const bool = (k: string) => (p.get(k) === 'true' ? true : p.get(k) === 'false' ? false : undefined);
  const str = (k: string) => p.get(k) || undefined;
  const q: Record<string, unknown> = {
    orgId: int('orgId'), role: str('role'), concurrent: bool('concurrent'), sentFrom: str('sentFrom'), selectionChannel: str('selectionChannel'),
    civilService: bool('civilService'), education: str('education'), ageMin: int('ageMin'), ageMax: int('ageMax'), startFrom: str('startFrom'),
    startTo: str('startTo'), page: int('page') ?? 1, pageSize: int('pageSize') ?? 20,
  };
  for (const k of Object.keys(q)) if (q[k] === undefined) delete q[k];
  return q as CadreLedgerQuery;
}

export function CadreLedgerPage() {
  const [params, setParams] = useSearchParams();
  const [tab, setTab] = useState('ledger');
  return (
    <div data-testid="cadre-ledger-page">
      <PageHead title="干部台账" />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'ledger', label: '在任干部', children: <Ledger params={params} setParams={setParams} /> },
        { key: 'structure', label: '“两委”年龄学历结构', children: <Structure orgId={toQuery(params).orgId} /> },
      ]} />
    </div>
  );
}

function Ledger({ params, setParams }: { params: URLSearchParams; setParams: (p: URLSearchParams) => void }) {
  const { label } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const query = toQuery(params);
  const cadres = useCadres(query);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const set = (k: (typeof KEYS)[number], v: string | number | boolean | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === null || v === '') next.delete(k);
    else next.set(k, String(v));
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const onExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...filters } = query;
      await download('/api/cadres/export', filters, '干部台账.xlsx');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  const yesNo = [{ value: 'true', label: '是' }, { value: 'false', label: '否' }];
  return (
    <Card size="small">
      {importing && <CadreImportModal kind="posts" onClose={() => setImporting(false)} />}
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}><OrgTreeSelect value={query.orgId} onChange={(v) => set('orgId', v)} placeholder="组织（含下级）" /></Col>
        <Col xs={12} md={4}><Select allowClear style={{ width: '100%' }} placeholder="岗位" value={query.role} onChange={(v) => set('role', v)} options={POST_ROLES.map((r) => ({ value: r, label: label(POST_ROLE_LABELS[r]) }))} data-testid="ledger-role" /></Col>
        <Col xs={12} md={4}><Select allowClear style={{ width: '100%' }} placeholder="一肩挑" value={params.get('concurrent') ?? undefined} onChange={(v) => set('concurrent', v)} options={yesNo} /></Col>
        <Col xs={12} md={4}><Select allowClear style={{ width: '100%' }} placeholder="选任方式" value={query.selectionChannel} onChange={(v) => set('selectionChannel', v)} options={SELECTION_CHANNELS.map((c) => ({ value: c, label: label(SELECTION_CHANNEL_LABELS[c]) }))} /></Col>
        <Col xs={12} md={4}><Select allowClear style={{ width: '100%' }} placeholder="公职化" value={params.get('civilService') ?? undefined} onChange={(v) => set('civilService', v)} options={yesNo} /></Col>
        <Col xs={12} md={6}><Input.Search allowClear placeholder="选派单位" defaultValue={query.sentFrom} onSearch={(v) => set('sentFrom', v.trim())} /></Col>
        <Col xs={12} md={4}><Select allowClear style={{ width: '100%' }} placeholder="学历" value={query.education} onChange={(v) => set('education', v)} options={EDUCATIONS.map((e) => ({ value: e, label: label(EDUCATION_LABELS[e]) }))} /></Col>
        <Col xs={24} md={6}>
          <Space.Compact style={{ width: '100%' }}>
            <InputNumber min={0} max={150} placeholder="年龄从" value={query.ageMin} onChange={(v) => set('ageMin', v)} style={{ width: '50%' }} />
            <InputNumber min={0} max={150} placeholder="到" value={query.ageMax} onChange={(v) => set('ageMax', v)} style={{ width: '50%' }} />
          </Space.Compact>
        </Col>
        <Col xs={24} md={8}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={['任职开始从', '到']}
            value={[query.startFrom ? dayjs(query.startFrom) : null, query.startTo ? dayjs(query.startTo) : null]}
            onChange={(r) => {
              const next = new URLSearchParams(params);
              next.delete('page');
              for (const [k, v] of [['startFrom', r?.[0]], ['startTo', r?.[1]]] as const) {
                if (v) next.set(k, v.format('YYYY-MM-DD'));
                else next.delete(k);
              }
              setParams(next);
            }}
          />
        </Col>
        {can('cadre:export') && (
          <Col><Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="ledger-export">导出 Excel</Button></Col>
        )}
        {can('cadre:post') && can('person:post') && (
          <Col><Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="ledger-import">导入 Excel</Button></Col>
        )}
      </Row>
      {cadres.error ? <ApiErrorAlert error={cadres.error} onRetry={() => void cadres.refetch()} /> : (
        <Table<CadreRow>
          size="small"
          rowKey="postId"
          loading={cadres.isFetching}
          dataSource={cadres.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: cadres.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => `共 ${n} 人次`, onChange: (page, pageSize) => { const next = new URLSearchParams(params); next.set('page', String(page)); next.set('pageSize', String(pageSize)); setParams(next); } }}
          columns={[
            { title: '组织', key: 'org', render: (_, r) => r.org.name },
            { title: '岗位', key: 'role', render: (_, r) => <Space size={4}>{label(POST_ROLE_LABELS[r.role])}{r.concurrent && <Tag>一肩挑</Tag>}{r.civilService && <Tag color="purple">公职化</Tag>}</Space> },
            { title: '姓名', key: 'name', render: (_, r) => <Link to={`/people/${r.person.id}`}>{r.person.name}</Link> },
            { title: '年龄', key: 'age', render: (_, r) => r.person.age ?? '—' },
            { title: '学历', key: 'edu', render: (_, r) => (r.person.education ? label(EDUCATION_LABELS[r.person.education]) : '—') },
            { title: '选任方式', key: 'channel', render: (_, r) => (r.selectionChannel ? label(SELECTION_CHANNEL_LABELS[r.selectionChannel]) : '—') },
            { title: '选派单位', key: 'sent', render: (_, r) => r.sentFrom ?? '—' },
            { title: '任职开始', dataIndex: 'startDate' },
            { title: '在岗天数', dataIndex: 'daysInPost' },
            { title: '电话', key: 'phone', render: (_, r) => <span className="lx-mono">{r.person.phone ?? '—'}</span> },
          ]}
        />
      )}
    </Card>
  );
}

function Structure({ orgId }: { orgId?: number }) {
  const { label } = useI18n();
  const s = useCadreStructure(orgId);
  if (s.error) return <ApiErrorAlert error={s.error} onRetry={() => void s.refetch()} />;
  return (
    <Card size="small" title={s.data ? `截至 ${s.data.asOf}，村（社区）“两委”成员（一人多岗计一人）` : undefined}>
      <Table<CadreStructureRow>
        size="small"
        rowKey={(r) => r.township.id}
        loading={s.isPending}
        pagination={false}
        dataSource={s.data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '乡镇（街道）', key: 't', render: (_, r) => r.township.name, fixed: 'left' },
          { title: '人数', dataIndex: 'people' },
          { title: '平均年龄', key: 'avg', render: (_, r) => r.averageAge ?? '—' },
          { title: '一肩挑', dataIndex: 'concurrent' },
          ...AGE_BANDS.map((b) => ({ title: label(AGE_BAND_LABELS[b]), key: `a-${b}`, render: (_: unknown, r: CadreStructureRow) => r.age[b] ?? 0 })),
          ...EDUCATION_BANDS.map((b) => ({ title: label(EDUCATION_BAND_LABELS[b]), key: `e-${b}`, render: (_: unknown, r: CadreStructureRow) => r.education[b] ?? 0 })),
        ]}
      />
    </Card>
  );
}
