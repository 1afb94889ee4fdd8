// 表彰奖励: the year's awards of the scope's units with their amounts, the stations' 七一
// commendations among them (recorded as station designations); the county records others.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Select, Skeleton, Table, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead, applyFieldErrors } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useAllocations, useAwards, useCreateAward } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FundsNav, YearSelect, thisYear, toFen, yuan } from '../components/common';

export function AwardsPage() {
  const t = useFundsT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const { values, update } = useUrlState(['year'] as const);
  const year = toInt(values.year) ?? thisYear();
  const q = useAwards(year);
  const create = useCreateAward();
  // the units that receive Party-building funds: every village, community and department committee
  const units = useAllocations(year, undefined, 'party_building');
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const unitOptions = [...new Map((units.data?.items ?? []).map((a) => [a.org.id, a.org.name])).entries()].map(([value, label]) => ({ value, label }));

  return (
    <div data-testid="awards-page">
      <PageHead title={t('award.title')} extra={<YearSelect value={year} onChange={(y) => update({ year: y })} />} />
      <FundsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!q.data ? <Card><Skeleton active /></Card> : (
        <Card size="small" title={t('award.list', { n: q.data.items.length, total: yuan(q.data.totalFen) })} style={{ marginBottom: 12 }}>
          <Table
            rowKey={(r) => `${r.source}-${r.id}`}
            dataSource={q.data.items}
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            data-testid="award-rows"
            columns={[
              { title: t('col.org'), render: (_, r) => r.org.name },
              { title: t('award.name'), render: (_, r) => <>{r.title} {r.source === 'station_designation' && <Tag color="red">{t('award.qiyi')}</Tag>}</> },
              { title: t('award.on'), render: (_, r) => r.awardedOn ?? '' },
              { title: t('col.amount'), render: (_, r) => yuan(r.amountFen), align: 'right' },
            ]}
          />
        </Card>
      )}
      {can('funds:configure') && (
        <Card size="small" title={t('award.new')}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={(v: { orgId: number; title: string; amount: number; awardedOn?: dayjs.Dayjs }) => {
            setError(undefined);
            create.mutate({ orgId: v.orgId, year, title: v.title, amountFen: toFen(v.amount) ?? 0, ...(v.awardedOn ? { awardedOn: v.awardedOn.format('YYYY-MM-DD') } : {}) }, {
              onSuccess: () => { message.success(t('award.saved')); form.resetFields(); },
              onError: (e) => setError(applyFieldErrors(form, e, ['title', 'orgId'])),
            });
          }}>
            <Form.Item name="orgId" label={t('col.org')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={unitOptions} /></Form.Item>
            <Form.Item name="title" label={t('award.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="amount" label={t('col.amount')} rules={[{ required: true }]}><InputNumber min={0} precision={2} suffix="元" style={{ width: 200 }} /></Form.Item>
            <Form.Item name="awardedOn" label={t('award.on')}><DatePicker /></Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>{t('award.save')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
