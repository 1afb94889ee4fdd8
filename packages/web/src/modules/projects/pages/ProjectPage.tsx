// A project: what it is (aim × class, unit, the responsibility chain, budget, sending unit), the
// route map as a timeline of milestones (done with a note, overdue in red), the monthly reports
// the dispatch engine asked for (answered on the assignment page), files, linked inspections and
// accountability, the year-end account and appraisal, and the next steps the caller may take.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Row, Select, Skeleton, Space, Tag, Timeline, Typography, Upload } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  MILESTONE_STATE_LABELS, PROJECT_AIM_LABELS, PROJECT_CLASS_LABELS, PROJECT_GRADES, PROJECT_GRADE_LABELS, PROJECT_LINK_KINDS, PROJECT_LINK_LABELS,
  PROJECT_STATE_LABELS, type Milestone, type ProjectDetail, type ProjectTransition,
} from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, applyFieldErrors, PageHead } from '../../../app/ui';
import { useCan } from '../../../app/auth';
import { ProgressCell, ReportsCell } from '../components';
import { useAddMilestone, useClaimRole, useExcellent, useFireProject, useLinkProject, useMilestoneDone, useProject, useUploadProjectFile } from '../projects.api';
import { useProjectsT } from '../projects.messages';
import { SubjectResults } from '../../assessment/components/SubjectResults';

const STATE_COLOR: Record<Milestone['state'], string> = { done: 'green', overdue: 'red', due_soon: 'orange', planned: 'gray' };

export function ProjectPage() {
  const id = Number(useParams().id);
  const t = useProjectsT();
  const { label } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const q = useProject(id);
  const p = q.data;
  usePageCrumb(p?.title);
  const fire = useFireProject(id);
  const addMilestone = useAddMilestone(id);
  const done = useMilestoneDone(id);
  const claim = useClaimRole(id);
  const link = useLinkProject(id);
  const excellent = useExcellent(id);
  const upload = useUploadProjectFile(id);
  const [doing, setDoing] = useState<Milestone | null>(null);
  const [step, setStep] = useState<ProjectTransition | null>(null);
  const [doneForm] = Form.useForm<{ doneOn: Dayjs; note: string }>();
  const [stepForm] = Form.useForm<{ comment?: string; summary?: string; score?: number; grade?: string }>();
  const [msForm] = Form.useForm<{ title: string; dueOn: Dayjs }>();
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!p) return <Card><Skeleton active /></Card>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any of the page's forms
  const fail = (form: FormInstance<any> | undefined, known: string[]) => (e: unknown) => {
    const rest = form ? applyFieldErrors(form, e, known) : (e as Error).message;
    if (rest) message.error(rest);
  };
  const offer = p.transitions.find((x) => x.name === step);
  const year = p.year;

  return (
    <div data-testid="project-page" data-status={p.status}>
      <PageHead record title={<span data-testid="project-title">{p.title}</span>} extra={
        <Space wrap>
          <Tag color="blue" data-testid="project-status">{label(PROJECT_STATE_LABELS[p.status])}</Tag>
          {p.excellent && <Tag color="red">{t('detail.excellentTag')}</Tag>}
          {p.transitions.map((x) => (
            <Button key={x.name} type={x.name === 'return' ? 'default' : 'primary'} onClick={() => { stepForm.resetFields(); setStep(x.name); }} data-testid={`fire-${x.name}`}>{label(x.label)}</Button>
          ))}
        </Space>
      } />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <ProgressCell p={p.progress} wide />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6 }} data-testid="progress-rule">{label(p.progressRule)}</Typography.Paragraph>
            <ReportsCell r={p.reports} />
          </Card>
          <Card size="small" title={t('detail.routeMap')} style={{ marginBottom: 12 }} data-testid="route-map"
            extra={p.canEdit && <Button size="small" onClick={() => { msForm.resetFields(); Modal.confirm({
              title: t('detail.addMilestone'), icon: null,
              content: (
                <Form form={msForm} layout="vertical">
                  <Form.Item name="title" label={t('detail.milestoneTitle')} rules={[{ required: true }]}><Input data-testid="new-milestone-title" /></Form.Item>
                  <Form.Item name="dueOn" label={t('detail.dueOn')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.year() !== year} data-testid="new-milestone-due" /></Form.Item>
                </Form>
              ),
              onOk: async () => {
                const v = await msForm.validateFields();
                await addMilestone.mutateAsync({ title: v.title, dueOn: v.dueOn.format('YYYY-MM-DD') }).catch((e) => { fail(msForm, ['title', 'dueOn'])(e); throw e; });
              },
            }); }} data-testid="add-milestone">{t('detail.addMilestone')}</Button>}>
            {p.milestones.length === 0 ? <Empty description={t('detail.noneYet')} /> : (
              <Timeline
                items={p.milestones.map((m) => ({
                  color: STATE_COLOR[m.state],
                  children: (
                    <div data-testid="milestone" data-state={m.state}>
                      <Space wrap>
                        <strong>{m.title}</strong>
                        <Typography.Text type="secondary">{t('detail.due', { date: m.dueOn })}</Typography.Text>
                        <Tag color={STATE_COLOR[m.state]} bordered={false}>{label(MILESTONE_STATE_LABELS[m.state])}</Tag>
                        {m.state !== 'done' && p.canEdit && p.status === 'in_progress' && (
                          <Button size="small" onClick={() => { doneForm.setFieldsValue({ doneOn: dayjs(), note: '' }); setDoing(m); }} data-testid="milestone-done">{t('detail.markDone')}</Button>
                        )}
                      </Space>
                      {m.doneOn && <div><Typography.Text type="secondary">{m.doneOn}：{m.note}</Typography.Text></div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <Card size="small" title={t('detail.reports')} style={{ marginBottom: 12 }} data-testid="project-reports-list">
            {p.reportsList.length === 0 ? <Typography.Text type="secondary">{t('detail.noReports')}</Typography.Text> : p.reportsList.map((r) => (
              <div key={r.period} data-testid="project-report" data-status={r.status} data-late={r.late} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Space wrap>
                  <strong>{r.period}</strong>
                  <Tag color={r.status === 'reported' ? 'green' : 'orange'} bordered={false}>{r.status === 'reported' ? t('detail.reported') : t('detail.pending')}</Tag>
                  {r.late && <Tag color="red" bordered={false}>{t('detail.lateTag')}</Tag>}
                  <Typography.Text type="secondary">{t('detail.due', { date: r.dueOn })}</Typography.Text>
                  <Link to={`/dispatch/assignments/${r.assignmentId}`} data-testid="report-link">{r.status === 'pending' && can('dispatch:report') ? t('detail.answer') : '→'}</Link>
                </Space>
                {r.text && <div><Typography.Text type="secondary">{r.text}</Typography.Text></div>}
              </div>
            ))}
          </Card>
          <Card size="small" title={t('detail.timeline')} data-testid="project-timeline">
            <Timeline items={p.timeline.map((e) => ({ children: <div><Typography.Text type="secondary">{dayjs(e.at).format('YYYY-MM-DD HH:mm')} {e.actor}</Typography.Text><div>{e.toStatus && e.kind === 'transition' ? `→ ${label(PROJECT_STATE_LABELS[e.toStatus as ProjectDetail['status']])} ` : ''}{e.body}</div></div> }))} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('detail.aimClass')}>{label(PROJECT_AIM_LABELS[p.aim])} · {label(PROJECT_CLASS_LABELS[p.class])}</Descriptions.Item>
              <Descriptions.Item label={t('list.year')}>{p.year}</Descriptions.Item>
              <Descriptions.Item label={t('col.unit')}>{p.org.name}</Descriptions.Item>
              <Descriptions.Item label={t('detail.budget')}>{t('detail.yuan', { n: p.budget.toLocaleString('zh-CN') })}</Descriptions.Item>
              {p.sendingUnit && <Descriptions.Item label={t('detail.sending')}>{p.sendingUnit}</Descriptions.Item>}
              <Descriptions.Item label={t('detail.leader')}>{p.leader ? `${p.leader.name}（${p.leader.role}）` : t('detail.noneYet')}</Descriptions.Item>
              <Descriptions.Item label={t('detail.undertakers')}>{p.undertakers.map((u) => `${u.name}（${u.role}）`).join('、') || t('detail.noneYet')}</Descriptions.Item>
              <Descriptions.Item label={t('detail.members')}><span data-testid="project-members">{p.members.map((u) => `${u.name}：${u.role}`).join('、') || t('detail.noneYet')}</span></Descriptions.Item>
              {p.carriedFrom && <Descriptions.Item label={t('detail.carriedFrom')}><Link to={`/projects/${p.carriedFrom}`}>#{p.carriedFrom}</Link></Descriptions.Item>}
              {p.carriedTo && <Descriptions.Item label={t('detail.carriedTo')}><Link to={`/projects/${p.carriedTo}`}>#{p.carriedTo}</Link></Descriptions.Item>}
            </Descriptions>
            {p.description && <Typography.Paragraph style={{ marginTop: 8 }}>{p.description}</Typography.Paragraph>}
            {p.canEdit && (
              <Form layout="inline" onFinish={(v: { personId: number; role: string }) => claim.mutate(v, { onError: fail(undefined, []) })} style={{ marginTop: 8, rowGap: 8 }}>
                <Form.Item name="personId" rules={[{ required: true }]}><InputNumber min={1} placeholder={t('detail.personId')} style={{ width: 160 }} /></Form.Item>
                <Form.Item name="role" rules={[{ required: true }]}><Input placeholder={t('detail.role')} style={{ width: 140 }} /></Form.Item>
                <Button htmlType="submit">{t('detail.claim')}</Button>
              </Form>
            )}
          </Card>
          {p.yearAccount && <SubjectResults title="年交账考评" results={[p.yearAccount]} empty="" testId="project-year-account" />}
          {(p.yearSummary || p.yearGrade) && (
            <Card size="small" title={t('detail.yearEnd')} style={{ marginBottom: 12 }} data-testid="project-year-end">
              {p.yearSummary && <Typography.Paragraph>{p.yearSummary}</Typography.Paragraph>}
              {p.yearGrade && <div>{t('detail.score')}：{p.yearScore} · {label(PROJECT_GRADE_LABELS[p.yearGrade])}{p.appraisalSource === 'assessment' ? '（取自年交账考核表）' : ''}</div>}
              {can('project:configure') && ['closed', 'carried_over'].includes(p.status) && (
                <Button style={{ marginTop: 8 }} onClick={() => excellent.mutate({ version: p.version, excellent: !p.excellent }, { onError: fail(undefined, []) })} data-testid="project-excellent">
                  {p.excellent ? t('detail.unexcellent') : t('detail.excellent')}
                </Button>
              )}
            </Card>
          )}
          <Card size="small" title={t('detail.files')} style={{ marginBottom: 12 }}>
            {p.files.map((f) => <div key={f.id}><a href={`/api/projects/${p.id}/attachments/${f.id}`} target="_blank" rel="noreferrer">{f.fileName}</a></div>)}
            {p.canEdit && can('project:write') && (
              <Upload showUploadList={false} customRequest={({ file, onSuccess, onError }) => upload.mutate(file as File, { onSuccess: () => onSuccess?.({}), onError: (e) => { fail(undefined, [])(e); onError?.(e as Error); } })}>
                <Button size="small" style={{ marginTop: 6 }}>{t('detail.upload')}</Button>
              </Upload>
            )}
          </Card>
          <Card size="small" title={t('detail.links')} data-testid="project-links">
            {p.links.length === 0 && <Typography.Text type="secondary">{t('detail.noneYet')}</Typography.Text>}
            {p.links.map((l) => (
              <div key={l.id}><Tag bordered={false}>{label(PROJECT_LINK_LABELS[l.kind])}</Tag>{l.date} {l.kind === 'inspection' ? <Link to="/inspections">{l.title}</Link> : l.title}</div>
            ))}
            {(can('inspection:write') || can('inspection:accountability')) && (
              <Form layout="inline" onFinish={(v: { kind: 'inspection' | 'accountability'; refId: number }) => link.mutate(v, { onError: fail(undefined, []) })} initialValues={{ kind: 'inspection' }} style={{ marginTop: 8, rowGap: 8 }}>
                <Form.Item name="kind"><Select style={{ width: 100 }} options={PROJECT_LINK_KINDS.map((k) => ({ value: k, label: label(PROJECT_LINK_LABELS[k]) }))} /></Form.Item>
                <Form.Item name="refId" rules={[{ required: true }]}><InputNumber min={1} placeholder={t('detail.linkId')} /></Form.Item>
                <Button htmlType="submit">{t('detail.link')}</Button>
              </Form>
            )}
          </Card>
        </Col>
      </Row>

      <Modal open={!!doing} title={doing ? `${t('detail.markDone')}：${doing.title}` : ''} onCancel={() => setDoing(null)} okButtonProps={{ 'data-testid': 'milestone-done-ok' } as never} confirmLoading={done.isPending}
        onOk={async () => {
          const v = await doneForm.validateFields();
          done.mutate({ milestoneId: doing!.id, version: doing!.version, doneOn: v.doneOn.format('YYYY-MM-DD'), note: v.note }, { onSuccess: () => setDoing(null), onError: fail(doneForm, ['doneOn', 'note']) });
        }}>
        <Form form={doneForm} layout="vertical">
          <Form.Item name="doneOn" label={t('detail.doneOn')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.year() !== year} /></Form.Item>
          <Form.Item name="note" label={t('detail.doneNote')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} data-testid="milestone-note" /></Form.Item>
        </Form>
      </Modal>

      <Modal open={!!step} title={offer ? label(offer.label) : ''} onCancel={() => setStep(null)} okButtonProps={{ 'data-testid': 'fire-ok' } as never} confirmLoading={fire.isPending}
        onOk={async () => {
          const v = await stepForm.validateFields();
          fire.mutate({ transition: step!, version: p.version, ...v, grade: v.grade as never }, { onSuccess: () => setStep(null), onError: fail(stepForm, ['comment', 'summary', 'score', 'grade']) });
        }}>
        <Form form={stepForm} layout="vertical">
          {offer?.requires.includes('summary') && <Form.Item name="summary" label={t('detail.summary')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} data-testid="fire-summary" /></Form.Item>}
          {offer?.requires.includes('score') && <Form.Item name="score" label={t('detail.score')} rules={[{ required: true }]}><InputNumber min={0} max={100} data-testid="fire-score" /></Form.Item>}
          {offer?.requires.includes('grade') && <Form.Item name="grade" label={t('detail.grade')} rules={[{ required: true }]}><Select options={PROJECT_GRADES.map((g) => ({ value: g, label: label(PROJECT_GRADE_LABELS[g]) }))} data-testid="fire-grade" /></Form.Item>}
          {(step === 'close' || step === 'carry_over') && p.appraisalSource === 'assessment' && (
            <Alert style={{ marginBottom: 12 }} type={p.yearAccount ? 'info' : 'warning'} showIcon data-testid="fire-from-assessment"
              message={p.yearAccount
                ? `考评得分取自已公布的年交账考核表：${p.yearAccount.score} 分（${p.yearAccount.gradeLabel}），无需另填`
                : '本县本年度的项目年交账通过考核评分打分，本项目的考核表尚未公布：公布后方可考评（得分取自考核表）'} />
          )}
          <Form.Item name="comment" label={t('detail.comment')} rules={offer?.requires.includes('comment') ? [{ required: true, whitespace: true }] : []}><Input.TextArea rows={2} data-testid="fire-comment" /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
