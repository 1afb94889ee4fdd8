// Shared pieces of the inspection pages: the tabs between inspections, bulletins and
// accountability, the kind tag, and the modals to publish a bulletin and record accountability.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ACCOUNTABILITY_KIND_LABELS, ACCOUNTABILITY_KINDS, INSPECTION_KIND_LABELS, type AccountabilityKind, type InspectionKind, type InspectionView } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useRecentInspections, usePublishBulletin, useRecordAccountability } from '../dispatch.api';
import { useDispatchT } from '../dispatch.messages';
import { putFieldErrors, todayStr, usePhone } from './bits';

export function InspectionTabs({ current }: { current: 'list' | 'bulletins' | 'accountability' }) {
  const t = useDispatchT();
  const navigate = useNavigate();
  const paths = { list: '/inspections', bulletins: '/inspections/bulletins', accountability: '/inspections/accountability' } as const;
  return (
    <div className="lx-seg-scroll" style={{ marginBottom: 12 }}>
      <Segmented
        value={current}
        onChange={(v) => navigate(paths[v as keyof typeof paths])}
        options={[
          { value: 'list', label: t('insp.tab.list') },
          { value: 'bulletins', label: t('insp.tab.bulletins') },
          { value: 'accountability', label: t('insp.tab.accountability') },
        ]}
        data-testid="inspection-tabs"
      />
    </div>
  );
}

const KIND_COLORS: Record<InspectionKind, string> = {
  station_biweekly: 'blue',
  unannounced: 'volcano',
  quarterly_evaluation: 'purple',
  half_year_review: 'geekblue',
  annual_review: 'gold',
  other: 'default',
};
export function InspectionKindTag({ kind }: { kind: InspectionKind }) {
  const { label } = useI18n();
  return <Tag color={KIND_COLORS[kind]}>{label(INSPECTION_KIND_LABELS[kind])}</Tag>;
}

const ACC_COLORS: Record<AccountabilityKind, string> = {
  notice_criticism: 'orange',
  rectify_within_deadline: 'gold',
  talk: 'blue',
  admonition_talk: 'volcano',
  removal: 'red',
  public_self_criticism: 'magenta',
};
export function AccountabilityKindTag({ kind }: { kind: AccountabilityKind }) {
  const { label } = useI18n();
  return <Tag color={ACC_COLORS[kind]}>{label(ACCOUNTABILITY_KIND_LABELS[kind])}</Tag>;
}

/** The text of a bulletin drafted from an inspection: targets, score, comment and findings. */
export function draftBulletin(i: InspectionView, kindLabel: string, t: ReturnType<typeof useDispatchT>) {
  const lines = [
    `${i.inspectedOn}，${i.org.name}（${i.inspectors}）对${i.targets.map((x) => x.name).join('、')}开展了${kindLabel}。`,
    i.summary ?? '',
    i.score !== null ? `评分：${i.score} 分。` : '',
    i.comment ? `讲评：${i.comment}` : '',
    i.findings.length ? `发现的问题：\n${i.findings.map((f, n) => `${n + 1}. ${f.target.name}：${f.description}`).join('\n')}` : '',
    i.findings.length ? '请相关单位对照问题限期整改，整改情况纳入问题台账管理。' : '',
  ].filter(Boolean);
  return { title: t('bul.defaultTitle', { date: i.inspectedOn, kind: kindLabel }), content: lines.join('\n') };
}

export function BulletinModal({ open, onClose, initial }: { open: boolean; onClose: () => void; initial?: { title: string; content: string; inspectionId?: number } }) {
  const t = useDispatchT();
  const { t: ct } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ title: string; content: string; inspectionId?: number }>();
  const [topError, setTopError] = useState<string>();
  const publish = usePublishBulletin();
  const inspections = useRecentInspections();
  const submit = async (v: { title: string; content: string; inspectionId?: number }) => {
    setTopError(undefined);
    try {
      await publish.mutateAsync({ title: v.title.trim(), content: v.content, ...(v.inspectionId ? { inspectionId: v.inspectionId } : {}) });
      message.success(t('bul.published'));
      onClose();
    } catch (error) {
      setTopError(putFieldErrors(form, error, (p) => ['title', 'content', 'inspectionId'].includes(String(p[0]))));
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('insp.publish')} okText={t('insp.publish')} onOk={() => form.submit()} confirmLoading={publish.isPending} destroyOnHidden width={640} data-testid="bulletin-modal">
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        <Form.Item name="title" label={t('bul.title')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('bul.title') }) }, { max: 200 }]}>
          <Input maxLength={200} data-testid="bulletin-title" />
        </Form.Item>
        <Form.Item name="content" label={t('bul.content')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('bul.content') }) }, { max: 20000 }]}>
          <Input.TextArea rows={8} data-testid="bulletin-content" />
        </Form.Item>
        <Form.Item name="inspectionId" label={t('bul.inspection')}>
          <Select
            allowClear
            loading={inspections.isPending}
            options={(inspections.data?.items ?? []).map((i) => ({ value: i.id, label: `#${i.id} ${i.inspectedOn} ${i.targets.map((x) => x.name).join('、')}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AccValues = { kind: AccountabilityKind; targetOrgId?: number; targetPersonId?: number; reason: string; decidedOn: Dayjs; inspectionId?: number; problemId?: number | null };

export function AccountabilityModal({ open, onClose, initial }: { open: boolean; onClose: () => void; initial?: Partial<AccValues> }) {
  const t = useDispatchT();
  const { t: ct, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AccValues>();
  const [topError, setTopError] = useState<string>();
  const phone = usePhone();
  const [people, setPeople] = useState<{ value: number; label: string }[]>([]);
  const record = useRecordAccountability();
  const inspections = useRecentInspections();
  const searchPeople = async (q: string) => {
    if (!q.trim()) return setPeople([]);
    try {
      const r = await api.get('/api/people', { q: q.trim(), pageSize: 20 });
      setPeople(r.items.map((p) => ({ value: p.id, label: `${p.name}${p.org?.name ? `（${p.org.name}）` : ''}` })));
    } catch {
      setPeople([]);
    }
  };
  const submit = async (v: AccValues) => {
    setTopError(undefined);
    try {
      await record.mutateAsync({
        kind: v.kind,
        reason: v.reason.trim(),
        decidedOn: v.decidedOn.format('YYYY-MM-DD'),
        ...(v.targetOrgId ? { targetOrgId: v.targetOrgId } : {}),
        ...(v.targetPersonId ? { targetPersonId: v.targetPersonId } : {}),
        ...(v.inspectionId ? { inspectionId: v.inspectionId } : {}),
        ...(v.problemId ? { problemId: v.problemId } : {}),
      });
      message.success(t('acc.saved'));
      onClose();
    } catch (error) {
      setTopError(putFieldErrors(form, error, (p) => ['kind', 'targetOrgId', 'targetPersonId', 'reason', 'decidedOn', 'inspectionId', 'problemId'].includes(String(p[0]))));
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('insp.account')} okText={ct('common.save')} onOk={() => form.submit()} confirmLoading={record.isPending} destroyOnHidden width={600} data-testid="accountability-modal">
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 12 }} data-testid="accountability-error" />}
      <Form<AccValues> form={form} layout="vertical" initialValues={{ kind: 'rectify_within_deadline', decidedOn: dayjs(todayStr()), ...initial }} onFinish={submit} preserve={false}>
        <Form.Item name="kind" label={t('acc.kind')} rules={[{ required: true }]}>
          <Select data-testid="acc-kind" options={ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: label(ACCOUNTABILITY_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="targetOrgId" label={t('acc.targetOrg')}>
          <OrgTreeSelect testId="acc-org" />
        </Form.Item>
        <Form.Item name="targetPersonId" label={t('acc.targetPerson')}>
          <Select showSearch={{ filterOption: false, onSearch: (q) => void searchPeople(q) }} allowClear placeholder={t('acc.targetPersonPh')} options={people} notFoundContent={null} />
        </Form.Item>
        <Form.Item name="reason" label={t('acc.reason')} rules={[{ required: true, whitespace: true, message: ct('common.required', { field: t('acc.reason') }) }, { max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="acc-reason" />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('acc.decidedOn')} rules={[{ required: true }]}>
          <DatePicker inputReadOnly={phone} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="inspectionId" label={t('acc.inspection')}>
          <Select allowClear options={(inspections.data?.items ?? []).map((i) => ({ value: i.id, label: `#${i.id} ${i.inspectedOn} ${i.targets.map((x) => x.name).join('、')}` }))} />
        </Form.Item>
        <Form.Item name="problemId" label={t('acc.problem')}>
          <InputNumber min={1} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
