// 干部选任: 公开选拔 (a list by stage; a township applies), 换届 (each township's round as a progress
// board, each village's next step one tap away), 结对培养 (counts per township, the pairs and their
// contacts). Phone first: tables scroll sideways, dialogs are one column.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App as AntApp, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Progress, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CONTACT_WAY_LABELS, CONTACT_WAYS, ELECTION_ROLES, ELECTION_STAGE_LABELS, MENTEE_KIND_LABELS, MENTEE_KINDS, MENTOR_KIND_LABELS, MENTOR_KINDS,
  MENTORING_MODE_LABELS, POST_ROLE_LABELS, SELECTION_STATE_LABELS, SELECTION_STATES,
  type ElectionStage, type MentoringPair, type SelectionRow, type SelectionState,
} from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors, ExportButton, PageHead } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { PersonSelect } from '../../cadres/components/PostDialogs';
import {
  useAddContact, useApplySelection, useBoard, useCreatePair, useElectionVillage, useMentoringSummary, useOpenRound, usePair, usePairs, useRounds, useSelections, useVillageStep,
} from '../selection.api';

const d = (v: Dayjs) => v.format('YYYY-MM-DD');
export const STAGE_COLOR: Record<SelectionState, string> = {
  applied: 'default', registration: 'blue', vetting: 'cyan', written: 'geekblue', interview: 'purple', inspection: 'orange', appointed: 'green', cancelled: 'red',
};
const ELECTION_COLOR: Record<ElectionStage, string> = { pending: 'default', recommended: 'blue', inspected: 'orange', elected: 'green' };

export function SelectionsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'selections';
  return (
    <div data-testid="selection-page">
      <PageHead title="干部选任" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'selections', label: '公开选拔', children: <SelectionsTab /> },
          { key: 'elections', label: '换届', children: <ElectionsTab /> },
          { key: 'mentoring', label: '结对培养', children: <MentoringTab /> },
        ]}
      />
    </div>
  );
}

function SelectionsTab() {
  const { label } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [status, setStatus] = useState<SelectionState>();
  const [page, setPage] = useState(1);
  const list = useSelections({ status, page, pageSize: 20 });
  const [applying, setApplying] = useState(false);
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部阶段" style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={SELECTION_STATES.map((s) => ({ value: s, label: label(SELECTION_STATE_LABELS[s]) }))} data-testid="selection-stage-filter" />
        {can('selection:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)} data-testid="selection-apply">申报公开选拔</Button>}
      </Space>
      {list.error ? <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<SelectionRow>
          size="small" rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => navigate(`/selection/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': 'selection-row', 'data-org': r.org.name }) as never}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 项` }}
          columns={[
            { title: '村（社区）', key: 'org', render: (_, r) => <Link to={`/selection/${r.id}`}>{r.org.name}</Link> },
            { title: '乡镇', dataIndex: 'township' },
            { title: '岗位', key: 'role', render: (_, r) => <>{label(POST_ROLE_LABELS[r.role])}{r.civilService && <Tag style={{ marginInlineStart: 6 }}>公职化</Tag>}</> },
            { title: '阶段', key: 'status', render: (_, r) => <Tag color={STAGE_COLOR[r.status]}>{label(SELECTION_STATE_LABELS[r.status])}</Tag> },
            { title: '报名', dataIndex: 'candidates' },
            { title: '审查通过', dataIndex: 'passed' },
            { title: '申报日期', dataIndex: 'openedOn' },
          ]}
        />
      )}
      {applying && <ApplyModal onClose={() => setApplying(false)} />}
    </Card>
  );
}

function ApplyModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const apply = useApplySelection();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      const s = await apply.mutateAsync({ orgId: v.orgId, role: v.role, conditions: v.conditions.trim(), civilService: Boolean(v.civilService) });
      onClose();
      navigate(`/selection/${s.id}`);
    } catch (e) {
      setError(applyFieldErrors(form, e, ['orgId', 'role', 'conditions']));
    }
  };
  return (
    <Modal open title="乡镇党委申报公开选拔" onCancel={onClose} onOk={() => void submit()} confirmLoading={apply.isPending} destroyOnHidden okText="申报" okButtonProps={{ 'data-testid': 'selection-apply-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ role: 'secretary', civilService: false }}>
        <Form.Item name="orgId" label="村（社区）" rules={[{ required: true, message: '请选择村（社区）' }]}><OrgTreeSelect selectable={['village', 'community']} testId="selection-org" /></Form.Item>
        <Form.Item name="role" label="岗位"><Radio.Group options={[{ value: 'secretary', label: '书记' }, { value: 'first_secretary', label: '第一书记' }]} /></Form.Item>
        <Form.Item name="conditions" label="人选条件" rules={[{ required: true, whitespace: true, message: '请填写人选条件' }]}><Input.TextArea rows={3} maxLength={500} placeholder="如：中共党员，35周岁以下，大专及以上学历" data-testid="selection-conditions" /></Form.Item>
        <Form.Item name="civilService" label="公职化村党组织书记" valuePropName="checked"><Switch /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="selection-error">{error}</div>}
    </Modal>
  );
}

// ---------------- 换届 ----------------
function ElectionsTab() {
  const can = useCan();
  const rounds = useRounds({ pageSize: 50 });
  const [roundId, setRoundId] = useState<number>();
  const [opening, setOpening] = useState(false);
  const current = roundId ?? rounds.data?.items[0]?.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          {can('selection:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>开始乡镇换届</Button>}
        </Space>
        {rounds.error ? <ApiErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} /> : (
          <Table
            size="small" rowKey="id" loading={rounds.isFetching} dataSource={rounds.data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => setRoundId(r.id), style: { cursor: 'pointer', background: r.id === current ? '#e6f4ff' : undefined } })}
            locale={{ emptyText: '暂无换届' }}
            columns={[
              { title: '乡镇', key: 'org', render: (_, r) => r.org.name },
              { title: '年度', dataIndex: 'year' },
              { title: '进度', key: 'p', render: (_, r) => <div style={{ minWidth: 160 }}><Progress percent={r.villages ? Math.round((r.done / r.villages) * 100) : 0} size="small" format={() => `${r.done}/${r.villages}`} /></div> },
              { title: '已完成', dataIndex: 'done' },
              { title: '未完成', dataIndex: 'pending' },
            ]}
          />
        )}
      </Card>
      {current && <RoundBoard id={current} />}
      {opening && <OpenRoundModal onClose={() => setOpening(false)} />}
    </Space>
  );
}

function OpenRoundModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const open = useOpenRound();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await open.mutateAsync({ townshipId: v.townshipId, year: v.year });
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['townshipId', 'year']));
    }
  };
  return (
    <Modal open title="开始乡镇换届" onCancel={onClose} onOk={() => void submit()} confirmLoading={open.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year: dayjs().year() }}>
        <Form.Item name="townshipId" label="乡镇（街道）" rules={[{ required: true, message: '请选择乡镇（街道）' }]}><OrgTreeSelect selectable={['township']} /></Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
    </Modal>
  );
}

function RoundBoard({ id }: { id: number }) {
  const { label } = useI18n();
  const board = useBoard(id);
  const [villageId, setVillageId] = useState<number>();
  if (board.error) return <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data;
  return (
    <Card size="small" loading={!b} title={b && `${b.org.name}${b.year}年换届进度`} data-testid="election-board">
      {b && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text>已完成 <b data-testid="election-done">{b.done}</b> 个</Typography.Text>
            <Typography.Text>未完成 <b>{b.pending}</b> 个</Typography.Text>
            {(['pending', 'recommended', 'inspected', 'elected'] as const).map((s) => <Tag key={s} color={ELECTION_COLOR[s]}>{label(ELECTION_STAGE_LABELS[s])} {b.byStage[s]}</Tag>)}
          </Space>
          <Table
            size="small" rowKey="id" dataSource={b.villageList} pagination={false} scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => setVillageId(r.id), style: { cursor: 'pointer' }, 'data-testid': 'election-village-row', 'data-org': r.org.name }) as never}
            columns={[
              { title: '村（社区）', key: 'org', render: (_, r) => r.org.name },
              { title: '阶段', key: 'stage', render: (_, r) => <Tag color={ELECTION_COLOR[r.stage]}>{label(ELECTION_STAGE_LABELS[r.stage])}</Tag> },
              { title: '推荐', dataIndex: 'recommendedOn', render: (v) => v ?? '—' },
              { title: '考察', dataIndex: 'inspectedOn', render: (v) => v ?? '—' },
              { title: '选举', dataIndex: 'electedOn', render: (v) => v ?? '—' },
            ]}
          />
        </>
      )}
      {villageId && <VillageModal id={villageId} onClose={() => setVillageId(undefined)} />}
    </Card>
  );
}

/** One village of a round: its candidates and the next step (recommend, inspect, elect). */
function VillageModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { label } = useI18n();
  const can = useCan();
  const q = useElectionVillage(id);
  const step = useVillageStep(id);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const v = q.data;
  const writable = can('selection:write') && v && v.stage !== 'elected';
  const submit = async () => {
    if (!v) return;
    const f = await form.validateFields();
    setError(undefined);
    try {
      if (v.stage === 'pending') await step.mutateAsync({ step: 'recommend', body: { version: v.version, date: d(f.date), candidates: f.candidates } });
      else if (v.stage === 'recommended') {
        await step.mutateAsync({ step: 'inspect', body: { version: v.version, date: d(f.date), results: v.candidates.map((k) => ({ candidateId: k.id, passed: f[`pass${k.id}`] !== false, reason: f[`reason${k.id}`]?.trim() || undefined })) } });
      } else await step.mutateAsync({ step: 'elect', body: { version: v.version, date: d(f.date), elected: f.elected ?? [] } });
      message.success('已保存');
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['date']));
    }
  };
  const stepName = v?.stage === 'pending' ? '推荐人选' : v?.stage === 'recommended' ? '考察人选' : '选举结果';
  return (
    <Modal open title={v ? `${v.org.name} · ${label(ELECTION_STAGE_LABELS[v.stage])}` : '换届'} onCancel={onClose} destroyOnHidden
      onOk={writable ? () => void submit() : onClose} okText={writable ? `保存${stepName}` : '关闭'} confirmLoading={step.isPending} okButtonProps={{ 'data-testid': 'election-submit' } as never}>
      {q.error && <ApiErrorAlert error={q.error} />}
      {v && v.candidates.length > 0 && (
        <Table size="small" rowKey="id" dataSource={v.candidates} pagination={false} style={{ marginBottom: 12 }}
          columns={[
            { title: '姓名', key: 'n', render: (_, k) => <Link to={`/people/${k.person.id}`}>{k.person.name}</Link> },
            { title: '岗位', key: 'r', render: (_, k) => label(POST_ROLE_LABELS[k.role]) },
            { title: '考察', key: 'i', render: (_, k) => (k.inspection === null ? '—' : k.inspection === 'passed' ? <Tag color="green">合格</Tag> : <Tag color="red" title={k.inspectionReason ?? ''}>不合格</Tag>) },
            { title: '当选', key: 'e', render: (_, k) => (k.elected ? <Tag color="green">当选</Tag> : '') },
          ]}
        />
      )}
      {writable && (
        <Form form={form} layout="vertical" initialValues={{ date: dayjs(), candidates: [{ role: 'secretary' }] }}>
          <Form.Item name="date" label={`${stepName}日期`} rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          {v.stage === 'pending' && (
            <Form.List name="candidates">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item name={[field.name, 'personId']} rules={[{ required: true, message: '请选择人选' }]} style={{ minWidth: 200 }}><PersonSelect orgId={v.org.id} /></Form.Item>
                      <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: '请选择岗位' }]}>
                        <Select style={{ width: 130 }} options={ELECTION_ROLES.map((r) => ({ value: r, label: label(POST_ROLE_LABELS[r]) }))} />
                      </Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除" />}
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add({ role: 'committee_member' })} icon={<PlusOutlined />} block>添加人选</Button>
                </>
              )}
            </Form.List>
          )}
          {v.stage === 'recommended' && v.candidates.map((k) => (
            <Space key={k.id} align="baseline" wrap>
              <span style={{ minWidth: 80, display: 'inline-block' }}>{k.person.name}</span>
              <Form.Item name={`pass${k.id}`} valuePropName="checked" initialValue><Switch checkedChildren="合格" unCheckedChildren="不合格" /></Form.Item>
              <Form.Item name={`reason${k.id}`}><Input placeholder="不合格须写明原因" maxLength={200} /></Form.Item>
            </Space>
          ))}
          {v.stage === 'inspected' && (
            <Form.Item name="elected" label="当选人（当选即任职，原任同岗位的任期结束）" rules={[{ required: true, message: '请选择当选人' }]}>
              <Checkbox.Group options={v.candidates.filter((k) => k.inspection === 'passed').map((k) => ({ value: k.id, label: `${k.person.name}（${label(POST_ROLE_LABELS[k.role])}）` }))} />
            </Form.Item>
          )}
        </Form>
      )}
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="election-error">{error}</div>}
    </Modal>
  );
}

// ---------------- 结对培养 ----------------
function MentoringTab() {
  const { label } = useI18n();
  const can = useCan();
  const summary = useMentoringSummary();
  const [page, setPage] = useState(1);
  const pairs = usePairs({ page, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [pairId, setPairId] = useState<number>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={`按乡镇统计（${summary.data?.year ?? ''}年）`}>
        {summary.error ? <ApiErrorAlert error={summary.error} /> : (
          <Table size="small" rowKey={(r) => r.org.id} dataSource={summary.data?.rows ?? []} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '暂无结对' }}
            columns={[
              { title: '乡镇', key: 'o', render: (_, r) => r.org.name },
              { title: '结对', dataIndex: 'pairs' },
              { title: '一对一', dataIndex: 'oneToOne' },
              { title: '多对一', dataIndex: 'manyToOne' },
              { title: '培养人', dataIndex: 'mentors' },
              { title: '被培养人', dataIndex: 'mentees' },
              { title: '本年联系', dataIndex: 'contacts' },
            ]}
          />
        )}
      </Card>
      <Card size="small" title="结对名单" extra={<Space size={8}><ExportButton path="/api/mentoring/export" fileName="结对培养名单.xlsx" size="small" testId="mentoring-export" />{can('selection:write') && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>建立结对</Button>}</Space>}>
        {pairs.error ? <ApiErrorAlert error={pairs.error} /> : (
          <Table<MentoringPair> size="small" rowKey="id" loading={pairs.isFetching} dataSource={pairs.data?.items ?? []} scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => setPairId(r.id), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize: 20, total: pairs.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 对` }}
            columns={[
              { title: '被培养人', key: 'm', render: (_, r) => <Link to={`/people/${r.mentee.id}`} onClick={(e) => e.stopPropagation()}>{r.mentee.name}</Link> },
              { title: '类别', key: 'k', render: (_, r) => label(MENTEE_KIND_LABELS[r.menteeKind]) },
              { title: '方式', key: 'mode', render: (_, r) => <Tag>{label(MENTORING_MODE_LABELS[r.mode])}</Tag> },
              { title: '培养人', key: 'mentors', render: (_, r) => r.mentors.map((m) => m.name).join('、') },
              { title: '乡镇', key: 'o', render: (_, r) => r.org.name },
              { title: '结对日期', dataIndex: 'startedOn' },
              { title: '联系次数', dataIndex: 'contacts' },
              { title: '最近联系', dataIndex: 'lastContactOn', render: (v) => v ?? '—' },
            ]}
          />
        )}
      </Card>
      {creating && <PairModal onClose={() => setCreating(false)} />}
      {pairId && <PairDetailModal id={pairId} onClose={() => setPairId(undefined)} />}
    </Space>
  );
}

function PairModal({ onClose }: { onClose: () => void }) {
  const { label } = useI18n();
  const [form] = Form.useForm();
  const create = useCreatePair();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      await create.mutateAsync({ mode: v.mode, menteeId: v.menteeId, menteeKind: v.menteeKind, startedOn: d(v.startedOn), mentors: v.mentors, goal: v.goal?.trim() || undefined });
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['menteeId', 'menteeKind', 'startedOn', 'mentors']));
    }
  };
  return (
    <Modal open title="建立结对培养" onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" initialValues={{ mode: 'one_to_one', menteeKind: 'young_cadre', startedOn: dayjs(), mentors: [{ kind: 'committee_member' }] }}>
        <Form.Item name="mode" label="方式"><Radio.Group options={[{ value: 'one_to_one', label: '一对一' }, { value: 'many_to_one', label: '多对一' }]} /></Form.Item>
        <Form.Item name="menteeId" label="被培养人" rules={[{ required: true, message: '请选择被培养人' }]}><PersonSelect /></Form.Item>
        <Form.Item name="menteeKind" label="类别"><Select options={MENTEE_KINDS.map((k) => ({ value: k, label: label(MENTEE_KIND_LABELS[k]) }))} /></Form.Item>
        <Form.List name="mentors">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'personId']} rules={[{ required: true, message: '请选择培养人' }]} style={{ minWidth: 200 }}><PersonSelect /></Form.Item>
                  <Form.Item name={[field.name, 'kind']}><Select style={{ width: 140 }} options={MENTOR_KINDS.map((k) => ({ value: k, label: label(MENTOR_KIND_LABELS[k]) }))} /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除" />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ kind: 'committee_member' })} icon={<PlusOutlined />} block style={{ marginBottom: 12 }}>添加培养人</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="startedOn" label="结对日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="goal" label="培养目标"><Input maxLength={300} /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
    </Modal>
  );
}

function PairDetailModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { label } = useI18n();
  const can = useCan();
  const q = usePair(id);
  const add = useAddContact(id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const p = q.data;
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      await add.mutateAsync({ contactedOn: d(v.contactedOn), way: v.way, content: v.content.trim() });
      form.resetFields(['content']);
    } catch (e) {
      setError(applyFieldErrors(form, e, ['contactedOn', 'way', 'content']));
    }
  };
  return (
    <Modal open title={p ? `${p.mentee.name}的结对培养` : '结对培养'} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      {q.error && <ApiErrorAlert error={q.error} />}
      {p && (
        <>
          <Typography.Paragraph>
            {label(MENTORING_MODE_LABELS[p.mode])} · {label(MENTEE_KIND_LABELS[p.menteeKind])} · 培养人：{p.mentors.map((m) => `${m.name}（${label(MENTOR_KIND_LABELS[m.kind])}）`).join('、')}
            {p.goal && <><br />目标：{p.goal}</>}
          </Typography.Paragraph>
          <Table size="small" rowKey="id" dataSource={p.contactList} pagination={false} locale={{ emptyText: '尚无联系记录' }}
            columns={[{ title: '日期', dataIndex: 'contactedOn' }, { title: '方式', key: 'w', render: (_, c) => label(CONTACT_WAY_LABELS[c.way]) }, { title: '内容', dataIndex: 'content' }]} />
          {can('selection:write') && (
            <Form form={form} layout="vertical" initialValues={{ contactedOn: dayjs(), way: 'talk' }} style={{ marginTop: 12 }}>
              <Space wrap>
                <Form.Item name="contactedOn" label="联系日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
                <Form.Item name="way" label="方式"><Select style={{ width: 120 }} options={CONTACT_WAYS.map((w) => ({ value: w, label: label(CONTACT_WAY_LABELS[w]) }))} /></Form.Item>
              </Space>
              <Form.Item name="content" label="内容" rules={[{ required: true, whitespace: true, message: '请填写联系内容' }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
              <Button type="primary" onClick={() => void submit()} loading={add.isPending}>记录联系</Button>
            </Form>
          )}
          {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
        </>
      )}
    </Modal>
  );
}
