// 称号认定 (seed 003 四创建四争当; 000/004 示范), phone-first: the register counts the designations
// held per kind under each unit below (townships for the county) and drills down to a unit's units
// and to the list behind any figure; the four headline figures are the seed's (四型党组织, 四型党员,
// 党员产业示范点, 示范户). The township (or county) nominates; the county keeps the kinds and criteria.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, List, Select, Space, Statistic, Switch, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import {
  DESIGNATION_SECTOR_LABELS,
  DESIGNATION_STATE_LABELS,
  DESIGNATION_SECTORS,
  DESIGNATION_TARGETS,
  DESIGNATION_TARGET_LABELS,
  ORG_TYPE_LABELS,
  STATION_DESIGNATION_LABELS,
  type OrgType,
  type DesignationKind,
  type DesignationRegister,
  type DesignationState,
  type StationDesignationKind,
} from '@lianxin/contract';
import { api, ApiError, download } from '../../../app/api';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiErrorAlert, applyFieldErrors, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useUrlState, toInt } from '../../../app/url-state';
import { useCan } from '../../../app/auth';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useDesignationKinds, useDesignationRegister, useDesignations, useNominate, useSaveDesignationKinds } from '../designations.api';

export const DESIGNATION_STATE_COLOR: Record<DesignationState, string> = {
  nominated: 'blue', checked: 'cyan', approved: 'geekblue', published: 'green', reviewing: 'gold', revoked: 'default', rejected: 'red',
};
const FOUR_SECTORS = new Set(['rural', 'agency', 'community', 'nonpublic']);

export function DesignationsPage() {
  usePageCrumb('称号认定');
  const { values, update } = useUrlState(['tab', 'org', 'year', 'kind', 'status', 'due', 'page'] as const);
  const can = useCan();
  const tab = values.tab ?? 'register';
  return (
    <div data-testid="designations-page" style={{ maxWidth: 860 }}>
      <PageHead title="称号认定 · 四创建四争当" />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'register' ? undefined : k, page: undefined })}
        items={[
          { key: 'register', label: '称号台账', children: <RegisterTab org={toInt(values.org)} year={toInt(values.year)} go={update} /> },
          { key: 'list', label: '名单', children: <ListTab v={values} go={update} /> },
          ...(can('recognition:nominate') ? [{ key: 'nominate', label: '推荐', children: <NominateTab /> }] : []),
          { key: 'kinds', label: '类别与认定标准', children: <KindsTab /> },
        ]}
      />
    </div>
  );
}

type Go = (v: Record<string, string | undefined>) => void;

/** The seed's four headline figures from the totals by kind. */
function headline(r: DesignationRegister) {
  const sum = (pick: (k: DesignationRegister['kinds'][number]) => boolean) => r.kinds.filter(pick).reduce((a, k) => a + (r.totals[k.code] ?? 0), 0);
  return [
    { label: '“四型”党组织', value: sum((k) => FOUR_SECTORS.has(k.sector) && k.target === 'org') },
    { label: '“四型”党员', value: sum((k) => FOUR_SECTORS.has(k.sector) && k.target === 'member') },
    { label: '党员产业示范点', value: sum((k) => k.target === 'site') },
    { label: '党员示范户', value: sum((k) => k.target === 'household') },
  ];
}

function RegisterTab({ org, year, go }: { org?: number; year?: number; go: Go }) {
  const reg = useDesignationRegister({ ...(org ? { orgId: org } : {}), ...(year ? { year } : {}) });
  const r = reg.data;
  if (reg.error) return <ApiErrorAlert error={reg.error} onRetry={() => void reg.refetch()} />;
  if (!r) return <Card loading />;
  const name = new Map(r.kinds.map((k) => [k.code, k.name]));
  const drill = (kind?: string) => go({ tab: 'list', org: String(r.node.id), kind, status: 'held', page: undefined });
  return (
    <div data-testid="designation-register">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{r.node.name}</Typography.Text>
        {r.parent && <a onClick={() => go({ org: String(r.parent!.id) })} data-testid="designation-up">返回{r.parent.name}</a>}
        <span>命名年度</span>
        <InputNumber min={2000} max={2100} value={year} placeholder="全部" onChange={(v) => go({ year: v ? String(v) : undefined })} data-testid="designation-year" />
        <Button size="small" icon={<DownloadOutlined />} data-testid="designation-register-export"
          onClick={() => void download('/api/recognition/designation-register/export', { orgId: r.node.id, ...(year ? { year } : {}) }, '称号台账.xlsx')}>导出 Excel</Button>
      </Space>
      <Card size="small" style={{ marginBottom: 8 }}>
        <Space wrap size="large">
          {headline(r).map((h) => <Statistic key={h.label} title={h.label} value={h.value} />)}
        </Space>
        <div style={{ marginTop: 8 }}>
          <a onClick={() => drill()} data-testid="designation-total">已命名 {r.total}</a>
          {' · '}<a onClick={() => go({ tab: 'list', org: String(r.node.id), status: 'open', kind: undefined })}>办理中 {r.inProcess}</a>
          {' · '}<a onClick={() => go({ tab: 'list', org: String(r.node.id), status: undefined, due: '1', kind: undefined })}>待年度复核 {r.reviewDue}</a>
        </div>
        <Space wrap style={{ marginTop: 8 }}>
          {r.kinds.map((k) => (
            <Tag key={k.code} color={r.totals[k.code] ? 'green' : undefined} style={{ cursor: 'pointer' }} onClick={() => drill(k.code)} data-testid={`designation-total-${k.code}`}>
              {k.name} {r.totals[k.code] ?? 0}
            </Tag>
          ))}
        </Space>
        {Object.keys(r.stationTotals).length > 0 && (
          <div style={{ marginTop: 8, fontSize: 13 }}>
            工作站称号：{Object.entries(r.stationTotals).map(([k, n]) => `${STATION_DESIGNATION_LABELS[k as StationDesignationKind]?.zh ?? k} ${n}`).join('，')}
            <Link to="/orgs" style={{ marginInlineStart: 8 }}>在组织体系中认定</Link>
          </div>
        )}
      </Card>
      <List
        data-testid="designation-units"
        dataSource={r.rows}
        locale={{ emptyText: <Empty description="下级没有单位" /> }}
        renderItem={(u) => (
          <List.Item
            extra={<Typography.Text strong>{u.total}</Typography.Text>}
            style={{ cursor: 'pointer' }}
            onClick={() => go({ org: String(u.org.id) })}
          >
            <List.Item.Meta
              title={<a>{u.org.name}</a>}
              description={
                <Space wrap size={4}>
                  {Object.entries(u.counts).map(([code, n]) => (
                    <Tag key={code} onClick={(e) => { e.stopPropagation(); go({ tab: 'list', org: String(u.org.id), kind: code, status: 'held' }); }}>{name.get(code) ?? code} {n}</Tag>
                  ))}
                  {Object.entries(u.stations).map(([k, n]) => <Tag key={k} color="purple">{STATION_DESIGNATION_LABELS[k as StationDesignationKind]?.zh ?? k} {n}</Tag>)}
                  {u.total === 0 && Object.keys(u.stations).length === 0 && <Typography.Text type="secondary">暂无称号</Typography.Text>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

function ListTab({ v, go }: { v: Partial<Record<'org' | 'year' | 'kind' | 'status' | 'due' | 'page', string>>; go: Go }) {
  const kinds = useDesignationKinds();
  const page = toInt(v.page) ?? 1;
  const q = {
    ...(toInt(v.org) ? { orgId: toInt(v.org) } : {}),
    ...(v.kind ? { kind: v.kind } : {}),
    ...(v.status ? { status: v.status as DesignationState | 'held' | 'open' } : {}),
    ...(toInt(v.year) ? { year: toInt(v.year) } : {}),
    ...(v.due ? { reviewDue: true } : {}),
    page,
    pageSize: 20,
  };
  const list = useDesignations(q);
  const navigate = useNavigate();
  return (
    <div data-testid="designation-list">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select allowClear placeholder="类别" style={{ minWidth: 150 }} value={v.kind} onChange={(x) => go({ kind: x, page: undefined })}
          options={(kinds.data?.kinds ?? []).map((k) => ({ value: k.code, label: k.name }))} data-testid="designation-filter-kind" />
        <Select allowClear placeholder="状态" style={{ minWidth: 120 }} value={v.status} onChange={(x) => go({ status: x, page: undefined })}
          options={[{ value: 'held', label: '已命名（含复核中）' }, { value: 'open', label: '办理中' }, ...Object.entries(DESIGNATION_STATE_LABELS).map(([k, l]) => ({ value: k, label: l.zh }))]} data-testid="designation-filter-status" />
        <Space size={4}><Switch size="small" checked={!!v.due} onChange={(c) => go({ due: c ? '1' : undefined, page: undefined })} />待年度复核</Space>
        <Button size="small" icon={<DownloadOutlined />} data-testid="designation-list-export"
          onClick={() => { const { page: _p, pageSize: _s, ...filter } = q; void download('/api/recognition/designations/export', filter, '称号名单.xlsx'); }}>导出 Excel</Button>
      </Space>
      {list.error && <ApiErrorAlert error={list.error} />}
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有符合条件的称号" /> }}
        pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: (p) => go({ page: String(p) }), showSizeChanger: false } : false}
        renderItem={(d) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => navigate(`/designations/${d.id}`)}
            extra={<Tag color={DESIGNATION_STATE_COLOR[d.status]}>{DESIGNATION_STATE_LABELS[d.status].zh}</Tag>}>
            <List.Item.Meta
              title={<Link to={`/designations/${d.id}`}>{d.unit.name} · {d.kind.name}</Link>}
              description={`${d.township?.name ?? ''}${d.unit.person || d.kind.target === 'site' ? ` · ${d.unit.org.name}` : ''} · ${d.year} 年${d.publishedOn ? ` · ${d.publishedOn} 命名` : ''}${d.reviewDue ? ' · 待年度复核' : ''}`}
            />
          </List.Item>
        )}
      />
      {list.data && <Typography.Text type="secondary">共 {list.data.total} 项</Typography.Text>}
    </div>
  );
}

/** People of the scope found by name (the roster's own search): the member of a member or household kind. */
function MemberSelect({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['people', 'search', 'members', q], queryFn: () => api.get('/api/people', { q, status: 'active', pageSize: 20 }), enabled: q.trim().length > 0 });
  return (
    <Select id={id} showSearch filterOption={false} value={value} onChange={onChange} onSearch={setQ} placeholder="输入姓名查找" data-testid="nominate-person"
      options={(found.data?.items ?? []).filter((p) => p.memberStatus).map((p) => ({ value: p.id, label: `${p.name}（${p.org.name}）` }))} />
  );
}

function NominateTab() {
  const kinds = useDesignationKinds();
  const nominate = useNominate();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const code = Form.useWatch('kindCode', form) as string | undefined;
  const kind = kinds.data?.kinds.find((k) => k.code === code);
  const byPerson = kind?.target === 'member' || kind?.target === 'household';
  const year = new Date().getFullYear();
  return (
    <Card size="small" data-testid="designation-nominate">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        乡镇党委推荐本乡镇的党组织、党员、产业示范点和示范户（县委组织部可推荐全县的）；推荐后由推荐单位逐项核对认定标准并上传佐证材料，报县委组织部审定、命名。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ year }}
        onFinish={(v: { kindCode: string; year: number; orgId?: number; personId?: number; siteName?: string; citation: string }) => {
          setError(undefined);
          const body = { kindCode: v.kindCode, year: v.year, citation: v.citation, ...(byPerson ? { personId: v.personId } : { orgId: v.orgId }), ...(kind?.target === 'site' ? { siteName: v.siteName } : {}) };
          nominate.mutate(body, { onSuccess: (d) => navigate(`/designations/${d.id}`), onError: (e) => setError(applyFieldErrors(form, e, ['kindCode', 'year', 'orgId', 'personId', 'siteName', 'citation'])) });
        }}>
        <Form.Item name="kindCode" label="称号类别" rules={[{ required: true, message: '请选择称号类别' }]}>
          <Select data-testid="nominate-kind" options={(kinds.data?.kinds ?? []).filter((k) => k.active).map((k) => ({ value: k.code, label: `${DESIGNATION_SECTOR_LABELS[k.sector].zh} · ${k.name}` }))} />
        </Form.Item>
        {kind && (
          <Alert type="info" style={{ marginBottom: 12 }} message={`授予${DESIGNATION_TARGET_LABELS[kind.target].zh}；认定标准：`} description={<ol style={{ margin: 0, paddingInlineStart: 18 }}>{kind.criteria.map((c) => <li key={c.code}>{c.text}</li>)}</ol>} />
        )}
        {byPerson ? (
          <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}><MemberSelect /></Form.Item>
        ) : (
          <Form.Item name="orgId" label={kind?.target === 'site' ? '示范点所在村（社区）' : '党组织'} rules={[{ required: true, message: '请选择组织' }]}><OrgTreeSelect testId="nominate-org" /></Form.Item>
        )}
        {kind?.target === 'site' && <Form.Item name="siteName" label="示范点名称" rules={[{ required: true, whitespace: true, message: '请填写示范点名称' }]}><Input maxLength={60} data-testid="nominate-site" /></Form.Item>}
        <Form.Item name="year" label="年度" rules={[{ required: true }]}><InputNumber min={year - 1} max={year} /></Form.Item>
        <Form.Item name="citation" label="推荐事迹" rules={[{ required: true, whitespace: true, message: '请填写推荐事迹' }]}><Input.TextArea rows={4} maxLength={2000} data-testid="nominate-citation" /></Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
        <Button type="primary" htmlType="submit" loading={nominate.isPending} data-testid="nominate-submit">推荐</Button>
      </Form>
    </Card>
  );
}

type KindField = 'name' | 'sector' | 'target' | 'orgTypes' | 'criteria' | 'code';

/**
 * The save's refusal split by kind and field: `kinds.2.name`, `kinds.2.criteria.0.text` … go under
 * the field of the kind they name (a criterion's under the criteria box); the rest (a kind in use
 * removed, a stale version) above the list.
 */
function kindErrorsOf(e: unknown): { byKind: Map<number, Partial<Record<KindField, string[]>>>; top?: string } {
  const byKind = new Map<number, Partial<Record<KindField, string[]>>>();
  if (!(e instanceof ApiError)) return { byKind, top: e instanceof Error ? e.message : String(e) };
  const rest: string[] = [];
  for (const f of e.fields) {
    const m = /^kinds\.(\d+)\.(name|sector|target|orgTypes|criteria|code)\b/.exec(f.field);
    if (!m) {
      rest.push(f.message);
      continue;
    }
    const at = byKind.get(Number(m[1])) ?? {};
    const field = m[2] as KindField;
    (at[field] ??= []).push(f.message);
    byKind.set(Number(m[1]), at);
  }
  return { byKind, top: rest.length ? rest.join('；') : byKind.size ? undefined : e.message };
}

const FieldMsg = ({ msgs, testId }: { msgs?: string[]; testId: string }) =>
  msgs?.length ? <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid={testId}>{msgs.join('；')}</Typography.Text> : null;

/** The county's kinds: the sample set until saved; the county edits names and criteria, retires or adds kinds. */
function KindsTab() {
  const kinds = useDesignationKinds();
  const can = useCan();
  const save = useSaveDesignationKinds();
  const [draft, setDraft] = useState<DesignationKind[]>();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Map<number, Partial<Record<KindField, string[]>>>>(new Map());
  const k = kinds.data;
  if (kinds.error) return <ApiErrorAlert error={kinds.error} />;
  if (!k) return <Card loading />;
  const editing = draft !== undefined;
  const list = draft ?? k.kinds;
  const set = (i: number, patch: Partial<DesignationKind>) => {
    setDraft(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    // a field edited again loses its message
    const at = fieldErrors.get(i);
    if (at && Object.keys(patch).some((f) => f in at)) {
      const next = new Map(fieldErrors);
      const left = Object.fromEntries(Object.entries(at).filter(([f]) => !(f in patch)));
      if (Object.keys(left).length) next.set(i, left);
      else next.delete(i);
      setFieldErrors(next);
    }
  };
  return (
    <div data-testid="designation-kinds">
      {k.isSample && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message="样例：种子材料只给出了称号名称和数量，没有认定标准；以下标准为样例，请县委组织部按本县办法修改后保存。" />}
      {can('recognition:configure') && !editing && <Button style={{ marginBottom: 8 }} onClick={() => setDraft(structuredClone(k.kinds))} data-testid="kinds-edit">修改类别和认定标准</Button>}
      {list.map((x, i) => {
        const fe = editing ? fieldErrors.get(i) : undefined;
        return (
        <Card key={x.code} size="small" style={{ marginBottom: 8 }} data-testid={`kind-${i}`}
          title={editing ? (
            <div style={{ padding: '4px 0' }}>
              <Input value={x.name} maxLength={40} placeholder="称号名称" status={fe?.name || fe?.code ? 'error' : undefined} onChange={(e) => set(i, { name: e.target.value })} data-testid={`kind-${i}-name`} />
              <FieldMsg msgs={[...(fe?.name ?? []), ...(fe?.code ?? [])]} testId={`kind-${i}-name-error`} />
            </div>
          ) : <Space>{x.name}{!x.active && <Tag>已停用</Tag>}</Space>}
          extra={editing ? <Space size={4}><Switch size="small" checked={x.active} onChange={(c) => set(i, { active: c })} />启用</Space> : <Tag>{DESIGNATION_SECTOR_LABELS[x.sector].zh} · 授予{DESIGNATION_TARGET_LABELS[x.target].zh}</Tag>}>
          {editing && (
            <Space wrap style={{ marginBottom: 8 }}>
              <Select size="small" style={{ minWidth: 120 }} value={x.sector} onChange={(v) => set(i, { sector: v })} aria-label="领域"
                options={DESIGNATION_SECTORS.map((v) => ({ value: v, label: DESIGNATION_SECTOR_LABELS[v].zh }))} />
              <Select size="small" style={{ minWidth: 100 }} value={x.target} onChange={(v) => set(i, { target: v })} aria-label="授予对象"
                options={DESIGNATION_TARGETS.map((v) => ({ value: v, label: `授予${DESIGNATION_TARGET_LABELS[v].zh}` }))} />
              <Select size="small" mode="multiple" style={{ minWidth: 200 }} value={x.orgTypes} onChange={(v) => set(i, { orgTypes: v })} placeholder="适用的组织类型" aria-label="适用的组织类型"
                status={fe?.orgTypes ? 'error' : undefined} data-testid={`kind-${i}-org-types`}
                options={(['village', 'community', 'agency', 'enterprise', 'social_org', 'station', 'township', 'department'] as OrgType[]).map((v) => ({ value: v, label: ORG_TYPE_LABELS[v]?.zh ?? v }))} />
              <FieldMsg msgs={[...(fe?.sector ?? []), ...(fe?.target ?? []), ...(fe?.orgTypes ?? [])]} testId={`kind-${i}-types-error`} />
            </Space>
          )}
          {editing ? (
            <>
              <Input.TextArea rows={3} value={x.criteria.map((c) => c.text).join('\n')} placeholder="每行一条认定标准" status={fe?.criteria ? 'error' : undefined} data-testid={`kind-${i}-criteria`}
                onChange={(e) => set(i, { criteria: e.target.value.split('\n').map((text, j) => ({ code: x.criteria[j]?.code ?? `c${j + 1}`, text })) })} />
              <FieldMsg msgs={fe?.criteria} testId={`kind-${i}-criteria-error`} />
            </>
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 18 }}>{x.criteria.map((c) => <li key={c.code}>{c.text}</li>)}</ol>
          )}
        </Card>
        );
      })}
      {editing && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button icon={<PlusOutlined />} data-testid="kinds-add"
            onClick={() => setDraft([...list, { code: `k${Date.now().toString(36)}`, name: '', sector: 'rural', target: 'org', orgTypes: ['village'], criteria: [{ code: 'c1', text: '' }], active: true }])}>新增称号类别</Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>每行一条认定标准；已有称号使用的类别不能删除，可停用（关闭“启用”）。</Typography.Text>
          {error && <Alert type="error" showIcon message={error} data-testid="kinds-error" />}
          <Space>
            <Button type="primary" loading={save.isPending} data-testid="kinds-save"
              onClick={() => {
                setError(undefined);
                setFieldErrors(new Map());
                const kindsToSave = list.map((x) => ({ ...x, criteria: x.criteria.filter((c) => c.text.trim()) }));
                save.mutate({ version: k.version, kinds: kindsToSave }, {
                  onSuccess: () => setDraft(undefined),
                  onError: (e) => {
                    const { byKind, top } = kindErrorsOf(e);
                    setFieldErrors(byKind);
                    setError(top ?? (byKind.size ? `有 ${byKind.size} 个类别需要修改，见各类别下的红字` : undefined));
                  },
                });
              }}>保存（新版本）</Button>
            <Button onClick={() => { setDraft(undefined); setError(undefined); setFieldErrors(new Map()); }}>取消</Button>
          </Space>
        </Space>
      )}
    </div>
  );
}
