// 申报党建项目: a one-column form a village secretary can fill on a phone — title, year, aim × class,
// the unit, the leader and undertakers picked from the unit's current posts, the budget in yuan,
// the sending unit of an assistance project, and the route map's milestones. There is no
// progress field: progress is computed from the milestones done.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PROJECT_AIMS, PROJECT_AIM_LABELS, PROJECT_CLASSES, PROJECT_CLASS_LABELS, POST_ROLE_LABELS } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors, PageHead } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useCreateProject } from '../projects.api';
import { useProjectsT } from '../projects.messages';

type Values = {
  title: string; year: number; aim: (typeof PROJECT_AIMS)[number]; class: (typeof PROJECT_CLASSES)[number]; orgId: number; description?: string;
  leaderPostId?: number; undertakerPostIds?: number[]; budget?: number; assistance?: boolean; sendingUnit?: string;
  milestones?: { title: string; dueOn: Dayjs }[];
};

export function ProjectFormPage() {
  const t = useProjectsT();
  const { label } = useI18n();
  const me = useAccount();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateProject();
  const year = Number(dayjs().format('YYYY'));
  const [orgId, setOrgId] = useState<number | undefined>(me.scopeOrg.type === 'county' ? undefined : me.scopeOrg.id);
  const assistance = Form.useWatch('assistance', form);
  const posts = useQuery({ queryKey: ['projects', 'unit-posts', orgId], enabled: !!orgId, queryFn: () => api.get(`/api/orgs/${orgId!}/posts`) });
  const today = dayjs().format('YYYY-MM-DD');
  const current = (posts.data ?? []).filter((p) => !p.endDate || p.endDate >= today);
  const postOptions = current.map((p) => ({ value: p.id, label: `${p.person.name}（${label(POST_ROLE_LABELS[p.role])}）` }));

  const submit = (v: Values) =>
    create.mutate({
      title: v.title, year: v.year, aim: v.aim, class: v.class, orgId: v.orgId, description: v.description, leaderPostId: v.leaderPostId,
      undertakerPostIds: v.undertakerPostIds, budget: v.budget ?? 0, sendingUnit: v.assistance ? v.sendingUnit : undefined,
      milestones: (v.milestones ?? []).map((m) => ({ title: m.title, dueOn: m.dueOn.format('YYYY-MM-DD') })),
    }, {
      onSuccess: (p) => {
        message.success(t('saved'));
        navigate(`/projects/${p.id}`);
      },
      onError: (e) => {
        const rest = applyFieldErrors(form, e, ['title', 'year', 'orgId', 'budget', 'leaderPostId', 'undertakerPostIds', 'sendingUnit']);
        if (rest) message.error(rest);
      },
    });

  return (
    <div data-testid="project-form-page" style={{ maxWidth: 720 }}>
      <PageHead title={t('form.title')} record />
      <Card size="small">
        <Alert type="info" showIcon message={t('form.noPercent')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={submit} data-testid="project-form"
          initialValues={{ year, aim: 'service', class: 'key', orgId, milestones: [{ title: '', dueOn: dayjs().add(30, 'day').year() === year ? dayjs().add(30, 'day') : dayjs(`${year}-12-31`) }] }}>
          <Form.Item name="title" label={t('form.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input maxLength={200} data-testid="project-title" /></Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('form.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} data-testid="project-year" /></Form.Item>
            <Form.Item name="aim" label={t('list.aim')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={PROJECT_AIMS.map((a) => ({ value: a, label: label(PROJECT_AIM_LABELS[a]) }))} data-testid="project-aim" />
            </Form.Item>
            <Form.Item name="class" label={t('list.class')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={PROJECT_CLASSES.map((c) => ({ value: c, label: label(PROJECT_CLASS_LABELS[c]) }))} data-testid="project-class" />
            </Form.Item>
          </Space>
          <Form.Item name="orgId" label={t('form.unit')} rules={[{ required: true, message: t('form.required') }]}>
            <OrgTreeSelect onChange={(v) => { setOrgId(v); form.setFieldsValue({ leaderPostId: undefined, undertakerPostIds: [] }); }} testId="project-unit" />
          </Form.Item>
          <Form.Item name="description" label={t('form.description')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
          <Form.Item name="leaderPostId" label={t('form.leader')}><Select allowClear options={postOptions} loading={posts.isLoading} data-testid="project-leader" /></Form.Item>
          <Form.Item name="undertakerPostIds" label={t('form.undertakers')}><Select mode="multiple" allowClear options={postOptions} data-testid="project-undertakers" /></Form.Item>
          <Form.Item name="budget" label={t('form.budget')} rules={[{ type: 'number', min: 0, message: '预算不能为负数' }]}>
            <InputNumber min={0} precision={2} step={1000} style={{ width: 200 }} data-testid="project-budget" />
          </Form.Item>
          <Form.Item name="assistance" label={t('form.isAssistance')} valuePropName="checked"><Switch data-testid="project-assistance" /></Form.Item>
          {assistance && (
            <Form.Item name="sendingUnit" label={t('form.sendingUnit')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input maxLength={100} data-testid="project-sending" /></Form.Item>
          )}
          <Form.Item label={t('form.milestones')} required>
            <Form.List name="milestones">
              {(fields, { add, remove }) => (
                <div data-testid="project-milestones">
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input placeholder={t('detail.milestoneTitle')} style={{ width: 240 }} data-testid="milestone-title" /></Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t('form.required') }]}>
                        <DatePicker data-testid="milestone-due" disabledDate={(d) => d.year() !== (form.getFieldValue('year') ?? year)} />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)} disabled={fields.length === 1}>−</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ title: '', dueOn: undefined })} data-testid="milestone-add">{t('form.addMilestone')}</Button>
                </div>
              )}
            </Form.List>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} block data-testid="project-submit">{t('form.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
