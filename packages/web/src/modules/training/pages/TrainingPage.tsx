// 教育培训: the training calendar (a month's sessions with their person-times, each opening its
// session page), the course catalogue, 书记讲党课 · 三个讲一次, and the coverage board drilled down
// unit by unit. Cards, so a phone reads them too; no ranking by study time anywhere.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  TALK_KIND_LABELS, TALK_KINDS, THREE_TALK_ITEM_LABELS, THREE_TALK_ITEMS, TRAINING_GROUP_LABELS, TRAINING_GROUPS, TRAINING_MODE_LABELS, TRAINING_MODES,
  type TalkKind, type TrainingGroup, type TrainingMode,
} from '@lianxin/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors, PageHead, SimpleList } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useAddCourse, useAddSession, useAddTalk, useCourses, useCoverage, useSessions, useTalks, useTrainingCategories } from '../training.api';
import { useTrainingT } from '../training.messages';

type Tab = 'sessions' | 'courses' | 'talks' | 'coverage';
const TABS: Tab[] = ['sessions', 'courses', 'talks', 'coverage'];
export const MODE_COLOR: Record<TrainingMode, string> = { concentrated: 'blue', mobile: 'green', site: 'purple', delivered: 'orange' };
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export function TrainingPage() {
  const t = useTrainingT();
  usePageCrumb(t('title'));
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((x) => x === params.get('tab')) ?? 'sessions') as Tab;
  return (
    <div data-testid="training">
      <PageHead title={t('title')} />
      <Segmented
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        value={tab}
        onChange={(v) => setParams(v === 'sessions' ? {} : { tab: v as string }, { replace: true })}
        options={TABS.map((x) => ({ value: x, label: t(`tab.${x}`) }))}
        data-testid="training-tab"
      />
      {tab === 'sessions' && <SessionCalendar />}
      {tab === 'courses' && <Courses />}
      {tab === 'talks' && <Talks />}
      {tab === 'coverage' && <Coverage />}
    </div>
  );
}

function groupsText(groups: TrainingGroup[], label: (l: { zh: string; en: string }) => string, everyone: string) {
  return groups.length ? groups.map((g) => label(TRAINING_GROUP_LABELS[g])).join('、') : everyone;
}

function SessionCalendar() {
  const t = useTrainingT();
  const { label } = useI18n();
  const can = useCan();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [adding, setAdding] = useState(false);
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const list = useSessions({ from, to, pageSize: 200 });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} data-testid="training-month" />
        {can('training:manage') && <Button type="primary" onClick={() => setAdding(true)} data-testid="training-new-session">{t('sessions.new')}</Button>}
        {list.data && <Typography.Text type="secondary" data-testid="training-month-total">{t('sessions.total', { n: list.data.total, t: list.data.personTimes })}</Typography.Text>}
      </Space>
      {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <SimpleList
        testId="training-sessions"
        items={list.data?.items ?? []}
        loading={list.isPending}
        rowKey={(r) => r.id}
        empty={t('sessions.empty')}
        render={(r) => (
          <Link to={`/training/sessions/${r.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="training-session-row">
            <Space wrap>
              <Typography.Text strong>{r.heldOn.slice(5)}</Typography.Text>
              <Typography.Text strong>{r.course.topic}</Typography.Text>
              <Tag color={MODE_COLOR[r.course.mode]}>{label(TRAINING_MODE_LABELS[r.course.mode])}</Tag>
            </Space>
            <div style={{ fontSize: 13, color: '#595959' }}>{r.org.name} · {r.place}</div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {t('sessions.target', { target: `${r.target.name} · ${groupsText(r.groups, label, t('sessions.everyone'))}` })} · {t('sessions.personTimes', { n: r.personTimes })}
            </div>
          </Link>
        )}
      />
      {adding && <SessionForm onClose={() => setAdding(false)} />}
    </>
  );
}

function SessionForm({ onClose }: { onClose: () => void }) {
  const t = useTrainingT();
  const { label } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const courses = useCourses({ pageSize: 200 });
  const add = useAddSession();
  const me = useAccount();
  const navigate = useNavigate();
  const submit = (v: { courseId: number; orgId: number; heldOn: Dayjs; place: string; targetOrgId: number; groups?: TrainingGroup[] }) => {
    setError(undefined);
    add.mutate(
      { courseId: v.courseId, orgId: v.orgId, heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place, targetOrgId: v.targetOrgId, groups: v.groups ?? [] },
      { onSuccess: (created) => void navigate(`/training/sessions/${created.id}`), onError: (e) => setError(applyFieldErrors(form, e, ['courseId', 'orgId', 'heldOn', 'place', 'targetOrgId', 'groups'])) },
    );
  };
  return (
    <Modal open title={t('sessions.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okText={t('form.submit')} okButtonProps={{ 'data-testid': 'training-session-save' } as never}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="training-form-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: dayjs(), groups: ['member'], orgId: me.scopeOrg.id, targetOrgId: me.scopeOrg.id }}>
        <Form.Item name="courseId" label={t('form.course')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="training-course-select"
            options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.topic}（${label(TRAINING_MODE_LABELS[c.mode])}）` }))}
          />
        </Form.Item>
        <Form.Item name="orgId" label={t('form.org')} rules={[{ required: true }]}><OrgTreeSelect testId="training-org" /></Form.Item>
        <Form.Item name="heldOn" label={t('form.heldOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} data-testid="training-held-on" /></Form.Item>
        <Form.Item name="place" label={t('form.place')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="training-place" /></Form.Item>
        <Form.Item name="targetOrgId" label={t('form.target')} rules={[{ required: true }]}><OrgTreeSelect testId="training-target" /></Form.Item>
        <Form.Item name="groups" label={t('form.groups')}>
          <Checkbox.Group options={TRAINING_GROUPS.map((g) => ({ value: g, label: label(TRAINING_GROUP_LABELS[g]) }))} data-testid="training-groups" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Courses() {
  const t = useTrainingT();
  const { label } = useI18n();
  const can = useCan();
  const [mode, setMode] = useState<TrainingMode>();
  const [categoryId, setCategoryId] = useState<number>();
  const [adding, setAdding] = useState(false);
  const categories = useTrainingCategories();
  const list = useCourses({ mode, categoryId, pageSize: 200 });
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={5}><Select style={{ width: '100%' }} allowClear placeholder={t('courses.mode')} value={mode} onChange={setMode} options={TRAINING_MODES.map((m) => ({ value: m, label: label(TRAINING_MODE_LABELS[m]) }))} /></Col>
        <Col xs={12} md={6}><Select style={{ width: '100%' }} allowClear placeholder={t('courses.category')} value={categoryId} onChange={setCategoryId} options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Col>
        {can('training:manage') && <Col><Button onClick={() => setAdding(true)} data-testid="training-new-course">{t('courses.new')}</Button></Col>}
      </Row>
      {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <SimpleList
        testId="training-courses"
        items={list.data?.items ?? []}
        loading={list.isPending}
        rowKey={(r) => r.id}
        empty={t('courses.empty')}
        render={(c) => (
          <div>
            <Space wrap>
              <Typography.Text strong>{c.topic}</Typography.Text>
              <Tag color={MODE_COLOR[c.mode]}>{label(TRAINING_MODE_LABELS[c.mode])}</Tag>
              <Tag>{c.category.name}</Tag>
            </Space>
            <div style={{ fontSize: 13, color: '#595959' }}>{c.lecturer} · {t('courses.hoursN', { n: c.hours })} · {t('courses.sessions', { n: c.sessions })}</div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('courses.owner', { name: c.owner.name })}</div>
          </div>
        )}
      />
      {adding && <CourseForm onClose={() => setAdding(false)} />}
    </>
  );
}

function CourseForm({ onClose }: { onClose: () => void }) {
  const t = useTrainingT();
  const { label } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const categories = useTrainingCategories();
  const add = useAddCourse();
  return (
    <Modal open title={t('courses.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okText={t('form.submit')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'concentrated', hours: 2 }}
        onFinish={(v) => add.mutate(v, { onSuccess: onClose, onError: (e) => setError(applyFieldErrors(form, e, ['topic', 'categoryId', 'lecturer', 'mode', 'hours', 'orgId'])) })}
      >
        <Form.Item name="topic" label={t('courses.topic')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="categoryId" label={t('courses.category')} rules={[{ required: true }]}>
          <Select options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="lecturer" label={t('courses.lecturer')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="mode" label={t('courses.mode')} rules={[{ required: true }]}>
          <Select options={TRAINING_MODES.map((m) => ({ value: m, label: label(TRAINING_MODE_LABELS[m]) }))} />
        </Form.Item>
        <Form.Item name="hours" label={t('courses.hours')} rules={[{ required: true }]}><InputNumber min={1} max={200} precision={0} /></Form.Item>
      </Form>
    </Modal>
  );
}

function Talks() {
  const t = useTrainingT();
  const { label } = useI18n();
  const can = useCan();
  const [kind, setKind] = useState<TalkKind>();
  const [year, setYear] = useState<number | undefined>(thisYear());
  const [adding, setAdding] = useState(false);
  const list = useTalks({ kind, year, pageSize: 100 });
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={4}><InputNumber style={{ width: '100%' }} value={year} onChange={(v) => setYear(v ?? undefined)} min={2000} max={2100} placeholder={t('coverage.year')} /></Col>
        <Col xs={12} md={6}><Select style={{ width: '100%' }} allowClear placeholder={t('talks.kind')} value={kind} onChange={setKind} options={TALK_KINDS.map((k) => ({ value: k, label: label(TALK_KIND_LABELS[k]) }))} /></Col>
        {can('training:manage') && <Col><Button onClick={() => setAdding(true)} data-testid="training-new-talk">{t('talks.new')}</Button></Col>}
      </Row>
      {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <SimpleList
        testId="training-talks"
        items={list.data?.items ?? []}
        loading={list.isPending}
        rowKey={(r) => r.id}
        empty={t('talks.empty')}
        render={(r) => (
          <div>
            <Space wrap>
              <Typography.Text strong>{r.heldOn}</Typography.Text>
              <Tag color={r.kind === 'secretary_lecture' ? 'red' : 'blue'}>{label(TALK_KIND_LABELS[r.kind])}</Tag>
              {r.meetingId && <Link to={`/orglife/meetings/${r.meetingId}`}><Tag color="green">{t('talks.linked')}</Tag></Link>}
            </Space>
            <div>{r.topic}</div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.org.name} · {r.speaker.name}{r.item ? ` · ${label(THREE_TALK_ITEM_LABELS[r.item])}` : ''}</div>
          </div>
        )}
      />
      {adding && <TalkForm onClose={() => setAdding(false)} />}
    </>
  );
}

/** People of the scope found by name (the roster's own search). */
function PersonSelect({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['people', 'search', q], queryFn: () => api.get('/api/people', { q, status: 'active', pageSize: 20 }), enabled: q.trim().length > 0 });
  return (
    <Select
      id={id}
      showSearch
      filterOption={false}
      value={value}
      onChange={onChange}
      onSearch={setQ}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.org.name}）` }))}
    />
  );
}

function TalkForm({ onClose }: { onClose: () => void }) {
  const t = useTrainingT();
  const { label } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const kind = Form.useWatch('kind', form) as TalkKind | undefined;
  const meetingId = Form.useWatch('meetingId', form) as number | undefined;
  const lectures = useQuery({ queryKey: ['orglife', 'lectures', thisYear()], queryFn: () => api.get('/api/orglife/meetings', { typeCode: 'party_lecture', year: thisYear(), pageSize: 100 }) });
  const add = useAddTalk();
  const submit = (v: { kind: TalkKind; speakerId: number; meetingId?: number; orgId?: number; heldOn?: Dayjs; topic?: string; item?: (typeof THREE_TALK_ITEMS)[number] }) => {
    setError(undefined);
    const linked = v.kind === 'secretary_lecture' && v.meetingId;
    add.mutate(
      linked
        ? { kind: v.kind, speakerId: v.speakerId, meetingId: v.meetingId }
        : { kind: v.kind, speakerId: v.speakerId, orgId: v.orgId, heldOn: v.heldOn?.format('YYYY-MM-DD'), topic: v.topic, item: v.kind === 'three_talks' ? v.item : undefined },
      { onSuccess: onClose, onError: (e) => setError(applyFieldErrors(form, e, ['speakerId', 'meetingId', 'orgId', 'heldOn', 'topic', 'item'])) },
    );
  };
  return (
    <Modal open title={t('talks.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okText={t('form.submit')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="training-talk-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'secretary_lecture', heldOn: dayjs() }}>
        <Form.Item name="kind" label={t('talks.kind')}>
          <Segmented options={TALK_KINDS.map((k) => ({ value: k, label: label(TALK_KIND_LABELS[k]) }))} />
        </Form.Item>
        {kind === 'secretary_lecture' && (
          <Form.Item name="meetingId" label={t('talks.meeting')}>
            <Select allowClear placeholder={t('talks.noMeeting')} options={(lectures.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.heldOn} ${m.org.name}：${m.topic}` }))} />
          </Form.Item>
        )}
        <Form.Item name="speakerId" label={t('talks.speaker')} rules={[{ required: true }]}><PersonSelect /></Form.Item>
        {!(kind === 'secretary_lecture' && meetingId) && (
          <>
            <Form.Item name="orgId" label={t('talks.org')} rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
            <Form.Item name="heldOn" label={t('talks.heldOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="topic" label={t('talks.topic')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          </>
        )}
        {kind === 'three_talks' && (
          <Form.Item name="item" label={t('talks.item')} rules={[{ required: true }]}>
            <Select options={THREE_TALK_ITEMS.map((i) => ({ value: i, label: label(THREE_TALK_ITEM_LABELS[i]) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 100)}%` : '—');

function Coverage() {
  const t = useTrainingT();
  const [year, setYear] = useState<number>(thisYear());
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const orgId = trail.at(-1)?.id;
  const board = useCoverage({ orgId, year });
  const d = board.data;
  type Figures = { heads: number; headsTrained: number; members: number; membersTrained: number; sessions: number; personTimes: number };
  const rows: (Figures & { key: string; name: string; id?: number })[] = d
    ? [
        ...d.children.map((c) => ({ ...c, key: String(c.org.id), name: c.org.name, id: c.org.id })),
        ...(d.own.heads + d.own.members + d.own.sessions > 0 ? [{ ...d.own, key: 'own', name: t('coverage.own') }] : []),
        { ...d.total, key: 'total', name: t('coverage.total') },
      ]
    : [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber value={year} onChange={(v) => v && setYear(v)} min={2000} max={2100} data-testid="coverage-year" />
        {trail.length > 0 && <Button onClick={() => setTrail(trail.slice(0, -1))}>{t('coverage.up')}</Button>}
        {d && <Typography.Text strong>{d.node.name}</Typography.Text>}
      </Space>
      <Typography.Paragraph type="secondary">{t('coverage.help')}</Typography.Paragraph>
      {board.error && <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey="key"
          loading={board.isPending}
          pagination={false}
          scroll={{ x: 520 }}
          dataSource={rows}
          data-testid="coverage-table"
          columns={[
            {
              title: t('coverage.unit'), dataIndex: 'name', fixed: 'left', width: 120,
              render: (name: string, r) => (r.id ? <a onClick={() => setTrail([...trail, { id: r.id!, name }])}>{name}</a> : <Typography.Text strong>{name}</Typography.Text>),
            },
            { title: t('coverage.heads'), key: 'heads', render: (_: unknown, r) => `${r.headsTrained}/${r.heads}（${pct(r.headsTrained, r.heads)}）` },
            { title: t('coverage.members'), key: 'members', render: (_: unknown, r) => `${r.membersTrained}/${r.members}（${pct(r.membersTrained, r.members)}）` },
            { title: t('coverage.sessions'), dataIndex: 'sessions' },
            { title: t('coverage.personTimes'), dataIndex: 'personTimes' },
          ]}
        />
      </Card>
    </>
  );
}
