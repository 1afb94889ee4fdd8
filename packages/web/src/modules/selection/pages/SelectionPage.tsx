// One public selection (公开选拔): the six stages as steps, the candidates with their vetting,
// written and interview scores, the step the account may take next (with what it needs: the
// candidate to inspect, the inspection opinion, the start date, the 公职化 basis) and the course.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  EDUCATION_LABELS, EDUCATIONS, POST_ROLE_LABELS, SELECTION_STATE_LABELS, SELECTION_TRANSITION_LABELS, VETTING_LABELS,
  type SelectionCandidate, type SelectionDetail, type SelectionTransition,
} from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { PersonSelect } from '../../cadres/components/PostDialogs';
import { useFireSelection, useRegisterCandidate, useScore, useSelection, useVet } from '../selection.api';
import { STAGE_COLOR } from './SelectionsPage';

const STAGES = ['applied', 'registration', 'vetting', 'written', 'interview', 'inspection', 'appointed'] as const;

export function SelectionPage() {
  const id = Number(useParams().id);
  const { label } = useI18n();
  const q = useSelection(id);
  const s = q.data;
  usePageCrumb(s ? `${s.org.name}${label(POST_ROLE_LABELS[s.role])}公开选拔` : undefined);
  const [acting, setActing] = useState<SelectionTransition>();
  const [registering, setRegistering] = useState(false);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!s) return <Card loading />;
  const current = STAGES.indexOf(s.status as (typeof STAGES)[number]);
  return (
    <div data-testid="selection-detail">
      <PageHead record
        title={<Space wrap>{s.org.name}{label(POST_ROLE_LABELS[s.role])}{s.civilService && <Tag>公职化</Tag>}<Tag color={STAGE_COLOR[s.status]} data-testid="selection-status">{label(SELECTION_STATE_LABELS[s.status])}</Tag></Space>}
        extra={(
          <Space wrap>
            {s.canRegister && <Button onClick={() => setRegistering(true)} data-testid="selection-register">登记报名</Button>}
            {s.transitions.map((t) => (
              <Button key={t.name} type={t.name === 'cancel' || t.name === 'reject_candidate' ? 'default' : 'primary'} danger={t.name === 'cancel'} onClick={() => setActing(t.name)} data-testid={`selection-fire-${t.name}`}>{t.label}</Button>
            ))}
          </Space>
        )}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps size="small" responsive current={s.status === 'cancelled' ? 0 : current} status={s.status === 'cancelled' ? 'error' : s.status === 'appointed' ? 'finish' : 'process'}
          items={STAGES.map((st) => ({ title: label(SELECTION_STATE_LABELS[st]) }))} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={`报名人（${s.candidates} 人，审查通过 ${s.passed} 人）`}><Candidates s={s} /></Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="人选条件" style={{ marginBottom: 12 }}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{s.conditions}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.township} · 申报于 {s.openedOn}{s.postId && ' · 已任职'}</Typography.Text>
          </Card>
          <Card size="small" title="办理过程">
            <Timeline items={[...s.timeline].reverse().map((e) => ({ children: <><b>{e.label}</b> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(e.at).format('YYYY-MM-DD HH:mm')} {e.actor}</Typography.Text>{e.body && <div>{e.body}</div>}</> }))} />
          </Card>
        </Col>
      </Row>
      {acting && <FireModal s={s} transition={acting} onClose={() => setActing(undefined)} />}
      {registering && <RegisterModal s={s} onClose={() => setRegistering(false)} />}
    </div>
  );
}

function Candidates({ s }: { s: SelectionDetail }) {
  const { label } = useI18n();
  const vet = useVet(s.id);
  const score = useScore(s.id);
  const { message } = AntApp.useApp();
  const [vetting, setVetting] = useState<SelectionCandidate>();
  const [scoring, setScoring] = useState<Record<number, number | null>>({});
  const saveScore = async (k: SelectionCandidate) => {
    const value = scoring[k.id];
    if (value === undefined || value === null) return;
    try {
      await score.mutateAsync({ candidateId: k.id, version: s.version, score: value });
      message.success(`已录入${k.person.name}的成绩`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Table<SelectionCandidate> size="small" rowKey="id" dataSource={s.candidateList} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: '尚无报名' }}
        columns={[
          { title: '姓名', key: 'n', render: (_, k) => <><Link to={`/people/${k.person.id}`}>{k.person.name}</Link>{k.chosen && <Tag color="orange" style={{ marginInlineStart: 6 }}>考察人选</Tag>}</> },
          { title: '单位', dataIndex: 'org' },
          { title: '报名', dataIndex: 'registeredOn' },
          {
            title: '联审联查', key: 'v',
            render: (_, k) => (s.canVet ? (
              <Button size="small" type="link" onClick={() => setVetting(k)} data-testid={`vet-${k.person.name}`}>{k.vetting === 'pending' ? '录入结果' : label(VETTING_LABELS[k.vetting])}</Button>
            ) : <Tag color={k.vetting === 'passed' ? 'green' : k.vetting === 'failed' ? 'red' : 'default'} title={k.vettingReason ?? ''}>{label(VETTING_LABELS[k.vetting])}</Tag>),
          },
          ...(['written', 'interview'] as const).map((kind) => ({
            title: kind === 'written' ? '笔试' : '面试', key: kind,
            render: (_: unknown, k: SelectionCandidate) => {
              const value = kind === 'written' ? k.writtenScore : k.interviewScore;
              if (s.canScore !== kind || k.vetting !== 'passed') return value ?? '—';
              return (
                <Space.Compact size="small">
                  <InputNumber size="small" min={0} max={100} step={0.5} style={{ width: 80 }} defaultValue={value ?? undefined} onChange={(v) => setScoring((m) => ({ ...m, [k.id]: v }))} data-testid={`score-${k.person.name}`} />
                  <Button size="small" onClick={() => void saveScore(k)} loading={score.isPending} data-testid={`score-save-${k.person.name}`}>保存</Button>
                </Space.Compact>
              );
            },
          })),
          { title: '综合', dataIndex: 'total', render: (v) => v ?? '—' },
          { title: '考察', key: 'i', render: (_, k) => (k.inspection ? <Tag color={k.inspection === 'passed' ? 'green' : 'red'} title={k.inspectionNote ?? ''}>{k.inspection === 'passed' ? '合格' : '不合格'}</Tag> : '—') },
        ]}
      />
      {vetting && (
        <VetModal k={vetting} onClose={() => setVetting(undefined)} onSave={(passed, reason) => vet.mutateAsync({ candidateId: vetting.id, version: s.version, passed, reason })} pending={vet.isPending} />
      )}
    </>
  );
}

function VetModal({ k, onClose, onSave, pending }: { k: SelectionCandidate; onClose: () => void; onSave: (passed: boolean, reason?: string) => Promise<unknown>; pending: boolean }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await onSave(v.passed, v.reason?.trim() || undefined);
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['reason']));
    }
  };
  return (
    <Modal open title={`联审联查：${k.person.name}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={pending} destroyOnHidden okButtonProps={{ 'data-testid': 'vet-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ passed: true }}>
        <Form.Item name="passed"><Radio.Group options={[{ value: true, label: '审查通过' }, { value: false, label: '审查未通过' }]} /></Form.Item>
        <Form.Item name="reason" label="未通过原因"><Input maxLength={200} placeholder="审查未通过须写明原因" /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
    </Modal>
  );
}

function RegisterModal({ s, onClose }: { s: SelectionDetail; onClose: () => void }) {
  const { label } = useI18n();
  const [form] = Form.useForm();
  const register = useRegisterCandidate(s.id);
  const [mode, setMode] = useState<'roster' | 'new'>('roster');
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      await register.mutateAsync({
        version: s.version, registeredOn: v.registeredOn.format('YYYY-MM-DD'),
        ...(mode === 'roster'
          ? { personId: v.personId }
          : { person: { name: v.name.trim(), gender: v.gender, birthDate: v.birthDate.format('YYYY-MM-DD'), orgId: v.orgId, education: v.education } }),
      });
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['personId', 'registeredOn']));
    }
  };
  return (
    <Modal open title="登记报名" onCancel={onClose} onOk={() => void submit()} confirmLoading={register.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'register-submit' } as never}>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 12 }} options={[{ value: 'roster', label: '人员库中的人' }, { value: 'new', label: '新报名人（录入人员库）' }]} />
      <Form form={form} layout="vertical" initialValues={{ registeredOn: dayjs(), gender: 'male' }}>
        {mode === 'roster' ? (
          <Form.Item name="personId" label="报名人" rules={[{ required: true, message: '请选择报名人' }]}><PersonSelect testId="register-person" /></Form.Item>
        ) : (
          <>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}><Input maxLength={50} /></Form.Item>
            <Form.Item name="gender" label="性别"><Radio.Group options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} /></Form.Item>
            <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请选择出生日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="education" label="学历"><Select allowClear options={EDUCATIONS.map((e) => ({ value: e, label: label(EDUCATION_LABELS[e]) }))} /></Form.Item>
            <Form.Item name="orgId" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}><OrgTreeSelect /></Form.Item>
          </>
        )}
        <Form.Item name="registeredOn" label="报名日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="register-error">{error}</div>}
    </Modal>
  );
}

function FireModal({ s, transition, onClose }: { s: SelectionDetail; transition: SelectionTransition; onClose: () => void }) {
  const { label } = useI18n();
  const [form] = Form.useForm();
  const fire = useFireSelection(s.id);
  const [error, setError] = useState<string>();
  const ranked = s.candidateList.filter((k) => k.vetting === 'passed' && k.inspection !== 'failed').sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const needsComment = transition === 'appoint' || transition === 'reject_candidate' || transition === 'cancel';
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      await fire.mutateAsync({
        transition, version: s.version, comment: v.comment?.trim() || undefined, candidateId: v.candidateId,
        startDate: v.startDate?.format('YYYY-MM-DD'), civilServiceBasis: v.civilServiceBasis?.trim() || undefined,
      });
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['comment', 'candidateId', 'startDate', 'civilServiceBasis']));
    }
  };
  return (
    <Modal open title={label(SELECTION_TRANSITION_LABELS[transition])} onCancel={onClose} onOk={() => void submit()} confirmLoading={fire.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'fire-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ candidateId: ranked[0]?.id, startDate: dayjs() }}>
        {transition === 'start_inspection' && (
          <Form.Item name="candidateId" label="考察人选（按综合成绩排序）" rules={[{ required: true, message: '请选定考察人选' }]}>
            <Select options={ranked.map((k) => ({ value: k.id, label: `${k.person.name}（综合 ${k.total ?? '—'}）` }))} data-testid="fire-candidate" />
          </Form.Item>
        )}
        {transition === 'appoint' && <Form.Item name="startDate" label="任职日期" rules={[{ required: true, message: '请填写任职日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>}
        {transition === 'appoint' && s.civilService && (
          <Form.Item name="civilServiceBasis" label="公职化依据" rules={[{ required: true, whitespace: true, message: '请填写公职化依据' }]}><Input maxLength={200} placeholder="文件或会议" /></Form.Item>
        )}
        {(needsComment || transition === 'open_registration' || transition === 'start_inspection') && (
          <Form.Item name="comment" label={transition === 'appoint' ? '组织考察意见' : transition === 'reject_candidate' ? '考察不合格原因' : transition === 'cancel' ? '终止原因' : '说明'}
            rules={needsComment ? [{ required: true, whitespace: true, message: '请填写' }] : []}>
            <Input.TextArea rows={3} maxLength={500} data-testid="fire-comment" />
          </Form.Item>
        )}
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="fire-error">{error}</div>}
    </Modal>
  );
}
