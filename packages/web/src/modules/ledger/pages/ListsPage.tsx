// 三个清单: the problem list (the ledger), and per org and year the task list (任务清单, tasks are
// cases with the steps the API allows this account) and the responsibility list (责任清单: posts
// and persons linked to duties). Org, year and tab live in the URL.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Grid, Input, Modal, Popconfirm, Row, Select, Space, Table, Tabs, Typography, Pagination } from 'antd';
import { FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  POST_ROLE_LABELS,
  POST_ROLES,
  TASK_TRANSITION_LABELS,
  type PersonSummary,
  type PostRole,
  type ResponsibilityRow,
  type TaskRow,
  type TaskTransition,
} from '@lianxin/contract';
import { api, ApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { LIST_PAGE_SIZE, useAddResponsibility, useCreateTask, useFireTask, useRemoveResponsibility, useResponsibilities, useTasks } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';
import { cap, Countdown, TaskStatusTag, daysUntil } from '../components/tags';
import '../ledger.css';

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const todayCst = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
const NEEDS_COMMENT: Record<TaskTransition, boolean> = { start: false, submit: true, return: true, confirm: false };

function TaskStepModal({ task, transition, onClose }: { task: TaskRow; transition: TaskTransition; onClose: () => void }) {
  const { label, t: common } = useI18n();
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const fire = useFireTask();
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<{ text: string; conflict: boolean }>();
  const name = cap(label(TASK_TRANSITION_LABELS[transition]));
  const field = transition === 'submit' ? t('lists.task.submitComment') : transition === 'return' ? t('lists.task.returnComment') : t('lists.task.comment');
  return (
    <Modal
      open
      title={`${name}：${task.content.slice(0, 30)}`}
      onCancel={onClose}
      okText={name}
      cancelText={common('common.cancel')}
      okButtonProps={{ loading: fire.isPending, danger: transition === 'return', disabled: error?.conflict, 'data-testid': 'task-step-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type={error.conflict ? 'warning' : 'error'} showIcon title={error.conflict ? t('ledger.conflict') : error.text} description={error.conflict ? error.text : undefined} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setError(undefined);
          try {
            await fire.mutateAsync({ id: task.id, transition, version: task.version, comment: v.comment?.trim() || undefined });
            message.success(t('lists.task.done', { step: name }));
            onClose();
          } catch (e) {
            if (e instanceof ApiError && (e.status === 412 || e.status === 409)) setError({ text: e.message, conflict: true });
            else if (e instanceof ApiError && e.fields.some((f) => f.field === 'comment')) form.setFields([{ name: 'comment', errors: [e.fields.find((f) => f.field === 'comment')!.message] }]);
            else setError({ text: (e as Error).message, conflict: false });
          }
        }}
      >
        <Form.Item name="comment" label={field} rules={NEEDS_COMMENT[transition] ? [{ required: true, whitespace: true, message: common('common.required', { field }) }] : []}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="task-step-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NewTaskModal({ orgId, year, onClose }: { orgId?: number; year: number; onClose: () => void }) {
  const { t: common } = useI18n();
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const create = useCreateTask();
  const [form] = Form.useForm<{ orgId?: number; content?: string; ownerOrgId?: number; ownerPerson?: string; deadline?: Dayjs; year: number }>();
  const [error, setError] = useState<string>();
  return (
    <Modal open title={t('lists.task.new')} onCancel={onClose} okText={common('common.save')} cancelText={common('common.cancel')} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} destroyOnHidden width={600}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId, year }}
        onFinish={async (v) => {
          setError(undefined);
          try {
            await create.mutateAsync({ orgId: v.orgId!, year: v.year, content: v.content!.trim(), ownerOrgId: v.ownerOrgId, ownerPerson: v.ownerPerson?.trim() || undefined, deadline: v.deadline!.format('YYYY-MM-DD') });
            message.success(t('lists.added'));
            onClose();
          } catch (e) {
            setError(applyFieldErrors(form, e, ['orgId', 'content', 'ownerOrgId', 'ownerPerson', 'deadline', 'year']));
          }
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item name="orgId" label={t('lists.task.listOrg')} rules={[{ required: true, message: common('common.select', { field: t('lists.org') }) }]}>
              <OrgTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={t('lists.year')} rules={[{ required: true }]}>
              <Select options={[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => ({ value: y, label: String(y) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label={t('lists.task.content')} rules={[{ required: true, whitespace: true, message: common('common.required', { field: t('lists.task.content') }) }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerOrgId" label={t('lists.task.owner')} extra={t('lists.task.ownerHint')}>
              <OrgTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item name="ownerPerson" label={t('lists.task.ownerPerson')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item name="deadline" label={t('lists.task.deadline')} rules={[{ required: true, message: common('common.select', { field: t('lists.task.deadline') }) }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayCst(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function PersonPicker({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const t = useLedgerT();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: async (q: string) => {
        if (!q.trim()) return;
        setLoading(true);
        try {
          const page = await api.get('/api/people', { q: q.trim(), pageSize: 20 });
          setOptions(page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.org.name}）` })));
        } finally {
          setLoading(false);
        }
      } }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={t('lists.resp.personSearch')}
      loading={loading}
      options={options}
      notFoundContent={null}
    />
  );
}

function NewResponsibilityModal({ orgId, year, onClose }: { orgId?: number; year: number; onClose: () => void }) {
  const { label, t: common } = useI18n();
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const add = useAddResponsibility();
  const [form] = Form.useForm<{ orgId?: number; postRole?: PostRole; personId?: number; duty?: string; year: number }>();
  const [error, setError] = useState<string>();
  return (
    <Modal open title={t('lists.resp.new')} onCancel={onClose} okText={common('common.save')} cancelText={common('common.cancel')} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId, year }}
        onFinish={async (v) => {
          setError(undefined);
          if (!v.postRole && !v.personId) {
            form.setFields([{ name: 'postRole', errors: [t('lists.resp.postOrPerson')] }]);
            return;
          }
          try {
            await add.mutateAsync({ orgId: v.orgId!, year: v.year, postRole: v.postRole, personId: v.personId, duty: v.duty!.trim() });
            message.success(t('lists.added'));
            onClose();
          } catch (e) {
            setError(applyFieldErrors(form, e, ['orgId', 'postRole', 'personId', 'duty', 'year']));
          }
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item name="orgId" label={t('lists.org')} rules={[{ required: true, message: common('common.select', { field: t('lists.org') }) }]}>
              <OrgTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={t('lists.year')} rules={[{ required: true }]}>
              <Select options={[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => ({ value: y, label: String(y) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="postRole" label={t('lists.resp.post')}>
              <Select allowClear options={POST_ROLES.map((r) => ({ value: r, label: label(POST_ROLE_LABELS[r]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="personId" label={t('lists.resp.person')}>
              <PersonPicker />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="duty" label={t('lists.resp.duty')} rules={[{ required: true, whitespace: true, message: common('common.required', { field: t('lists.resp.duty') }) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TasksTab({ orgId, year, open, onShowAll }: { orgId?: number; year: number; open: boolean; onShowAll: () => void }) {
  const { label } = useI18n();
  const t = useLedgerT();
  const isMobile = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const tasks = useTasks(orgId, year, page, open);
  const [step, setStep] = useState<{ task: TaskRow; transition: TaskTransition }>();
  const buttons = (r: TaskRow) =>
    r.actions.length === 0 ? (
      <span className="lx-muted">—</span>
    ) : (
    <Space size={4} wrap>
      {r.actions.map((a) => (
        <Button key={a} size="small" type={a === 'confirm' || a === 'submit' ? 'primary' : 'default'} danger={a === 'return'} onClick={() => setStep({ task: r, transition: a })} data-testid={`task-action-${a}`}>
          {cap(label(TASK_TRANSITION_LABELS[a]))}
        </Button>
      ))}
    </Space>
    );
  const countdown = (r: TaskRow) => (r.status === 'completed' || r.status === 'submitted' || !r.deadline ? null : <Countdown daysLeft={daysUntil(r.deadline)} compact />);
  return (
    <>
      {open && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '12px 0' }}
          title={t('lists.task.openOnly', { n: tasks.data?.total ?? 0 })}
          action={<Button size="small" onClick={onShowAll} data-testid="tasks-show-all">{t('lists.task.showYear')}</Button>}
          data-testid="tasks-open-only"
        />
      )}
      <ApiErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      {isMobile ? (
        <SimpleList<TaskRow>
          loading={tasks.isFetching}
          items={tasks.data?.items ?? []}
          rowKey={(r) => r.id}
          testId="tasks-list"
          empty={(open ? t('lists.task.noneOpen') : t('lists.empty'))}
          render={(r) => (
            <Card size="small" className={`lx-problem-card${r.overdue ? ' overdue' : ''}`} style={{ cursor: 'default' }}>
              <div className="lx-problem-card-head">
                <TaskStatusTag status={r.status} />
                {countdown(r)}
              </div>
              <div className="lx-problem-card-title">{r.content}</div>
              <div className="lx-problem-card-line">{r.ownerOrg.name}{r.ownerPerson ? ` · ${r.ownerPerson}` : ''} · {r.deadline}</div>
              {r.result && <div className="lx-problem-card-line">{t('lists.task.result')}：{r.result}</div>}
              {r.actions.length > 0 && <div style={{ marginTop: 6 }}>{buttons(r)}</div>}
            </Card>
          )}
        />
      ) : null}
      {isMobile && (tasks.data?.total ?? 0) > LIST_PAGE_SIZE && (
        <Pagination simple current={page} pageSize={LIST_PAGE_SIZE} total={tasks.data?.total ?? 0} onChange={setPage} style={{ marginTop: 8, textAlign: 'center' }} />
      )}
      {isMobile ? null : (
        <Table<TaskRow>
          rowKey="id"
          size="middle"
          loading={tasks.isFetching}
          dataSource={tasks.data?.items ?? []}
          pagination={{ current: page, pageSize: LIST_PAGE_SIZE, total: tasks.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          data-testid="tasks-table"
          rowClassName={(r) => (r.overdue ? 'lx-row-overdue' : '')}
          locale={{ emptyText: <Empty description={(open ? t('lists.task.noneOpen') : t('lists.empty'))} /> }}
          columns={[
            { title: t('lists.task.content'), key: 'content', render: (_: unknown, r) => <span className="lx-pre">{r.content}</span> },
            { title: t('lists.task.listOrg'), key: 'org', width: 120, render: (_: unknown, r) => r.org.name },
            { title: t('lists.task.owner'), key: 'owner', width: 150, render: (_: unknown, r) => <>{r.ownerOrg.name}{r.ownerPerson && <div className="lx-muted">{r.ownerPerson}</div>}</> },
            { title: t('lists.task.deadline'), key: 'deadline', width: 150, render: (_: unknown, r) => <><div className={r.overdue ? 'lx-red' : undefined}>{r.deadline ?? '—'}</div>{countdown(r)}</> },
            { title: t('lists.task.status'), key: 'status', width: 90, render: (_: unknown, r) => <TaskStatusTag status={r.status} /> },
            { title: t('lists.task.result'), key: 'result', width: 200, render: (_: unknown, r) => r.result ?? '—' },
            { title: t('ledger.actions'), key: 'a', width: 170, render: (_: unknown, r) => buttons(r) },
          ]}
        />
      )}
      {step && <TaskStepModal task={step.task} transition={step.transition} onClose={() => setStep(undefined)} />}
    </>
  );
}

function ResponsibilitiesTab({ orgId, year }: { orgId?: number; year: number }) {
  const { label, t: common } = useI18n();
  const t = useLedgerT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const list = useResponsibilities(orgId, year, page);
  const remove = useRemoveResponsibility();
  const removeButton = (r: ResponsibilityRow) =>
    can('list:handle') ? (
      <Popconfirm
        title={t('lists.resp.removeConfirm')}
        okText={t('lists.resp.remove')}
        cancelText={common('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={async () => {
          try {
            await remove.mutateAsync({ id: r.id, version: r.version });
            message.success(t('lists.resp.removed'));
          } catch (e) {
            message.error(e instanceof ApiError && e.status === 412 ? t('ledger.conflict') : (e as Error).message);
          }
        }}
      >
        <Button size="small" danger type="link">{t('lists.resp.remove')}</Button>
      </Popconfirm>
    ) : null;
  const post = (r: ResponsibilityRow) => (r.postRole ? label(POST_ROLE_LABELS[r.postRole as PostRole]) || r.postRole : '—');
  return (
    <>
      <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {isMobile ? (
        <SimpleList<ResponsibilityRow>
          loading={list.isFetching}
          items={list.data?.items ?? []}
          rowKey={(r) => r.id}
          render={(r) => (
            <Card size="small" className="lx-problem-card" style={{ cursor: 'default' }}>
              <div className="lx-problem-card-title">{r.duty}</div>
              <div className="lx-problem-card-line lx-problem-card-foot">
                <span>{r.org.name} · {post(r)}{r.person ? ` · ${r.person.name}` : ''}</span>
                {removeButton(r)}
              </div>
            </Card>
          )}
        />
      ) : null}
      {isMobile && (list.data?.total ?? 0) > LIST_PAGE_SIZE && (
        <Pagination simple current={page} pageSize={LIST_PAGE_SIZE} total={list.data?.total ?? 0} onChange={setPage} style={{ marginTop: 8, textAlign: 'center' }} />
      )}
      {isMobile ? null : (
        <Table<ResponsibilityRow>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: LIST_PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          data-testid="resp-table"
          locale={{ emptyText: <Empty description={t('lists.empty')} /> }}
          columns={[
            { title: t('lists.org'), key: 'org', width: 150, render: (_: unknown, r) => r.org.name },
            { title: t('lists.resp.post'), key: 'post', width: 150, render: (_: unknown, r) => post(r) },
            { title: t('lists.resp.person'), key: 'person', width: 110, render: (_: unknown, r) => r.person?.name ?? '—' },
            { title: t('lists.resp.duty'), key: 'duty', render: (_: unknown, r) => <span className="lx-pre">{r.duty}</span> },
            { title: t('ledger.actions'), key: 'a', width: 90, render: (_: unknown, r) => removeButton(r) },
          ]}
        />
      )}
    </>
  );
}

export function ListsPage() {
  const t = useLedgerT();
  const can = useCan();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['tab', 'orgId', 'year', 'open'] as const);
  const open = values.open === '1';
  const tab = values.tab === 'resp' || values.tab === 'problems' ? values.tab : 'tasks';
  const orgId = toInt(values.orgId);
  const year = toInt(values.year) ?? thisYear();
  const [creating, setCreating] = useState<'task' | 'resp'>();

  const add =
    can('list:handle') && tab !== 'problems' ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(tab === 'tasks' ? 'task' : 'resp')} size={isMobile ? 'small' : 'middle'} data-testid="lists-add">
        {tab === 'tasks' ? t('lists.task.new') : t('lists.resp.new')}
      </Button>
    ) : null;

  return (
    <div data-testid="lists-page">
      <PageHead title={t('lists.title')} extra={add} />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout={isMobile ? 'vertical' : 'inline'}>
          <Form.Item label={t('lists.org')} style={{ minWidth: isMobile ? undefined : 320 }}>
            <OrgTreeSelect value={orgId} onChange={(v) => update({ orgId: v })} placeholder={t('ledger.orgPlaceholder')} testId="lists-org" />
          </Form.Item>
          <Form.Item label={t('lists.year')}>
            <Select
              value={year}
              style={{ width: 110 }}
              onChange={(y) => update({ year: y === thisYear() ? undefined : y, open: undefined })}
              options={Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i).map((y) => ({ value: y, label: String(y) }))}
              data-testid="lists-year"
            />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'tasks' ? undefined : k })}
          items={[
            { key: 'tasks', label: t('lists.tab.tasks'), children: tab === 'tasks' ? <TasksTab orgId={orgId} year={year} open={open} onShowAll={() => update({ open: undefined })} /> : null },
            { key: 'resp', label: t('lists.tab.resp'), children: tab === 'resp' ? <ResponsibilitiesTab orgId={orgId} year={year} /> : null },
            {
              key: 'problems',
              label: t('lists.tab.problems'),
              children: (
                <div style={{ padding: '16px 0' }}>
                  <Typography.Paragraph>{t('lists.problemsIntro')}</Typography.Paragraph>
                  <Link to={orgId ? `/ledger?orgId=${orgId}` : '/ledger'}>
                    <Button type="primary" icon={<FileSearchOutlined />}>{t('lists.toLedger')}</Button>
                  </Link>
                </div>
              ),
            },
          ]}
        />
      </Card>
      {creating === 'task' && <NewTaskModal orgId={orgId} year={year} onClose={() => setCreating(undefined)} />}
      {creating === 'resp' && <NewResponsibilityModal orgId={orgId} year={year} onClose={() => setCreating(undefined)} />}
    </div>
  );
}
