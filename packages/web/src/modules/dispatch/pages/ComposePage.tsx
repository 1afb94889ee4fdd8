// 下发: the composer. Title, content, recipients (all stations / all villages below, or orgs picked
// from the tree), one-off with a due date or recurring (weekly on a weekday, monthly, quarterly,
// yearly), and an optional report form built from fields whose figures roll up.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { DIRECTIVE_KIND_LABELS, DIRECTIVE_KINDS, FREQUENCIES, FREQUENCY_LABELS, type DirectiveKind, type FormField, type Frequency, type IssueDirectiveBody, type OrgType } from '@lianxin/contract';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { PageHead } from '../../../app/ui';
import { useOrgTree } from '../../orgs/orgs.api';
import { useIssueDirective } from '../dispatch.api';
import { api } from '../../../app/api';
import { PendingFiles } from '../components/Files';
import { useDispatchT } from '../dispatch.messages';
import { OrgMultiSelect, putFieldErrors, todayStr, useOrgsBelow, usePhone } from '../components/bits';
import '../dispatch.css';

type FieldDraft = { label?: string; type?: FormField['type']; required?: boolean; options?: string[]; unit?: string };
type Values = {
  kind: DirectiveKind;
  title: string;
  content?: string;
  targetMode: 'station' | 'village' | 'township' | 'pick';
  targets?: { orgIds?: number[] };
  schedule: 'once' | 'recurring';
  dueDate?: Dayjs;
  recurrence?: { frequency?: Frequency; weekday?: number; dueDays?: number };
  allowLate: boolean;
  form?: FieldDraft[];
};

const TYPE_GROUPS: { mode: 'station' | 'village' | 'township'; types: readonly OrgType[] }[] = [
  { mode: 'township', types: ['township'] },
  { mode: 'station', types: ['station'] },
  // 「全部村（社区）」: villages and communities alike (the server sends `type: 'village'` to both)
  { mode: 'village', types: ['village', 'community'] },
];
const PICKABLE: readonly OrgType[] = ['township', 'station', 'village', 'community', 'department', 'agency', 'enterprise', 'social_org'] as OrgType[];

export function ComposePage() {
  const t = useDispatchT();
  const { t: ct, label } = useI18n();
  const me = useAccount();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string>();
  const [files, setFiles] = useState<File[]>([]);
  usePageCrumb(t('compose.title'));
  const issue = useIssueDirective();
  const phone = usePhone();
  const groups = {
    township: useOrgsBelow(me.scopeOrg.id, TYPE_GROUPS[0]!.types, true).length,
    station: useOrgsBelow(me.scopeOrg.id, TYPE_GROUPS[1]!.types, true).length,
    village: useOrgsBelow(me.scopeOrg.id, TYPE_GROUPS[2]!.types, true).length,
  };
  const schedule = Form.useWatch('schedule', form);
  const targetMode = Form.useWatch('targetMode', form);
  const frequency = Form.useWatch(['recurrence', 'frequency'], form);
  const tree = useOrgTree();
  const defaultMode = groups.station ? 'station' : groups.township ? 'township' : groups.village ? 'village' : 'pick';
  // The default recipients depend on the tree (all stations for a township, all townships for the
  // county): set once it has loaded, unless the user already chose.
  useEffect(() => {
    if (tree.isSuccess && !form.getFieldValue('targetMode')) form.setFieldValue('targetMode', defaultMode);
  }, [tree.isSuccess, defaultMode, form]);

  const toBody = (v: Values): IssueDirectiveBody => {
    const fields: FormField[] = (v.form ?? []).map((f, i) => ({
      key: `f${i + 1}`,
      label: (f.label ?? '').trim(),
      type: f.type ?? 'number',
      ...(f.required ? { required: true } : {}),
      ...(f.type === 'choice' ? { options: f.options ?? [] } : {}),
      ...(f.unit?.trim() && (f.type ?? 'number') === 'number' ? { unit: f.unit.trim() } : {}),
    }));
    return {
      kind: v.kind,
      title: v.title.trim(),
      ...(v.content?.trim() ? { content: v.content.trim() } : {}),
      ...(fields.length ? { form: fields } : {}),
      targets: v.targetMode === 'pick' ? { orgIds: v.targets?.orgIds ?? [] } : { type: v.targetMode === 'village' ? 'village' : v.targetMode },
      allowLate: v.allowLate,
      ...(v.schedule === 'once'
        ? { dueDate: v.dueDate?.format('YYYY-MM-DD') }
        : {
            recurrence: {
              frequency: v.recurrence?.frequency ?? 'weekly',
              ...(v.recurrence?.frequency === 'weekly' ? { weekday: v.recurrence.weekday } : {}),
              dueDays: v.recurrence?.dueDays ?? 0,
            },
          }),
    };
  };

  const recipientsText = (v: Values) =>
    v.targetMode === 'pick' ? t('compose.targets.picked', { n: v.targets?.orgIds?.length ?? 0 }) : t(`compose.targets.${v.targetMode}` as 'compose.targets.station', { n: groups[v.targetMode] });

  const submit = async (v: Values) => {
    setTopError(undefined);
    const body = toBody(v);
    modal.confirm({
      title: v.schedule === 'once' ? t('compose.confirm', { n: recipientsText(v) }) : t('compose.confirmRecurring', { freq: label(FREQUENCY_LABELS[body.recurrence!.frequency]) }),
      content: v.title,
      okText: t('compose.submit'),
      onOk: async () => {
        try {
          const r = await issue.mutateAsync(body);
          for (const f of r.directiveId !== null && v.schedule === 'once' ? files : []) {
            const form = new FormData();
            form.append('file', f, f.name);
            await api.upload(`/api/directives/${r.directiveId ?? 0}/attachments`, form).catch((e: unknown) => message.error(t('files.failed', { name: f.name, msg: e instanceof Error ? e.message : String(e) })));
          }
          message.success(r.seriesId ? t('compose.doneSeries', { n: r.targets }) : t('compose.done', { n: r.targets }));
          navigate(r.directiveId ? `/dispatch/${r.directiveId}` : '/dispatch?tab=series');
        } catch (error) {
          const known = (p: (string | number)[]) => ['kind', 'title', 'content', 'dueDate', 'targets', 'recurrence', 'form'].includes(String(p[0]));
          setTopError(putFieldErrors(form, error, known));
        }
      },
    });
  };

  return (
    <div className="lx-dispatch lx-compose" data-testid="compose-page">
      <PageHead title={t('compose.title')} />
      <Card>
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="compose-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError
          initialValues={{ kind: 'task_list', schedule: 'once', allowLate: true, recurrence: { frequency: 'weekly', weekday: 1, dueDays: 4 } }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('compose.kind')} rules={[{ required: true }]}>
                <Select data-testid="compose-kind" options={DIRECTIVE_KINDS.map((k) => ({ value: k, label: label(DIRECTIVE_KIND_LABELS[k]) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="title" label={t('compose.titleField')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('compose.titleField') }) }, { max: 200 }]}>
                <Input placeholder={t('compose.titlePh')} maxLength={200} data-testid="compose-title" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="content" label={t('compose.content')} rules={[{ max: 10000 }]}>
            <Input.TextArea rows={5} placeholder={t('compose.contentPh')} showCount maxLength={10000} data-testid="compose-content" />
          </Form.Item>

          <Form.Item label={t('files.title')} extra={schedule === 'recurring' ? t('files.seriesNote') : t('files.hint')}>
            {schedule === 'recurring' ? null : <PendingFiles files={files} onChange={setFiles} />}
          </Form.Item>
          <Form.Item name="targetMode" label={t('compose.targets')} rules={[{ required: true }]}>
            <Radio.Group className="lx-radio-stack" data-testid="compose-target-mode">
              {TYPE_GROUPS.filter((g) => groups[g.mode] > 0).map((g) => (
                <Radio key={g.mode} value={g.mode}>
                  {t(`compose.targets.${g.mode}`, { n: groups[g.mode] })}
                </Radio>
              ))}
              <Radio value="pick">{t('compose.targets.pick')}</Radio>
            </Radio.Group>
          </Form.Item>
          {targetMode === 'pick' && (
            <Form.Item name={['targets', 'orgIds']} rules={[{ required: true, type: 'array', min: 1, message: t('compose.targets.required') }]}>
              <OrgMultiSelect rootId={me.scopeOrg.id} selectable={PICKABLE} placeholder={t('compose.targets.pickPh')} testId="compose-orgs" />
            </Form.Item>
          )}

          <Form.Item name="schedule" label={t('compose.schedule')}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="compose-schedule">
              <Radio value="once">{t('compose.once')}</Radio>
              <Radio value="recurring">{t('compose.recurring')}</Radio>
            </Radio.Group>
          </Form.Item>
          {schedule !== 'recurring' ? (
            <Form.Item name="dueDate" label={t('compose.dueDate')} rules={[{ required: true, message: ct('common.select', { field: t('compose.dueDate') }) }]}>
              <DatePicker style={{ width: 220 }} inputReadOnly={phone} disabledDate={(d) => d.isBefore(dayjs(todayStr()), 'day')} data-testid="compose-due" />
            </Form.Item>
          ) : (
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Form.Item name={['recurrence', 'frequency']} label={t('compose.frequency')} rules={[{ required: true }]}>
                  <Select data-testid="compose-frequency" options={FREQUENCIES.map((f) => ({ value: f, label: label(FREQUENCY_LABELS[f]) }))} />
                </Form.Item>
              </Col>
              {frequency === 'weekly' && (
                <Col xs={24} md={6}>
                  <Form.Item name={['recurrence', 'weekday']} label={t('compose.weekday')} rules={[{ required: true }]}>
                    <Select data-testid="compose-weekday" options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t('compose.weekdayOpt', { day: t(`weekday.${d}` as 'weekday.1') }) }))} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={6}>
                <Form.Item name={['recurrence', 'dueDays']} label={t('compose.dueDays')} extra={t('compose.dueDaysHint')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={366} style={{ width: '100%' }} data-testid="compose-due-days" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="allowLate" valuePropName="checked">
            <Checkbox>{t('compose.allowLate')}</Checkbox>
          </Form.Item>

          <Typography.Title level={5}>{t('compose.form')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('compose.formHint')}</Typography.Paragraph>
          <Form.List name="form">
            {(fields, { add, remove }) => (
              <div data-testid="form-builder">
                {fields.map((field) => (
                  <FieldRow key={field.key} name={field.name} onRemove={() => remove(field.name)} />
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'number', required: false })} block data-testid="add-field">
                  {t('compose.addField')}
                </Button>
              </div>
            )}
          </Form.List>

          <div className="lx-form-actions">
            <Space>
              <Button onClick={() => navigate(-1)}>{ct('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={issue.isPending} data-testid="compose-submit">
                {t('compose.submit')}
              </Button>
            </Space>
          </div>
        </Form>
      </Card>
    </div>
  );
}

function FieldRow({ name, onRemove }: { name: number; onRemove: () => void }) {
  const t = useDispatchT();
  const { t: ct } = useI18n();
  const form = Form.useFormInstance();
  const type = Form.useWatch(['form', name, 'type'], form);
  return (
    <div className="lx-field-row" data-testid="form-field-row">
      <Row gutter={8} align="top">
        <Col xs={24} md={7}>
          <Form.Item name={[name, 'label']} label={t('compose.field.label')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('compose.field.label') }) }, { max: 50 }]}>
            <Input maxLength={50} data-testid="field-label" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[name, 'type']} label={t('compose.field.type')}>
            <Select
              data-testid="field-type"
              options={(['number', 'text', 'choice', 'date'] as const).map((v) => ({ value: v, label: t(`compose.fieldType.${v}`) }))}
            />
          </Form.Item>
        </Col>
        {type === 'choice' ? (
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'options']} label={t('compose.field.options')} rules={[{ required: true, type: 'array', min: 1, message: t('compose.field.optionsRequired') }]}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={t('compose.field.optionsPh')} data-testid="field-options" />
            </Form.Item>
          </Col>
        ) : type === 'number' || type === undefined ? (
          <Col xs={12} md={4}>
            <Form.Item name={[name, 'unit']} label={t('compose.field.unit')} rules={[{ max: 10 }]}>
              <Input maxLength={10} data-testid="field-unit" />
            </Form.Item>
          </Col>
        ) : (
          <Col xs={0} md={4} />
        )}
        <Col xs={12} md={3}>
          <Form.Item name={[name, 'required']} label={t('compose.field.required')} valuePropName="checked">
            <Switch size="small" />
          </Form.Item>
        </Col>
        <Col xs={12} md={2} className="lx-field-remove">
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label="remove" />
        </Col>
      </Row>
    </div>
  );
}
