// Create, rename, move and close an org node — each confirmed, with the API's validation
// errors shown at the field.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Checkbox, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { ORG_NESTING, ORG_TYPE_LABELS, type OrgDetail, type OrgNode, type OrgType } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors } from '../../../app/ui';
import { useCloseOrg, useCreateOrg, useMoveOrg, useUpdateOrg, type TreeIndex } from '../orgs.api';

type ModalProps = { org: OrgDetail; open: boolean; onClose: () => void; onDone?: (id: number) => void };

export function CreateOrgModal({ org, open, onClose, onDone }: ModalProps) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ type: OrgType; name: string; usesStations?: boolean }>();
  const create = useCreateOrg();
  const [error, setError] = useState<string>();
  const types = ORG_NESTING[org.type];
  const type = Form.useWatch('type', form);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ type: types[0] });
      setError(undefined);
    }
  }, [open, form, types]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setError(undefined);
    try {
      const created = await create.mutateAsync({ parentId: org.id, type: v.type, name: v.name.trim(), usesStations: v.type === 'township' ? !!v.usesStations : undefined });
      message.success(t('orgs.created'));
      onClose();
      onDone?.(created.id);
    } catch (e) {
      setError(applyFieldErrors(form, e, ['name', 'type', 'parentId']));
    }
  };
  return (
    <Modal open={open} title={t('orgs.createTitle', { name: org.name })} onCancel={onClose} onOk={submit} okText={t('common.create')} cancelText={t('common.cancel')} confirmLoading={create.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="type" label={t('orgs.type')} rules={[{ required: true, message: t('common.select', { field: t('orgs.type') }) }]}>
          <Select options={types.map((ty) => ({ value: ty, label: label(ORG_TYPE_LABELS[ty]) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orgs.name') }) }, { max: 100 }]}>
          <Input maxLength={100} showCount placeholder={type ? label(ORG_TYPE_LABELS[type]) : undefined} data-testid="org-name-input" />
        </Form.Item>
        {type === 'township' && (
          <Form.Item name="usesStations" valuePropName="checked">
            <Checkbox>{t('orgs.usesStations')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function RenameOrgModal({ org, open, onClose }: ModalProps) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ name: string; usesStations: boolean }>();
  const update = useUpdateOrg();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (open) {
      form.setFieldsValue({ name: org.name, usesStations: org.usesStations });
      setError(undefined);
    }
  }, [open, form, org]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setError(undefined);
    try {
      await update.mutateAsync({
        id: org.id,
        version: org.version,
        name: v.name.trim(),
        ...(org.type === 'township' ? { usesStations: !!v.usesStations } : {}),
      });
      message.success(t('orgs.renamed'));
      onClose();
    } catch (e) {
      setError(applyFieldErrors(form, e, ['name', 'usesStations']));
    }
  };
  return (
    <Modal open={open} title={t('orgs.renameTitle', { name: org.name })} onCancel={onClose} onOk={submit} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={update.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orgs.name') }) }]}>
          <Input maxLength={100} showCount data-testid="org-name-input" />
        </Form.Item>
        {org.type === 'township' && (
          <Form.Item name="usesStations" valuePropName="checked">
            <Checkbox>{t('orgs.usesStations')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type TreeOption = { value: number; title: string; disabled?: boolean; children?: TreeOption[] };

/** The tree of possible new parents: nodes whose type may hold this type, outside its subtree. */
function parentOptions(index: TreeIndex, org: OrgDetail, label: (l: { zh: string; en: string }) => string): TreeOption[] {
  const build = (n: OrgNode): TreeOption | undefined => {
    if (n.id === org.id || n.status === 'closed') return undefined;
    const kids = (index.children.get(n.id) ?? []).map(build).filter((x): x is TreeOption => !!x);
    const allowed = ORG_NESTING[n.type].includes(org.type) && n.id !== org.parentId;
    if (!allowed && kids.length === 0) return undefined;
    return { value: n.id, title: `${n.name}（${label(ORG_TYPE_LABELS[n.type])}）`, disabled: !allowed, children: kids.length ? kids : undefined };
  };
  const root = index.root ? build(index.root) : undefined;
  return root ? [root] : [];
}

export function MoveOrgModal({ org, open, onClose, index }: ModalProps & { index: TreeIndex }) {
  const { t, label } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<{ newParentId: number }>();
  const move = useMoveOrg();
  const [error, setError] = useState<string>();
  const options = useMemo(() => (open ? parentOptions(index, org, label) : []), [open, index, org, label]);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(undefined);
    }
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const parent = index.byId.get(v.newParentId);
    modal.confirm({
      title: t('orgs.moveConfirm', { name: org.name, parent: parent?.name ?? '' }),
      content: t('orgs.moveHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setError(undefined);
        try {
          await move.mutateAsync({ id: org.id, version: org.version, newParentId: v.newParentId });
          message.success(t('orgs.moved'));
          onClose();
        } catch (e) {
          setError(applyFieldErrors(form, e, ['newParentId']));
        }
      },
    });
  };
  return (
    <Modal open={open} title={t('orgs.moveTitle', { name: org.name })} onCancel={onClose} onOk={submit} okText={t('orgs.move')} cancelText={t('common.cancel')} confirmLoading={move.isPending} destroyOnHidden>
      <Alert type="info" showIcon title={t('orgs.moveHint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical">
        <Form.Item name="newParentId" label={t('orgs.newParent')} rules={[{ required: true, message: t('common.select', { field: t('orgs.newParent') }) }]}>
          <TreeSelect treeData={options} showSearch treeNodeFilterProp="title" treeDefaultExpandAll={options.length < 60} listHeight={360} placeholder={t('orgs.newParent')} data-testid="move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function useCloseOrgConfirm() {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const close = useCloseOrg();
  return (org: OrgDetail) =>
    modal.confirm({
      title: t('orgs.closeTitle', { name: org.name }),
      content: t('orgs.closeHint'),
      okText: t('orgs.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await close.mutateAsync({ id: org.id, version: org.version });
          message.success(t('orgs.closedOk'));
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
}
