// 后备干部库: the pool by township and status, with its life cycle — 纳入 → 培养 → 任用 (takes a
// post in the same step) → 出库 with a reason.
import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Segmented, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { EDUCATION_LABELS, RESERVE_STATUS_LABELS, RESERVE_STATUSES, type ReserveCadreRow, type ReserveStatus } from '@lianxin/contract';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useAddReserve, useReserve, useReserveAction } from '../cadres.api';
import { PersonSelect, PostFields, postBody, useAfterPost } from '../components/PostDialogs';
import { CadreImportModal } from '../components/CadreImportModal';

type Acting = { kind: 'train' | 'appoint' | 'remove'; row: ReserveCadreRow } | { kind: 'add' };
const d = (v: Dayjs) => v.format('YYYY-MM-DD');

export function ReservePage() {
  const { label } = useI18n();
  const can = useCan();
  const [orgId, setOrgId] = useState<number>();
  const [status, setStatus] = useState<ReserveStatus>('active');
  const [page, setPage] = useState(1);
  const list = useReserve({ orgId, status, page, pageSize: 20 });
  const [acting, setActing] = useState<Acting>();
  const writable = can('person:post');
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = AntApp.useApp();
  const onExport = async () => {
    setExporting(true);
    try {
      await download('/api/reserve-cadres/export', { orgId, status }, '后备干部库.xlsx');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  return (
    <div data-testid="reserve-page">
      <PageHead
        title="后备干部库"
        extra={
          <Space wrap>
            {can('cadre:export') && <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="reserve-export">导出 Excel</Button>}
            {writable && can('cadre:post') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="reserve-import">导入 Excel</Button>}
            {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setActing({ kind: 'add' })}>纳入后备干部</Button>}
          </Space>
        }
      />
      {importing && <CadreImportModal kind="reserve" onClose={() => setImporting(false)} />}
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={8}><OrgTreeSelect value={orgId} onChange={(v) => { setOrgId(v); setPage(1); }} placeholder="乡镇或村（含下级）" /></Col>
          <Col><Segmented value={status} onChange={(v) => { setStatus(v as ReserveStatus); setPage(1); }} options={RESERVE_STATUSES.map((s) => ({ value: s, label: label(RESERVE_STATUS_LABELS[s]) }))} /></Col>
        </Row>
        {list.error ? <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<ReserveCadreRow>
            size="small"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 人` }}
            columns={[
              { title: '姓名', key: 'name', render: (_, r) => <Link to={`/people/${r.person.id}`}>{r.person.name}</Link> },
              { title: '所在组织', key: 'org', render: (_, r) => r.org.name },
              { title: '年龄', key: 'age', render: (_, r) => r.person.age ?? '—' },
              { title: '学历', key: 'edu', render: (_, r) => (r.person.education ? label(EDUCATION_LABELS[r.person.education]) : '—') },
              { title: '培养方向', dataIndex: 'targetRole' },
              { title: '入库', dataIndex: 'addedOn' },
              { title: '培养', key: 'train', render: (_, r) => (r.trainedOn ? <span title={r.training ?? ''}>{r.trainedOn} {r.training}</span> : <Tag>未培训</Tag>) },
              ...(status !== 'active' ? [{ title: status === 'appointed' ? '任用日期' : '出库', key: 'end', render: (_: unknown, r: ReserveCadreRow) => `${r.endedOn ?? ''} ${r.endReason ?? ''}` }] : []),
              ...(writable && status === 'active' ? [{
                title: '', key: 'actions',
                render: (_: unknown, r: ReserveCadreRow) => (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setActing({ kind: 'train', row: r })}>培养</Button>
                    <Button type="link" size="small" onClick={() => setActing({ kind: 'appoint', row: r })} data-testid={`reserve-appoint-${r.person.name}`}>任用</Button>
                    <Button type="link" size="small" danger onClick={() => setActing({ kind: 'remove', row: r })}>出库</Button>
                  </Space>
                ),
              }] : []),
            ]}
          />
        )}
      </Card>
      {acting && <ReserveModal acting={acting} onClose={() => setActing(undefined)} />}
    </div>
  );
}

function ReserveModal({ acting, onClose }: { acting: Acting; onClose: () => void }) {
  const [form] = Form.useForm();
  const action = useReserveAction();
  const add = useAddReserve();
  const after = useAfterPost();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string>();
  const title = acting.kind === 'add' ? '纳入后备干部' : `${{ train: '培养', appoint: '任用', remove: '出库' }[acting.kind]}：${acting.row.person.name}`;
  const submit = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      if (acting.kind === 'add') {
        await add.mutateAsync({ personId: v.personId, targetRole: v.targetRole.trim(), addedOn: d(v.date) });
        message.success('已纳入后备干部库');
      } else if (acting.kind === 'train') {
        await action.mutateAsync({ id: acting.row.id, kind: 'train', body: { version: acting.row.version, trainedOn: d(v.date), training: v.training.trim() } });
        message.success('已记录培训');
      } else if (acting.kind === 'appoint') {
        const written = await action.mutateAsync({ id: acting.row.id, kind: 'appoint', body: { version: acting.row.version, orgId: v.orgId, ...postBody(v) } });
        after(written ?? undefined, '已任用');
      } else {
        await action.mutateAsync({ id: acting.row.id, kind: 'remove', body: { version: acting.row.version, endedOn: d(v.date), reason: v.reason.trim() } });
        message.success('已出库');
      }
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={action.isPending || add.isPending} destroyOnHidden width={acting.kind === 'appoint' ? 640 : 480} okButtonProps={{ 'data-testid': 'reserve-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs(), start: dayjs(), orgId: acting.kind === 'appoint' ? acting.row.org.id : undefined }}>
        {acting.kind === 'add' && (
          <>
            <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}><PersonSelect /></Form.Item>
            <Form.Item name="targetRole" label="培养方向" rules={[{ required: true, whitespace: true, message: '请填写培养方向' }]}><Input maxLength={50} placeholder="如：村党支部书记" /></Form.Item>
          </>
        )}
        {acting.kind === 'appoint' ? (
          <>
            <Form.Item name="orgId" label="任职组织" rules={[{ required: true, message: '请选择任职组织' }]}><OrgTreeSelect testId="reserve-org" /></Form.Item>
            <PostFields />
          </>
        ) : (
          <Form.Item name="date" label={{ add: '入库日期', train: '培训日期', remove: '出库日期' }[acting.kind]} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {acting.kind === 'train' && <Form.Item name="training" label="培训内容" rules={[{ required: true, whitespace: true, message: '请填写培训内容' }]}><Input maxLength={200} /></Form.Item>}
        {acting.kind === 'remove' && <Form.Item name="reason" label="出库原因" rules={[{ required: true, whitespace: true, message: '请填写出库原因' }]}><Input maxLength={200} /></Form.Item>}
      </Form>
      {error && <div role="alert" style={{ color: '#cf1322' }} data-testid="reserve-error">{error}</div>}
    </Modal>
  );
}
