// 任职、调整、免职 dialogs, used from a person's page, an org's page and the reserve pool: the post
// (role, org or person, term), 一肩挑, sending unit, selection channel and 公职化 with its date and
// basis. Refusals (a second holder, a second station chief) show the server's Chinese message;
// a station's staffing warnings show after the change.
import { useState } from 'react';
import { App as AntApp, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { POST_ROLE_LABELS, POST_ROLES, SELECTION_CHANNEL_LABELS, SELECTION_CHANNELS, type PostRecord, type PostRole, type PostWritten, type SelectionChannel } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useAssignPost, useEndPost, useUpdatePost } from '../cadres.api';

const d = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);

/** A person of an org's roster, searched by name. */
export function PersonSelect({ orgId, value, onChange, testId }: { orgId?: number; value?: number; onChange?: (v: number) => void; testId?: string }) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', 'pick', orgId ?? 0, q],
    queryFn: () => api.get('/api/people', { ...(orgId ? { orgId } : {}), ...(q ? { q } : {}), status: 'active', pageSize: 30 }),
  });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={people.isPending}
      placeholder="输入姓名查找"
      data-testid={testId}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.org.name}${p.age !== null ? `，${p.age}岁` : ''}）` }))}
    />
  );
}

type FormValues = {
  personId?: number; orgId?: number; role?: PostRole; start?: Dayjs; end?: Dayjs | null; concurrent?: boolean; sentFrom?: string;
  selectionChannel?: SelectionChannel | null; civilService?: boolean; civilServiceDate?: Dayjs | null; civilServiceBasis?: string; note?: string;
};

/** The shared fields of a post (used also by the reserve pool's appointment). */
export function PostFields({ lockRole }: { lockRole?: boolean }) {
  const { label } = useI18n();
  const role = Form.useWatch('role') as PostRole | undefined;
  const civil = Form.useWatch('civilService') as boolean | undefined;
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="role" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}>
            <Select disabled={lockRole} data-testid="post-role" options={POST_ROLES.map((r) => ({ value: r, label: label(POST_ROLE_LABELS[r]) }))} showSearch optionFilterProp="label" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="selectionChannel" label="选任方式">
            <Select allowClear data-testid="post-channel" options={SELECTION_CHANNELS.map((c) => ({ value: c, label: label(SELECTION_CHANNEL_LABELS[c]) }))} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="start" label="任职开始" rules={[{ required: true, message: '请选择任职开始日期' }]}>
            <DatePicker style={{ width: '100%' }} data-testid="post-start" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="end" label="任期结束（可空）">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="sentFrom" label="选派单位" rules={role === 'first_secretary' ? [{ required: true, whitespace: true, message: '第一书记须填写选派单位' }] : []}>
            <Input maxLength={100} placeholder="第一书记、驻村干部的派出单位" data-testid="post-sent-from" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="concurrent" valuePropName="checked" label=" ">
            <Checkbox disabled={role !== 'secretary'}>一肩挑（书记兼村委会主任）</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="civilService" valuePropName="checked" label="公职化管理">
            <Checkbox>实行公职化</Checkbox>
          </Form.Item>
        </Col>
        {civil && (
          <>
            <Col xs={24} sm={8}>
              <Form.Item name="civilServiceDate" label="公职化日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="civilServiceBasis" label="依据" rules={[{ required: true, whitespace: true, message: '请填写依据' }]}>
                <Input maxLength={200} placeholder="文件或会议" />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24}>
          <Form.Item name="note" label="备注">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Turns the form's values into the post fields of the API. */
export function postBody(v: FormValues) {
  return {
    role: v.role!,
    startDate: d(v.start)!,
    endDate: d(v.end ?? undefined) ?? null,
    concurrent: v.role === 'secretary' ? !!v.concurrent : false,
    ...(v.sentFrom?.trim() ? { sentFrom: v.sentFrom.trim() } : {}),
    selectionChannel: v.selectionChannel ?? null,
    civilService: !!v.civilService,
    civilServiceDate: v.civilService ? (d(v.civilServiceDate ?? undefined) ?? null) : null,
    civilServiceBasis: v.civilService ? (v.civilServiceBasis?.trim() || null) : null,
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
  };
}

/** Shows a station's staffing warnings after a change (人员到位), else a short success line. */
export function useAfterPost() {
  const { message, modal } = AntApp.useApp();
  return (written: PostWritten | undefined, done: string) => {
    if (written?.warnings.length) {
      modal.warning({ title: `${done}；工作站人员到位预警`, content: <ul style={{ paddingInlineStart: 18 }}>{written.warnings.map((w) => <li key={w}>{w}</li>)}</ul> });
    } else message.success(done);
  };
}

/** 任职: from a person's page (org chosen) or an org's page (person chosen). */
export function AssignPostModal({ personId, orgId, open, onClose }: { personId?: number; orgId?: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const assign = useAssignPost();
  const after = useAfterPost();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      const written = await assign.mutateAsync({ personId: personId ?? v.personId!, orgId: orgId ?? v.orgId!, ...postBody(v) });
      after(written, '已任职');
      form.resetFields();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open={open} title="任职" onCancel={onClose} onOk={() => void submit()} confirmLoading={assign.isPending} okText="任职" destroyOnHidden width={640} okButtonProps={{ 'data-testid': 'post-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ start: dayjs() }}>
        {orgId === undefined && (
          <Form.Item name="orgId" label="任职组织" rules={[{ required: true, message: '请选择任职组织' }]}>
            <OrgTreeSelect testId="post-org" />
          </Form.Item>
        )}
        {personId === undefined && (
          <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
            <PersonSelect orgId={orgId} testId="post-person" />
          </Form.Item>
        )}
        <PostFields />
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="post-error">{error}</div>}
    </Modal>
  );
}

/** 调整任职: the term, channel, sending unit and 公职化 of a post (the role and holder stay). */
export function ChangePostModal({ post, open, onClose }: { post: PostRecord; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const update = useUpdatePost();
  const after = useAfterPost();
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      const { role: _r, ...body } = postBody({ ...v, role: post.role });
      after(await update.mutateAsync({ id: post.id, version: post.version, ...body, sentFrom: v.sentFrom?.trim() ?? '' }), '已保存');
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open={open} title="调整任职" onCancel={onClose} onOk={() => void submit()} confirmLoading={update.isPending} okText="保存" destroyOnHidden width={640}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          role: post.role, start: dayjs(post.startDate), end: post.endDate ? dayjs(post.endDate) : null, concurrent: post.concurrent, sentFrom: post.sentFrom ?? '',
          selectionChannel: post.selectionChannel, civilService: post.civilService, civilServiceDate: post.civilServiceDate ? dayjs(post.civilServiceDate) : null,
          civilServiceBasis: post.civilServiceBasis ?? '', note: post.note ?? '',
        }}
      >
        <PostFields lockRole />
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
    </Modal>
  );
}

/** 免职: ends a post on a date. */
export function EndPostModal({ post, open, onClose }: { post: { id: number; role: PostRole; startDate: string }; open: boolean; onClose: () => void }) {
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const end = useEndPost();
  const { message } = AntApp.useApp();
  const { label } = useI18n();
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (!date) return setError('请选择免职日期');
    try {
      await end.mutateAsync({ id: post.id, endDate: date.format('YYYY-MM-DD') });
      message.success('已免职');
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open={open} title={`免职：${label(POST_ROLE_LABELS[post.role])}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={end.isPending} okText="免职" okButtonProps={{ danger: true }} destroyOnHidden>
      <p>任职开始 {post.startDate}。任期结束日期：</p>
      <DatePicker value={date} onChange={setDate} style={{ width: '100%' }} />
      {error && <div role="alert" style={{ color: '#cf1322', marginTop: 8 }}>{error}</div>}
    </Modal>
  );
}
