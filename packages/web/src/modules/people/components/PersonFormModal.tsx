// Create or edit a person, validated in the browser and then by the API, whose field errors are
// shown at the field. On edit only changed fields are sent, so masked values stay untouched.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Col, DatePicker, Form, Grid, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EDUCATION_LABELS,
  EDUCATIONS,
  FLOW_STATUS_LABELS,
  FLOW_STATUSES,
  GENDER_LABELS,
  GENDERS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  type CreatePersonBody,
  type OrgType,
  type PersonDetail,
} from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useCreatePerson, useUpdatePerson } from '../people.api';

/** Where people are registered (the server's rule; other types are picked only as ancestors). */
const MEMBER_ORG_TYPES: readonly OrgType[] = ['county', 'township', 'village', 'community', 'agency', 'enterprise', 'social_org', 'department', 'party_group'];

type Values = {
  name: string;
  gender: CreatePersonBody['gender'];
  ethnicity?: string;
  idNumber?: string;
  birthDate?: Dayjs | null;
  phone?: string;
  education?: CreatePersonBody['education'];
  orgId: number;
  memberStatus?: CreatePersonBody['memberStatus'] | 'none';
  joinDate?: Dayjs | null;
  fullDate?: Dayjs | null;
  flowStatus?: CreatePersonBody['flowStatus'];
  status?: PersonDetail['status'];
};

const FIELDS = ['name', 'gender', 'ethnicity', 'idNumber', 'birthDate', 'phone', 'education', 'orgId', 'memberStatus', 'joinDate', 'fullDate', 'flowStatus', 'status'] as const;

function toValues(p: PersonDetail): Values {
  return {
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    idNumber: p.idNumber ?? undefined,
    birthDate: p.birthDate ? dayjs(p.birthDate) : null,
    phone: p.phone ?? undefined,
    education: p.education,
    orgId: p.org.id,
    memberStatus: p.memberStatus ?? 'none',
    joinDate: p.joinDate ? dayjs(p.joinDate) : null,
    fullDate: p.fullDate ? dayjs(p.fullDate) : null,
    flowStatus: p.flowStatus,
    status: p.status,
  };
}

function toBody(v: Values): Record<string, unknown> {
  const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
  return {
    name: v.name?.trim(),
    gender: v.gender,
    ethnicity: v.ethnicity?.trim() || undefined,
    idNumber: v.idNumber?.trim().toUpperCase() || null,
    birthDate: date(v.birthDate),
    phone: v.phone?.trim() || null,
    education: v.education ?? null,
    orgId: v.orgId,
    memberStatus: v.memberStatus === 'none' || !v.memberStatus ? null : v.memberStatus,
    joinDate: v.memberStatus === 'none' ? null : date(v.joinDate),
    fullDate: v.memberStatus === 'formal' ? date(v.fullDate) : null,
    flowStatus: v.flowStatus,
    status: v.status,
  };
}

export function PersonFormModal({
  open,
  onClose,
  person,
  onSaved,
  defaultOrgId,
}: {
  open: boolean;
  onClose: () => void;
  person?: PersonDetail;
  onSaved?: (p: PersonDetail) => void;
  defaultOrgId?: number;
}) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const [error, setError] = useState<string>();
  const memberStatus = Form.useWatch('memberStatus', form);
  const initial = person ? toValues(person) : undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(undefined);
    form.setFieldsValue(initial ?? { gender: 'male', ethnicity: '汉族', memberStatus: 'formal', flowStatus: 'none', orgId: defaultOrgId });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, person]);

  const unchanged = (field: 'idNumber' | 'phone', value: string | undefined) => !!initial && value === initial[field];

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setError(undefined);
    const body = toBody(v);
    try {
      let saved: PersonDetail;
      if (person && initial) {
        // Send only what changed: masked ID numbers and phones are never sent back.
        const before = toBody(initial);
        const changes: Record<string, unknown> = {};
        for (const [k, value] of Object.entries(body)) if (JSON.stringify(value) !== JSON.stringify(before[k])) changes[k] = value;
        if (Object.keys(changes).length === 0) {
          onClose();
          return;
        }
        saved = await update.mutateAsync({ id: person.id, version: person.version, ...changes });
        message.success(t('people.updated'));
      } else {
        const { status: _s, ...createBody } = body;
        saved = await create.mutateAsync(createBody as CreatePersonBody);
        message.success(t('people.created'));
      }
      onClose();
      onSaved?.(saved);
    } catch (e) {
      setError(applyFieldErrors(form, e, FIELDS));
    }
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const half = screens.sm ? 12 : 24;
  return (
    <Modal
      open={open}
      title={person ? t('people.editTitle', { name: person.name }) : t('people.createTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'person-save' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" data-testid="form-error" />}
      <Form form={form} layout="vertical" data-testid="person-form">
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item name="name" label={t('people.name')} rules={[{ ...required(t('people.name')), whitespace: true }, { max: 50 }]}>
              <Input maxLength={50} data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="gender" label={t('people.gender')} rules={[required(t('people.gender'))]}>
              <Select options={GENDERS.map((g) => ({ value: g, label: label(GENDER_LABELS[g]) }))} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="idNumber"
              label={t('people.idNumber')}
              extra={person && person.idNumber?.includes('*') ? t('people.keepMasked') : undefined}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    !value || unchanged('idNumber', value) || /^\d{17}[\dXx]$/.test(value.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('people.idInvalid'))),
                },
              ]}
            >
              <Input maxLength={18} className="lx-mono" data-testid="person-id-number" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="phone"
              label={t('people.phone')}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    !value || unchanged('phone', value) || /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(value.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('people.phoneInvalid'))),
                },
              ]}
            >
              <Input maxLength={20} className="lx-mono" data-testid="person-phone" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="birthDate" label={t('people.birthDate')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} inputReadOnly={!screens.md} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="ethnicity" label={t('people.ethnicity')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="education" label={t('people.education')}>
              <Select allowClear options={EDUCATIONS.map((e) => ({ value: e, label: label(EDUCATION_LABELS[e]) }))} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="orgId" label={t('people.org')} rules={[{ required: true, message: t('common.select', { field: t('people.org') }) }]}>
              <OrgTreeSelect selectable={MEMBER_ORG_TYPES} allowClear={false} testId="person-org" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="memberStatus" label={t('people.memberStatus')}>
              <Select
                options={[
                  ...MEMBER_STATUSES.map((s) => ({ value: s, label: label(MEMBER_STATUS_LABELS[s]) })),
                  { value: 'none', label: t('people.nonMember') },
                ]}
                data-testid="person-member-status"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="joinDate"
              label={t('people.joinDate')}
              rules={memberStatus && memberStatus !== 'none' ? [{ required: true, message: t('common.select', { field: t('people.joinDate') }) }] : []}
            >
              <DatePicker style={{ width: '100%' }} disabled={memberStatus === 'none'} disabledDate={(d) => d.isAfter(dayjs())} inputReadOnly={!screens.md} />
            </Form.Item>
          </Col>
          {memberStatus === 'formal' && (
            <Col span={half}>
              <Form.Item name="fullDate" label={t('people.fullDate')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} inputReadOnly={!screens.md} />
              </Form.Item>
            </Col>
          )}
          <Col span={half}>
            <Form.Item name="flowStatus" label={t('people.flowStatus')}>
              <Select options={FLOW_STATUSES.map((f) => ({ value: f, label: label(FLOW_STATUS_LABELS[f]) }))} />
            </Form.Item>
          </Col>
          {person && (
            <Col span={half}>
              <Form.Item name="status" label={t('people.status')}>
                <Select options={(['active', 'left', 'deceased'] as const).map((s) => ({ value: s, label: t(`people.status.${s}`) }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
