// One assignment (a directive as received by one org). The recipient reports on it (text, the
// form's figures, done/partly/not done with reason) — on a phone too; a station first breaks it
// down to its villages, sees their reports, compiles them (pre-filled, editable) and reports up.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Radio,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ApartmentOutlined, CalculatorOutlined, FundViewOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { OUTCOME_LABELS, OUTCOMES, type AssignmentView, type Board, type BoardRow, type Outcome } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { humanTitle, periodLabel } from '../../../app/dates';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { dispatchKeys, fetchCompiled, useAssignment, useFanOut, useReport, type Compiled } from '../dispatch.api';
import { useDispatchT } from '../dispatch.messages';
import { AssignmentTag, DueTag, FiguresView, FormFieldInputs, KindTag, OutcomeTag, formatTime, putFieldErrors, todayStr, useOrgsBelow } from '../components/bits';
import { FileList, UploadFile } from '../components/Files';
import '../dispatch.css';

export function AssignmentPage() {
  const id = Number(useParams().id);
  const t = useDispatchT();
  const { lang } = useI18n();
  const me = useAccount();
  const can = useCan();
  const q = useAssignment(id);
  const a = q.data;
  usePageCrumb(a ? humanTitle(a.directive.title, lang) : undefined);
  const villages = useOrgsBelow(a?.org.id, ['village', 'community']);
  const [fanOpen, setFanOpen] = useState(false);
  const isRecipient = !!a && a.org.id === me.scopeOrg.id && can('dispatch:report');
  const open = a?.directive.status === 'open';
  const children = a?.fannedOut ?? [];
  const boards = useQueries({
    queries: children.map((c) => ({ queryKey: dispatchKeys.board(c.directiveId), queryFn: () => api.get(`/api/directives/${c.directiveId}/board`) })),
  });
  const belowRows = boards.flatMap((b) => (b.data ? b.data.rows.map((r) => ({ ...r, directiveId: b.data.directive.id })) : []));

  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!a) return <Card><Skeleton active /></Card>;
  const canFanOut = isRecipient && open && villages.length > 0;

  return (
    <div className="lx-dispatch lx-assignment-page" data-testid="assignment-page">
      <PageHead
        title={humanTitle(a.directive.title, lang)}
        extra={
          canFanOut ? (
            <Button icon={<ApartmentOutlined />} onClick={() => setFanOpen(true)} data-testid="fan-out-open">
              {t('detail.fanOut')}
            </Button>
          ) : undefined
        }
      />
      <Card className="lx-assignment-head" data-testid="assignment-head">
        <div className="lx-head-line">
          <KindTag kind={a.directive.kind} />
          {a.directive.status === 'closed' && <Tag>{t('status.closed')}</Tag>}
          <AssignmentTag status={a.status} late={a.late} overdue={a.overdue} />
          {a.status === 'pending' && open && <DueTag date={a.dueDate} />}
        </div>
        <Typography.Title level={5} className="lx-phone-title">{humanTitle(a.directive.title, lang)}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('detail.issuer')}>{a.directive.issuer.name}</Descriptions.Item>
          <Descriptions.Item label={t('detail.recipient')}>{a.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('detail.due')}>{a.dueDate}</Descriptions.Item>
          {a.directive.periodKey && <Descriptions.Item label={t('detail.period')}>{periodLabel(a.directive.periodKey, lang)}</Descriptions.Item>}
        </Descriptions>
        <div className="lx-content" data-testid="assignment-content">{a.directive.content || <span className="lx-muted">{t('detail.noContent')}</span>}</div>
        <FileList files={a.directive.attachments} testId="directive-files" />
      </Card>

      {canFanOut || children.length > 0 ? (
        <Card
          title={t('detail.villageReports')}
          className="lx-section"
          data-testid="village-reports"
          extra={
            children.length > 0 ? (
              <span data-testid="below-progress">
                <FundViewOutlined /> {t('inbox.progress', { reported: belowRows.filter((r) => r.status === 'reported').length, targets: belowRows.length })}
              </span>
            ) : undefined
          }
        >
          {children.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noFanOut')}>
              {canFanOut && (
                <Button type="primary" icon={<ApartmentOutlined />} onClick={() => setFanOpen(true)}>
                  {t('detail.fanOut')}
                </Button>
              )}
            </Empty>
          ) : (
            <BelowReports rows={belowRows} form={a.directive.form} loading={boards.some((b) => b.isPending)} />
          )}
        </Card>
      ) : null}

      <ReportSection a={a} isRecipient={isRecipient} hasBelow={children.length > 0} />
      {canFanOut && <FanOutDrawer a={a} open={fanOpen} onClose={() => setFanOpen(false)} villages={villages.map((v) => ({ id: v.id, name: v.name }))} />}
    </div>
  );
}

function BelowReports({ rows, form, loading }: { rows: (BoardRow & { directiveId: number })[]; form: AssignmentView['directive']['form']; loading: boolean }) {
  const t = useDispatchT();
  const phone = Grid.useBreakpoint().md === false;
  if (phone)
    return (
      <SimpleList
        items={rows}
        loading={loading}
        rowKey={(r) => r.assignmentId}
        testId="below-list"
        render={(r) => (
          <div className="lx-below-card">
            <div className="lx-head-line">
              <strong>{r.org.name}</strong>
              <AssignmentTag status={r.status} late={r.late} overdue={r.overdue} />
              <OutcomeTag outcome={r.outcome} />
            </div>
            {r.report && <div className="lx-content small">{r.report}</div>}
            {r.reason && <div className="lx-muted">{t('detail.reason')}：{r.reason}</div>}
            {r.status === 'reported' && <FiguresView form={form} figures={r.figures} />}
            <FileList files={r.attachments} />
          </div>
        )}
      />
    );
  return (
    <Table<BoardRow & { directiveId: number }>
      rowKey="assignmentId"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      data-testid="below-table"
      rowClassName={(r) => (r.overdue ? 'lx-row-overdue' : r.late ? 'lx-row-late' : '')}
      columns={[
        { title: t('board.org'), render: (_, r) => <Link to={`/dispatch/${r.directiveId}`}>{r.org.name}</Link>, width: 140 },
        { title: t('board.status'), width: 110, render: (_, r) => <AssignmentTag status={r.status} late={r.late} overdue={r.overdue} /> },
        { title: t('detail.due'), dataIndex: 'dueDate', width: 110 },
        { title: t('board.outcome'), width: 110, render: (_, r) => <OutcomeTag outcome={r.outcome} /> },
        ...form.map((f) => ({ title: f.label, width: 100, render: (_: unknown, r: BoardRow) => (r.figures[f.key] ?? '—') as string })),
        {
          title: t('board.report'),
          render: (_: unknown, r: BoardRow) => (
            <div className="lx-content small">
              {r.report ?? ''}
              {r.reason ? <div className="lx-muted">{t('detail.reason')}：{r.reason}</div> : null}
              <FileList files={r.attachments} />
            </div>
          ),
        },
        { title: t('board.reportedAt'), width: 150, render: (_: unknown, r: BoardRow) => formatTime(r.reportedAt) },
      ]}
    />
  );
}

type ReportValues = { outcome?: Outcome; reason?: string; text?: string; figures?: Record<string, number | string | undefined> };

function ReportSection({ a, isRecipient, hasBelow }: { a: AssignmentView; isRecipient: boolean; hasBelow: boolean }) {
  const t = useDispatchT();
  const { label } = useI18n();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<ReportValues>();
  const [editing, setEditing] = useState(a.status === 'pending');
  const [topError, setTopError] = useState<string>();
  const [compiled, setCompiled] = useState<Compiled>();
  const [compiling, setCompiling] = useState(false);
  const report = useReport(a.id);
  const outcome = Form.useWatch('outcome', form);
  const open = a.directive.status === 'open';
  const canReport = isRecipient && open && (!a.overdue || a.directive.allowLate);

  const submit = async (v: ReportValues) => {
    setTopError(undefined);
    const figures: Record<string, number | string> = {};
    for (const [k, val] of Object.entries(v.figures ?? {})) if (val !== undefined && val !== null && val !== '') figures[k] = val;
    try {
      await report.mutateAsync({
        version: a.version,
        outcome: v.outcome!,
        ...(v.outcome !== 'done' && v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.text?.trim() ? { text: v.text.trim() } : {}),
        ...(a.directive.form.length ? { figures } : {}),
      });
      message.success(t('detail.submitted'));
      setEditing(false);
    } catch (error) {
      setTopError(putFieldErrors(form, error, (p) => ['outcome', 'reason', 'text', 'figures'].includes(String(p[0]))));
    }
  };

  const compile = async () => {
    setCompiling(true);
    try {
      const c = await fetchCompiled(a.id);
      setCompiled(c);
      form.setFieldsValue({ outcome: (c.outcome ?? undefined) as Outcome | undefined, text: c.text, figures: c.figures, reason: c.missing.length ? t('detail.compileMissing', { names: c.missing.join('、') }) : undefined });
      setEditing(true);
    } catch (error) {
      setTopError(error instanceof Error ? error.message : String(error));
    } finally {
      setCompiling(false);
    }
  };

  const shown = (
    <div data-testid="report-view">
      <div className="lx-head-line">
        <OutcomeTag outcome={a.outcome} />
        {a.late && <Tag color="volcano">{t('status.late')}</Tag>}
        <span className="lx-muted">{t('detail.reportedAt')}：{formatTime(a.reportedAt)}</span>
      </div>
      {a.report && <div className="lx-content">{a.report}</div>}
      {a.reason && <div className="lx-muted">{t('detail.reason')}：{a.reason}</div>}
      <FiguresView form={a.directive.form} figures={a.figures} />
      <FileList files={a.attachments} testId="report-files" />
    </div>
  );

  const initial: ReportValues = { outcome: a.outcome ?? undefined, reason: a.reason ?? undefined, text: a.report ?? undefined, figures: a.figures };
  return (
    <Card
      className="lx-section"
      title={isRecipient ? t('detail.myReport') : t('detail.report')}
      data-testid="report-section"
      extra={
        isRecipient && open && hasBelow && editing ? (
          <Button icon={<CalculatorOutlined />} onClick={() => void compile()} loading={compiling} data-testid="compile">
            {t('detail.compile')}
          </Button>
        ) : isRecipient && canReport && !editing ? (
          <Button onClick={() => setEditing(true)} data-testid="edit-report">
            {t('detail.resubmit')}
          </Button>
        ) : undefined
      }
    >
      {!isRecipient && (
        <>
          <Alert type="info" showIcon title={t('detail.notRecipient', { org: a.org.name })} style={{ marginBottom: 12 }} />
          {a.status === 'reported' && shown}
        </>
      )}
      {isRecipient && !open && (
        <>
          <Alert type="warning" showIcon title={t('detail.closedNote')} style={{ marginBottom: 12 }} />
          {a.status === 'reported' && shown}
        </>
      )}
      {isRecipient && open && !editing && shown}
      {isRecipient && open && editing && (
        <>
          {!canReport && <Alert type="warning" showIcon title={t('detail.closedNote')} style={{ marginBottom: 12 }} />}
          {canReport && a.overdue && <Alert type="warning" showIcon title={t('detail.lateNote')} style={{ marginBottom: 12 }} data-testid="late-note" />}
          {compiled && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="compiled-note"
              title={t('detail.compiled', { reported: compiled.reported, targets: compiled.targets })}
              description={compiled.missing.length ? t('detail.compileMissing', { names: compiled.missing.join('、') }) : undefined}
            />
          )}
          {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 12 }} data-testid="report-error" />}
          <Form<ReportValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={!canReport} className="lx-report-form">
            <Form.Item name="outcome" label={t('detail.outcome')} rules={[{ required: true, message: t('detail.outcome') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" className="lx-outcome" data-testid="report-outcome">
                {OUTCOMES.map((o) => (
                  <Radio.Button key={o} value={o}>
                    {label(OUTCOME_LABELS[o])}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            {outcome && outcome !== 'done' && (
              <Form.Item name="reason" label={t('detail.reason')} rules={[{ required: true, whitespace: true, message: t('detail.reasonPh') }, { max: 2000 }]}>
                <Input.TextArea rows={2} placeholder={t('detail.reasonPh')} maxLength={2000} data-testid="report-reason" />
              </Form.Item>
            )}
            <FormFieldInputs form={a.directive.form} requireAll={outcome !== 'not_done'} />
            <Form.Item name="text" label={t('detail.text')} rules={[{ max: 10000 }]}>
              <Input.TextArea rows={phone ? 4 : 5} placeholder={t('detail.textPh')} maxLength={10000} showCount data-testid="report-text" />
            </Form.Item>
            <Form.Item label={t('files.title')} extra={t('files.hint')}>
              {canReport && <UploadFile url={`/api/assignments/${a.id}/attachments`} testId="report-upload" />}
              <FileList files={a.attachments} testId="report-files-editing" />
            </Form.Item>
            <div className={phone ? 'lx-thumb-bar' : 'lx-form-actions'}>
              <Space style={phone ? { width: '100%' } : undefined} orientation={phone ? 'vertical' : 'horizontal'}>
                {a.status === 'reported' && (
                  <Button block={phone} onClick={() => setEditing(false)}>
                    {t('detail.reported')}
                  </Button>
                )}
                <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={report.isPending} size={phone ? 'large' : 'middle'} block={phone} data-testid="report-submit">
                  {a.status === 'reported' ? t('detail.resubmit') : t('detail.submit')}
                </Button>
              </Space>
            </div>
          </Form>
        </>
      )}
    </Card>
  );
}

type FanValues = { orgIds: number[]; content: string; dueDate?: Dayjs; notes?: Record<string, string | undefined> };

function FanOutDrawer({ a, open, onClose, villages }: { a: AssignmentView; open: boolean; onClose: () => void; villages: { id: number; name: string }[] }) {
  const t = useDispatchT();
  const { t: ct } = useI18n();
  const { message, modal } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FanValues>();
  const [topError, setTopError] = useState<string>();
  const fan = useFanOut(a.id);
  const chosen = Form.useWatch('orgIds', form) ?? [];
  const due = Form.useWatch('dueDate', form);
  const today = todayStr();
  const past = !!due && due.format('YYYY-MM-DD') < today;
  const names = useMemo(() => new Map(villages.map((v) => [v.id, v.name])), [villages]);

  const send = async (v: FanValues) => {
    setTopError(undefined);
    const dueDate = v.dueDate!.format('YYYY-MM-DD');
    const withNote = v.orgIds.filter((id) => v.notes?.[id]?.trim());
    const plain = v.orgIds.filter((id) => !v.notes?.[id]?.trim());
    let n = 0;
    try {
      if (plain.length) n += (await fan.mutateAsync({ content: v.content.trim(), orgIds: plain, dueDate })).targets;
      for (const id of withNote) n += (await fan.mutateAsync({ content: `${v.content.trim()}\n\n【${names.get(id)}】${v.notes![id]!.trim()}`, orgIds: [id], dueDate })).targets;
      message.success(t('fan.done', { n }));
      form.resetFields();
      onClose();
    } catch (error) {
      setTopError(putFieldErrors(form, error, (p) => ['orgIds', 'content', 'dueDate'].includes(String(p[0]))));
    }
  };

  const submit = (v: FanValues) => {
    if (v.dueDate && v.dueDate.format('YYYY-MM-DD') < today) {
      modal.confirm({ title: t('fan.pastWarn'), okText: t('fan.submit'), onOk: () => send(v) });
    } else void send(v);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('detail.fanOutTitle')}
      placement={phone ? 'bottom' : 'right'}
      size={phone ? 'large' : 520}
      destroyOnHidden
      data-testid="fan-out-drawer"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{ct('common.cancel')}</Button>
          <Button type="primary" icon={<SendOutlined />} loading={fan.isPending} onClick={() => form.submit()} data-testid="fan-out-submit">
            {t('fan.submit')}
          </Button>
        </Space>
      }
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 12 }} data-testid="fan-error" />}
      <Form<FanValues> form={form} layout="vertical" onFinish={submit} initialValues={{ orgIds: [], content: a.directive.content }}>
        <Form.Item
          name="orgIds"
          label={
            <Space>
              {t('fan.villages')}
              <Checkbox
                checked={chosen.length === villages.length && villages.length > 0}
                indeterminate={chosen.length > 0 && chosen.length < villages.length}
                onChange={(e) => form.setFieldValue('orgIds', e.target.checked ? villages.map((v) => v.id) : [])}
                data-testid="fan-select-all"
              >
                {t('fan.selectAll')}
              </Checkbox>
            </Space>
          }
          rules={[{ required: true, type: 'array', min: 1, message: t('fan.villagesRequired') }]}
        >
          <Checkbox.Group className="lx-village-checks" data-testid="fan-villages" options={villages.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item name="content" label={t('fan.content')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('fan.content') }) }, { max: 10000 }]}>
          <Input.TextArea rows={5} placeholder={t('fan.contentPh')} data-testid="fan-content" />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('fan.due')}
          extra={t('fan.dueHint', { date: a.dueDate })}
          rules={[{ required: true, message: ct('common.select', { field: t('fan.due') }) }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly={phone}
            data-testid="fan-due"
            disabledDate={(d) => d.isAfter(dayjs(a.dueDate), 'day') || d.isBefore(dayjs(today).subtract(7, 'day'), 'day')}
          />
        </Form.Item>
        {past && <Alert type="warning" showIcon title={t('fan.pastWarn')} style={{ marginBottom: 12 }} data-testid="fan-past-warn" />}
        {chosen.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'notes',
                label: t('fan.notes'),
                children: chosen.map((id) => (
                  <Form.Item key={id} name={['notes', String(id)]} label={t('fan.note', { name: names.get(id) ?? '' })} rules={[{ max: 2000 }]}>
                    <Input.TextArea rows={2} data-testid={`fan-note-${id}`} />
                  </Form.Item>
                )),
              },
            ]}
          />
        )}
      </Form>
    </Drawer>
  );
}
