// One book of a unit for a year: its rows (from records, or hand-filled), print as A4 and .xlsx;
// a book no record fills takes a hand-written row here.
import { useState } from 'react';
import { useParams } from 'react-router';
import { App, Button, Card, DatePicker, Form, Input, Modal, Skeleton, Space, Table, Tag } from 'antd';
import { DownloadOutlined, FilePdfOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, applyFieldErrors } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useAddRegisterRow, useRegister } from '../openness.api';
import { useOpennessT } from '../openness.messages';

export function RegisterPage() {
  const t = useOpennessT();
  const can = useCan();
  const { message } = App.useApp();
  const code = useParams().code!;
  const { values } = useUrlState(['orgId', 'year'] as const);
  const q = useRegister(code, toInt(values.orgId), toInt(values.year));
  const add = useAddRegisterRow(code);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const r = q.data;
  usePageCrumb(r ? r.book.name : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Card><Skeleton active /></Card>;
  const query = { orgId: r.org.id, year: r.year };
  const handColumns = r.book.columns.filter((c) => c.key !== 'entry_date');
  return (
    <div data-testid="register-page">
      <PageHead
        title={`${r.book.name} · ${r.org.name} · ${r.year}`}
        record
        extra={
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => window.open(`/print/openness/registers/${code}?orgId=${r.org.id}&year=${r.year}`, '_blank')} data-testid="print">{t('register.print')}</Button>
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/openness/registers/${code}/xlsx`, query, `${r.book.name}.xlsx`).catch((e: Error) => message.error(e.message))} data-testid="xlsx">{t('register.xlsx')}</Button>
            <Button icon={<FilePdfOutlined />} onClick={() => download(`/api/openness/registers/${code}/pdf`, query, `${r.book.name}.pdf`).catch((e: Error) => message.error(e.message))} data-testid="pdf">{t('register.pdf')}</Button>
            {!r.filledFromRecords && can('openness:publish') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-row">{t('register.add')}</Button>}
          </Space>
        }
      />
      <Tag color={r.filledFromRecords ? 'green' : 'default'} style={{ marginBottom: 12 }}>{r.sourceLabel}</Tag>
      <Card size="small">
        <Table
          rowKey={(_, i) => String(i)}
          dataSource={r.rows}
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('register.empty') }}
          data-testid="register-rows"
          columns={[{ title: t('register.seq'), render: (_: unknown, __: unknown, i: number) => i + 1, width: 56 }, ...r.book.columns.map((c) => ({ title: c.label, dataIndex: c.key, key: c.key }))]}
        />
      </Card>
      <Modal open={adding} title={t('register.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ entryDate: dayjs() }} onFinish={async (v: Record<string, string> & { entryDate: dayjs.Dayjs }) => {
          const cells = Object.fromEntries(handColumns.map((c) => [c.key, v[c.key] ?? '']).filter(([, x]) => x));
          try {
            await add.mutateAsync({ orgId: r.org.id, entryDate: v.entryDate.format('YYYY-MM-DD'), cells });
            setAdding(false);
          } catch (e) {
            const other = applyFieldErrors(form, e, ['entryDate']);
            if (other) message.error(other);
          }
        }}>
          <Form.Item name="entryDate" label={t('register.date')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs())} /></Form.Item>
          {handColumns.map((c) => <Form.Item key={c.key} name={c.key} label={c.label}><Input maxLength={500} /></Form.Item>)}
        </Form>
      </Modal>
    </div>
  );
}
