// 吹哨报到: the board. The whistler blows on a request or a ledger problem, sees each department's
// part and re-routes a declined one; a department reports in (报到), claims, records the on-site
// handling, finishes — or declines with a reason and a suggested owner. Response minutes per
// department, whistles per unit and department load below.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Alert, Button, Card, Checkbox, Col, Descriptions, Drawer, Empty, Form, Grid, Input, Modal, Row, Segmented, Select, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { REQUEST_CATEGORY_LABELS, type RequestCategory, type WhistlePartActionT, type WhistleView } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, applyFieldErrors } from '../../../app/ui';
import { MoreButton } from '../../../app/pager';
import { useUrlState } from '../../../app/url-state';
import { useAwaitingWhistles, useDepartments, useJudicialTransfer, usePartAction, useReroute, useWhistleLoad, useWhistle, useWhistleSource, useWhistles } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';
import { WhistleModal } from '../components/WhistleModal';
import { PartStatusTag } from '../components/tags';
import '../citizens.css';

type Part = WhistleView['parts'][number];
type PartDialog = { part: Part; action: WhistlePartActionT['action'] | 'reroute' | 'judicial' };

function PartDialogModal({ dialog, onClose }: { dialog: PartDialog; onClose: () => void }) {
  const { t: tc } = useI18n();
  const t = useCitizensT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const act = usePartAction();
  const reroute = useReroute();
  const judicial = useJudicialTransfer();
  const departments = useDepartments();
  const [error, setError] = useState<string>();
  const { part, action } = dialog;
  const title = { claim: t('wh.claim'), record: t('wh.record'), finish: t('wh.finish'), decline: t('wh.decline'), report: t('wh.report'), reroute: t('wh.reroute'), judicial: t('wh.judicial') }[action];
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setError(undefined);
    try {
      if (action === 'reroute') await reroute.mutateAsync({ partId: part.id, departmentId: v.departmentId });
      else if (action === 'judicial') await judicial.mutateAsync({ partId: part.id, version: part.version, note: v.note });
      else await act.mutateAsync({ partId: part.id, version: part.version, action, ...v });
      message.success(action === 'judicial' ? t('wh.judicialDone', { o: part.department.name }) : t(`wh.${action}Done`));
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['part', 'onsiteRecord', 'result', 'reason', 'suggestedOrgId', 'departmentId']));
    }
  };
  const deptOptions = (departments.data ?? []).filter((d) => d.id !== part.department.id).map((d) => ({ value: d.id, label: d.name }));
  return (
    <Modal open title={`${title} · ${part.department.name}`} onCancel={onClose} onOk={submit} confirmLoading={act.isPending || reroute.isPending || judicial.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'part-ok', danger: action === 'decline' } as ButtonProps}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={action === 'decline' ? { reason: t('wh.reasonDefault') } : action === 'reroute' ? { departmentId: part.suggestedOrg?.id } : {}}>
        {action === 'claim' && (
          <Form.Item name="part" label={t('wh.part')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('wh.part') }) }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="part-text" />
          </Form.Item>
        )}
        {action === 'record' && (
          <>
            <Form.Item name="onsiteRecord" label={t('wh.onsite')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} data-testid="part-onsite" /></Form.Item>
            <Form.Item name="judicialTransfer" valuePropName="checked"><Checkbox>{t('wh.judicial')}</Checkbox></Form.Item>
          </>
        )}
        {action === 'finish' && (
          <>
            <Form.Item name="result" label={t('wh.result')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('wh.result') }) }]}><Input.TextArea rows={3} maxLength={4000} data-testid="part-result" /></Form.Item>
            <Form.Item name="judicialTransfer" valuePropName="checked"><Checkbox>{t('wh.judicial')}</Checkbox></Form.Item>
          </>
        )}
        {action === 'decline' && (
          <>
            <Form.Item name="reason" label={t('wh.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={2000} data-testid="part-reason" /></Form.Item>
            <Form.Item name="suggestedOrgId" label={t('wh.suggested')}><Select allowClear showSearch optionFilterProp="label" options={deptOptions} data-testid="decline-suggested" /></Form.Item>
          </>
        )}
        {action === 'judicial' && (
          <>
            <Typography.Paragraph type="secondary">{t('wh.judicialHint')}</Typography.Paragraph>
            <Form.Item name="note" label={t('wh.judicialNote')}><Input.TextArea rows={2} maxLength={2000} data-testid="judicial-note" /></Form.Item>
          </>
        )}
        {action === 'reroute' && (
          <Form.Item name="departmentId" label={t('wh.departments')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={deptOptions} data-testid="reroute-dept" /></Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** What the whistle was blown for, read-only: for a department, the only way to the request. */
function SourceDrawer({ whistleId, onClose }: { whistleId: number; onClose: () => void }) {
  const t = useCitizensT();
  const { label } = useI18n();
  const isMobile = Grid.useBreakpoint().md === false;
  const source = useWhistleSource(whistleId);
  // a request's category is a code with a label; a problem's is the county's own words
  const category = (c: string, type: string) => (type === 'request' && c in REQUEST_CATEGORY_LABELS ? label(REQUEST_CATEGORY_LABELS[c as RequestCategory]) : c);
  const s = source.data;
  return (
    <Drawer open onClose={onClose} title={s ? s.title : t('wh.srcTitle')} placement={isMobile ? 'bottom' : 'right'} size={isMobile ? '85%' : 520} destroyOnHidden data-testid="whistle-source">
      <ApiErrorAlert error={source.error} onRetry={() => void source.refetch()} />
      {source.isPending && <Spin />}
      {s && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={s.type === 'problem' ? t('wh.srcProblem') : t('wh.srcRequest')}>{s.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('wh.sourceMatter')}><span style={{ whiteSpace: 'pre-wrap' }}>{s.matter}</span></Descriptions.Item>
            {s.citizenName && <Descriptions.Item label={t('wh.sourceCitizen')}>{s.citizenName}{s.phone ? ` · ${s.phone}` : ''}</Descriptions.Item>}
            {s.category && <Descriptions.Item label={t('wh.sourceCategory')}>{category(s.category, s.type)}</Descriptions.Item>}
            {s.measures && <Descriptions.Item label={t('wh.sourceMeasures')}>{s.measures}</Descriptions.Item>}
            {(s.promisedDate ?? s.deadline) && <Descriptions.Item label={t('wh.sourceDue')}>{s.promisedDate ?? s.deadline}</Descriptions.Item>}
            <Descriptions.Item label={t('wh.sourceOpened')}>{dayjs(s.openedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('wh.sourceTimeline')}</Typography.Title>
          <Timeline items={s.timeline.map((e) => ({ content: <><div>{e.body}</div><div className="lx-muted">{e.actor} · {dayjs(e.at).format('MM-DD HH:mm')}</div></> }))} />
        </>
      )}
    </Drawer>
  );
}

function WhistleCard({ w, focus, onAct, mineOnly }: { w: WhistleView; focus: boolean; onAct: (d: PartDialog) => void; mineOnly: boolean }) {
  const t = useCitizensT();
  const can = useCan();
  const me = useAccount();
  const { message } = AntApp.useApp();
  const act = usePartAction();
  const myPath = me.scopeOrg.id;
  // A department answers its own parts (scope = the department); the whistler re-routes declined ones.
  const isMine = (p: Part) => can('citizen:answer') && p.department.id === myPath;
  const iWhistled = can('citizen:whistle') && w.whistler.id === me.scopeOrg.id;
  const parts = mineOnly ? w.parts.filter(isMine) : w.parts;
  const [viewing, setViewing] = useState(false);
  const report = async (p: Part) => {
    try {
      await act.mutateAsync({ partId: p.id, version: p.version, action: 'report' });
      message.success(t('wh.reportDone'));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const done = w.parts.filter((p) => p.status === 'done').length;
  const live = w.parts.filter((p) => p.status !== 'rerouted').length;
  return (
    <Card
      size="small"
      className={`lx-whistle-card${focus ? ' lx-focus' : ''}`}
      data-testid="whistle-card"
      title={
        <Space wrap size={6}>
          <Tag color={w.status === 'done' ? 'green' : 'blue'}>{w.status === 'done' ? t('wh.done') : t('wh.open')}</Tag>
          <span className="lx-muted">{t('req.whistleParts', { done, n: live })}</span>
        </Space>
      }
      extra={
        can('citizen:whistle') ? (
          <Link to={w.sourceType === 'problem' ? `/ledger/${w.sourceCaseId}` : `/citizens/${w.sourceCaseId}`}>{w.sourceType === 'problem' ? t('wh.openProblem') : t('wh.openRequest')}</Link>
        ) : (
          <Button type="link" size="small" onClick={() => setViewing(true)} data-testid="whistle-source-open">{w.sourceType === 'problem' ? t('wh.openProblem') : t('wh.openRequest')}</Button>
        )
      }
    >
      {viewing && <SourceDrawer whistleId={w.id} onClose={() => setViewing(false)} />}
      <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{w.matter}</Typography.Paragraph>
      <div className="lx-muted">{t('wh.whistler')}：{w.whistler.name} · {dayjs(w.createdAt).format('YYYY-MM-DD HH:mm')}</div>
      {parts.map((p) => (
        <div key={p.id} className="lx-part" data-testid="whistle-part" data-dept={p.department.name}>
          <div className="lx-part-head">
            <strong>{p.department.name}</strong>
            <Space size={4}>
              {p.judicialTransfer && <Tag color="purple">{t('wh.judicialTag')}</Tag>}
              <PartStatusTag status={p.status} />
            </Space>
          </div>
          {p.reportedAt && p.status !== 'declined' && <div className="lx-part-line">{t('wh.reportedAt')} {dayjs(p.reportedAt).format('MM-DD HH:mm')}（{t('wh.responseMin', { n: p.responseMinutes ?? 0 })}）</div>}
          {p.part && <div className="lx-part-line">{t('wh.part')}：{p.part}</div>}
          {p.onsiteRecord && <div className="lx-part-line">{t('wh.onsite')}：{p.onsiteRecord}</div>}
          {p.result && <div className="lx-part-line">{t('wh.result')}：{p.result}</div>}
          {p.declineReason && <div className="lx-part-line" style={{ color: '#cf1322' }}>{t('wh.declined', { r: p.declineReason })}{p.suggestedOrg && ` · ${t('wh.suggestedTo', { o: p.suggestedOrg.name })}`}</div>}
          <div className="lx-part-actions">
            <Space wrap className="lx-part-buttons">
              {isMine(p) && p.status === 'whistled' && <Button type="primary" loading={act.isPending} onClick={() => report(p)} data-testid="part-report">{t('wh.report')}</Button>}
              {isMine(p) && p.status === 'reported' && <Button type="primary" onClick={() => onAct({ part: p, action: 'claim' })} data-testid="part-claim">{t('wh.claim')}</Button>}
              {isMine(p) && p.status === 'handling' && <Button onClick={() => onAct({ part: p, action: 'record' })} data-testid="part-record">{t('wh.record')}</Button>}
              {isMine(p) && p.status === 'handling' && <Button type="primary" onClick={() => onAct({ part: p, action: 'finish' })} data-testid="part-finish">{t('wh.finish')}</Button>}
              {isMine(p) && (p.status === 'whistled' || p.status === 'reported') && <Button danger onClick={() => onAct({ part: p, action: 'decline' })} data-testid="part-decline">{t('wh.decline')}</Button>}
              {iWhistled && p.status === 'declined' && <Button type="primary" onClick={() => onAct({ part: p, action: 'reroute' })} data-testid="part-reroute">{t('wh.reroute')}</Button>}
              {iWhistled && !p.judicialTransfer && p.status !== 'declined' && p.status !== 'rerouted' && <Button onClick={() => onAct({ part: p, action: 'judicial' })} data-testid="part-judicial">{t('wh.judicial')}</Button>}
            </Space>
          </div>
        </div>
      ))}
    </Card>
  );
}

function LoadView() {
  const t = useCitizensT();
  const { t: tc } = useI18n();
  const load = useWhistleLoad();
  if (load.isPending) return <Spin />;
  if (load.error) return <ApiErrorAlert error={load.error} onRetry={() => void load.refetch()} />;
  const busiest = Math.max(1, ...load.data.departments.map((d) => d.open));
  return (
    <Row gutter={[12, 12]} data-testid="whistle-load">
      <Col xs={24} lg={16}>
        <Card size="small" title={t('wh.load')} styles={{ body: { padding: 0 } }}>
          <Table
            rowKey={(d) => d.department.id}
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={load.data.departments}
            locale={{ emptyText: tc('common.empty') }}
            columns={[
              { title: t('wh.partsCol'), key: 'd', fixed: 'left', width: 150, render: (_: unknown, d) => d.department.name },
              { title: t('wh.openParts'), dataIndex: 'open', width: 150, render: (n: number) => <Space><span>{n}</span><span className="lx-load-bar" style={{ display: 'inline-block', height: 8, width: Math.round((n / busiest) * 80), background: n >= 3 ? '#cf1322' : '#fa8c16', borderRadius: 4 }} /></Space> },
              { title: t('wh.totalParts'), dataIndex: 'parts', width: 70 },
              { title: t('wh.avgResponse'), dataIndex: 'avgResponseMinutes', width: 120, render: (m: number | null) => (m === null ? '—' : t('wh.minutes', { n: m })) },
              { title: t('wh.declinedCol'), dataIndex: 'declined', width: 70 },
              { title: t('wh.judicialCol'), dataIndex: 'judicialTransfers', width: 100 },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('wh.byWhistler')}>
          {load.data.whistlers.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            load.data.whistlers.map((w) => (
              <div key={w.org.id} className="lx-whistle-line" style={{ justifyContent: 'space-between' }}>
                <span>{w.org.name}</span>
                <Tag>{t('wh.times', { n: w.whistles })}</Tag>
              </div>
            ))
          )}
        </Card>
      </Col>
    </Row>
  );
}

export function WhistlesPage() {
  const t = useCitizensT();
  const { t: tc } = useI18n();
  const can = useCan();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['tab', 'view', 'id', 'q'] as const);
  const isDepartment = can('citizen:answer');
  const view = values.view ?? (isDepartment ? 'mine' : 'open');
  const focus = values.id ? Number(values.id) : undefined;
  // 待本部门报到: the server's list of whistles still waiting on this department (reported in,
  // handling included; finished, declined and re-routed parts drop out)
  const mineView = view === 'mine' && !focus;
  // open / done / all and the search are the server's (SQL over the whole scope, not the pages loaded)
  const all = useWhistles({ status: view === 'open' || view === 'done' ? view : undefined, q: values.q }, !mineView);
  const awaiting = useAwaitingWhistles(isDepartment, values.q);
  const whistles = mineView ? awaiting : all;
  const [blowing, setBlowing] = useState(false);
  const [dialog, setDialog] = useState<PartDialog>();
  // a whistle linked to by id may be older than the pages loaded: then it is read on its own
  const loadedFocus = focus ? whistles.items.find((w) => w.id === focus) : undefined;
  const one = useWhistle(focus && !loadedFocus && !whistles.isPending ? focus : undefined);
  const list = useMemo(() => {
    const rows = whistles.items;
    if (focus) return loadedFocus ? [loadedFocus] : one.data ? [one.data] : [];
    return rows;
  }, [whistles.items, focus, loadedFocus, one.data]);
  const tab = values.tab === 'load' ? 'load' : 'board';
  const board = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={focus ? 'one' : view}
          onChange={(v) => update({ view: String(v), id: undefined })}
          options={[
            ...(isDepartment ? [{ value: 'mine', label: awaiting.data ? `${t('wh.mine')}（${awaiting.total}）` : t('wh.mine') }] : []),
            { value: 'open', label: t('wh.open') },
            { value: 'done', label: t('wh.done') },
            { value: 'all', label: tc('common.all') },
            ...(focus ? [{ value: 'one', label: `#${focus}` }] : []),
          ]}
          data-testid="whistle-view"
        />
        {!focus && (
          <Input.Search allowClear placeholder={t('wh.search')} defaultValue={values.q} onSearch={(q) => update({ q: q || undefined })} style={{ width: isMobile ? '100%' : 240 }} data-testid="whistle-search" />
        )}
      </Space>
      <ApiErrorAlert error={whistles.error} onRetry={() => void whistles.refetch()} />
      <Spin spinning={whistles.isFetching && !whistles.data}>
        {list.length === 0 && !whistles.isPending ? (
          <Card><Empty description={mineView ? t('wh.emptyMine') : t('wh.empty')} /></Card>
        ) : (
          <Row gutter={[12, 0]}>
            {list.map((w) => (
              <Col xs={24} xl={12} key={w.id}>
                <WhistleCard w={w} focus={w.id === focus} onAct={setDialog} mineOnly={false} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      {!focus && <MoreButton list={whistles} testId="whistle-more" />}
    </>
  );
  return (
    <div data-testid="whistles-page">
      <PageHead
        title={t('wh.title')}
        extra={can('citizen:whistle') && <Button type="primary" icon={<NotificationOutlined />} onClick={() => setBlowing(true)} data-testid="whistle-open">{t('wh.blow')}</Button>}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'load' ? 'load' : undefined })}
        size={isMobile ? 'small' : 'middle'}
        items={[
          { key: 'board', label: t('wh.board'), children: tab === 'board' ? board : null },
          { key: 'load', label: t('wh.load'), children: tab === 'load' ? <LoadView /> : null },
        ]}
      />
      {blowing && <WhistleModal open onClose={() => setBlowing(false)} onBlown={(id) => update({ id, view: undefined })} />}
      {dialog && <PartDialogModal dialog={dialog} onClose={() => setDialog(undefined)} />}
    </div>
  );
}
