// 一项经费: the amount, what was spent on what (with the voucher), the balance; the unit records a
// spending on its phone (date, amount, purpose, a photo of the voucher), the county adjusts the
// amount with a reason.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Spending } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList, applyFieldErrors } from '../../../app/ui';
import { useAdjustAllocation, useAllocation, useRecordSpending } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { toFen, yuan } from '../components/common';

export function AllocationPage() {
  const t = useFundsT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const id = Number(useParams().id);
  const q = useAllocation(id);
  const record = useRecordSpending();
  const adjust = useAdjustAllocation();
  const [form] = Form.useForm();
  const [adjustForm] = Form.useForm();
  const [voucher, setVoucher] = useState<File | undefined>();
  const [error, setError] = useState<string>();
  const [adjustError, setAdjustError] = useState<string>();
  const a = q.data?.allocation;
  usePageCrumb(a ? `${a.org.name} · ${a.lineLabel}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!a) return <Card><Skeleton active /></Card>;

  return (
    <div data-testid="allocation-page">
      <PageHead title={`${a.org.name} · ${a.year} 年 · ${a.lineLabel}`} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('alloc.standard')}>{a.standardFen === null ? t('alloc.noStandard') : `${yuan(a.standardFen)} 元`}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.amount')}><strong data-testid="alloc-amount">{yuan(a.amountFen)} 元</strong></Descriptions.Item>
          <Descriptions.Item label={t('rollup.balance')}><strong data-testid="alloc-balance">{yuan(a.balanceFen)} 元</strong></Descriptions.Item>
          {a.reason && <Descriptions.Item label={t('alloc.reason')}>{a.reason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card size="small" title={t('spend.list')} style={{ marginBottom: 12 }}>
        <SimpleList<Spending>
          items={q.data!.spendings}
          rowKey={(s) => s.id}
          testId="spending-list"
          empty={t('spend.empty')}
          render={(s) => (
            <div data-testid="spending-row">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span>{s.spentOn} · {s.purpose}</span>
                <strong>{yuan(s.amountFen)} 元</strong>
              </div>
              <Typography.Text type="secondary">
                {t('spend.by', { name: s.recordedBy })}
                {s.voucher && <> · <a href={`/api/funds/spendings/${s.id}/voucher`} target="_blank" rel="noreferrer">{t('spend.voucher')}</a></>}
              </Typography.Text>
            </div>
          )}
        />
      </Card>

      {can('funds:spend') && (
        <Card size="small" title={t('spend.new')} style={{ marginBottom: 12 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="spend-error" />}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ spentOn: dayjs() }}
            onFinish={(v: { spentOn: dayjs.Dayjs; amount: number; purpose: string }) => {
              setError(undefined);
              const amountFen = toFen(v.amount);
              if (!amountFen) {
                form.setFields([{ name: 'amount', errors: [t('spend.amountInvalid')] }]);
                return;
              }
              record.mutate({ id, spentOn: v.spentOn.format('YYYY-MM-DD'), amountFen, purpose: v.purpose, voucher }, {
                onSuccess: () => {
                  message.success(t('spend.saved'));
                  form.resetFields();
                  setVoucher(undefined);
                },
                onError: (e) => setError(applyFieldErrors(form, e, ['purpose']) ),
              });
            }}
          >
            <Form.Item name="spentOn" label={t('spend.date')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} inputReadOnly /></Form.Item>
            <Form.Item name="amount" label={t('spend.amount')} rules={[{ required: true, message: t('spend.amountInvalid') }]}>
              <InputNumber min={0.01} precision={2} step={100} style={{ width: '100%' }} suffix="元" inputMode="decimal" data-testid="spend-amount" />
            </Form.Item>
            <Form.Item name="purpose" label={t('spend.purpose')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} data-testid="spend-purpose" /></Form.Item>
            <Form.Item label={t('spend.voucherOptional')}>
              <input type="file" accept="image/*,application/pdf" onChange={(e) => setVoucher(e.target.files?.[0])} data-testid="spend-voucher" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={record.isPending} block data-testid="spend-submit">{t('spend.save')}</Button>
          </Form>
        </Card>
      )}

      {can('funds:configure') && (
        <Card size="small" title={t('alloc.adjust')}>
          {adjustError && <Alert type="error" showIcon title={adjustError} style={{ marginBottom: 12 }} />}
          <Form
            form={adjustForm}
            layout="vertical"
            onFinish={(v: { amount: number; reason: string }) => {
              setAdjustError(undefined);
              const amountFen = toFen(v.amount);
              if (amountFen === undefined) return;
              adjust.mutate({ id, version: a.version, amountFen, reason: v.reason }, {
                onSuccess: () => {
                  message.success(t('alloc.adjusted'));
                  adjustForm.resetFields();
                },
                onError: (e) => setAdjustError(applyFieldErrors(adjustForm, e, ['reason'])),
              });
            }}
          >
            <Form.Item name="amount" label={t('alloc.newAmount')} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="元" /></Form.Item>
            <Form.Item name="reason" label={t('alloc.reason')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
            <Button htmlType="submit" loading={adjust.isPending}>{t('alloc.adjust')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
