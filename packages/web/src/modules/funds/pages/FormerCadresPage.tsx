// 离任村干部生活补贴: people whose village posts all ended before the year, their years served and
// the amount by the county's rule (a default until the county sets its own).
import { useEffect } from 'react';
import { App as AntApp, Button, Card, Form, InputNumber, Skeleton, Table, Tag, Typography } from 'antd';
import { useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useFormerCadres, useSaveFormerRule } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FundsNav, YearSelect, thisYear, toFen, yuan } from '../components/common';

export function FormerCadresPage() {
  const t = useFundsT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const { values, update } = useUrlState(['year', 'page'] as const);
  const year = toInt(values.year) ?? thisYear();
  const q = useFormerCadres(year, toInt(values.page) ?? 1);
  const save = useSaveFormerRule();
  const [form] = Form.useForm();
  const f = q.data;
  useEffect(() => {
    if (f) form.setFieldsValue({ minYears: f.rule.minYears, perYear: f.rule.perYearServedFen / 100, cap: f.rule.capFen / 100 });
  }, [f, form]);

  return (
    <div data-testid="former-page">
      <PageHead title={t('former.title')} extra={<YearSelect value={year} onChange={(y) => update({ year: y })} />} />
      <FundsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!f ? <Card><Skeleton active /></Card> : (
        <>
          <Card size="small" style={{ marginBottom: 12 }} title={<>{t('former.rule')} {f.isDefaultRule && <Tag color="blue">{t('std.default')}</Tag>}</>}>
            <Typography.Paragraph>
              {t('former.ruleText', { min: f.rule.minYears, per: yuan(f.rule.perYearServedFen), cap: f.rule.capFen ? t('former.capText', { cap: yuan(f.rule.capFen) }) : '' })}
            </Typography.Paragraph>
            {can('funds:configure') && (
              <Form form={form} layout="inline" onFinish={(v: { minYears: number; perYear: number; cap: number }) =>
                save.mutate({ minYears: v.minYears, perYearServedFen: toFen(v.perYear) ?? 0, capFen: toFen(v.cap ?? 0) ?? 0 }, { onSuccess: () => message.success(t('std.saved')), onError: (e) => message.error(e.message) })}
              >
                <Form.Item name="minYears" label={t('former.minYears')} rules={[{ required: true }]}><InputNumber min={0} max={60} precision={0} /></Form.Item>
                <Form.Item name="perYear" label={t('former.perYear')} rules={[{ required: true }]}><InputNumber min={0} precision={2} suffix="元" /></Form.Item>
                <Form.Item name="cap" label={t('former.cap')}><InputNumber min={0} precision={2} suffix="元" /></Form.Item>
                <Button htmlType="submit" loading={save.isPending}>{t('std.save')}</Button>
              </Form>
            )}
          </Card>
          <Card size="small" title={t('former.list', { n: f.eligibleCount, total: yuan(f.totalFen) })}>
            <Table
              rowKey={(r) => r.person.id}
              dataSource={f.items}
              size="small"
              scroll={{ x: 640 }}
              pagination={{ current: f.page, pageSize: f.pageSize, total: f.total, onChange: (p) => update({ page: p === 1 ? undefined : p }, { resetPage: false }), showSizeChanger: false }}
              data-testid="former-rows"
              columns={[
                { title: t('col.name'), render: (_, r) => r.person.name },
                { title: t('col.org'), render: (_, r) => r.org.name },
                { title: t('former.lastPost'), dataIndex: 'lastPost' },
                { title: t('former.endedOn'), dataIndex: 'endedOn' },
                { title: t('former.years'), dataIndex: 'yearsServed', align: 'right' },
                { title: t('col.amount'), render: (_, r) => (r.eligible ? yuan(r.amountFen) : <Tag>{t('former.notYet')}</Tag>), align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
