// 吹哨: escalate a citizen's request or a ledger problem to one or more of the county's departments.
import { useState } from 'react';
import { App as AntApp, Alert, Form, Input, Modal, Radio, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ProblemSummary, RequestSummary } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors } from '../../../app/ui';
import { useBlowWhistle, useDepartments, type RequestsPage } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';

type Values = { source: 'request' | 'problem'; requestId?: number; problemId?: number; departmentIds: number[]; matter: string };

export function WhistleModal({ open, onClose, sourceCaseId, defaultMatter, onBlown }: { open: boolean; onClose: () => void; sourceCaseId?: number; defaultMatter?: string; onBlown?: (id: number) => void }) {
  const { t: tc } = useI18n();
  const t = useCitizensT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form) ?? 'request';
  const [search, setSearch] = useState('');
  const departments = useDepartments(open);
  const blow = useBlowWhistle();
  const [error, setError] = useState<string>();
  const [problemSearch, setProblemSearch] = useState('');
  const problems = useQuery({
    queryKey: ['citizens', 'whistle-problem', problemSearch],
    queryFn: () => api.get('/api/ledger/problems', { open: true, q: problemSearch || undefined, pageSize: 30 }),
    enabled: open && sourceCaseId === undefined && source === 'problem',
  });
  const openRequests = useQuery({
    queryKey: ['citizens', 'whistle-source', search],
    queryFn: () => api.get('/api/requests', { open: true, q: search || undefined, pageSize: 30 }),
    enabled: open && sourceCaseId === undefined,
  });

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setError(undefined);
    const caseId = sourceCaseId ?? (v.source === 'problem' ? v.problemId : v.requestId);
    try {
      const w = await blow.mutateAsync({ sourceCaseId: caseId!, matter: v.matter, departmentIds: v.departmentIds });
      message.success(t('act.whistled', { n: v.departmentIds.length }));
      onBlown?.(w.id);
      onClose();
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['departmentIds', 'matter']);
      if (rest && sourceCaseId === undefined) form.setFields([{ name: v.source === 'problem' ? 'problemId' : 'requestId', errors: [rest] }]);
      else setError(rest);
    }
  };

  return (
    <Modal open={open} title={t('wh.blowTitle')} onCancel={onClose} onOk={submit} confirmLoading={blow.isPending} destroyOnHidden okText={t('wh.blow')} okButtonProps={{ 'data-testid': 'whistle-ok' } as ButtonProps}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ source: 'request', matter: defaultMatter, departmentIds: [] }} preserve={false}>
        {sourceCaseId === undefined && (
          <>
            <Form.Item name="source" label={t('wh.source')}>
              <Radio.Group optionType="button" options={[{ value: 'request', label: t('wh.sourceRequest') }, ...(can('ledger:read') ? [{ value: 'problem', label: t('wh.sourceProblem') }] : [])]} />
            </Form.Item>
            {source === 'request' ? (
              <Form.Item name="requestId" label={t('wh.sourceRequest')} rules={[{ required: true, message: t('wh.sourcePick') }]}>
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setSearch}
                  loading={openRequests.isFetching}
                  placeholder={t('wh.sourcePick')}
                  data-testid="whistle-source"
                  options={(openRequests.data?.items ?? []).map((r: RequestSummary) => ({ value: r.id, label: `${r.trackingCode} ${r.matter.slice(0, 30)}` }))}
                  onChange={(id: number) => {
                    const r = openRequests.data?.items.find((x) => x.id === id);
                    if (r && !form.getFieldValue('matter')) form.setFieldValue('matter', r.matter);
                  }}
                />
              </Form.Item>
            ) : (
              <Form.Item name="problemId" label={t('wh.sourceProblem')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setProblemSearch}
                  loading={problems.isFetching}
                  options={(problems.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.org.name}）` }))}
                  onChange={(id: number) => {
                    const p = problems.data?.items.find((x) => x.id === id);
                    if (p && !form.getFieldValue('matter')) form.setFieldValue('matter', p.description);
                  }}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="departmentIds" label={t('wh.departments')} rules={[{ required: true, message: tc('common.select', { field: t('wh.departments') }) }]}>
          <Select
            mode="multiple"
            loading={departments.isPending}
            optionFilterProp="label"
            data-testid="whistle-departments"
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="matter" label={t('wh.matter')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="whistle-matter" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
