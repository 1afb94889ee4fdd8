// 阵地: the scope's 群众之家, 便民服务站 and 党群服务中心 with their condition, hours and who is on duty
// now; a unit registers its own.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App as AntApp, Button, Card, Drawer, Form, Input, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { VENUE_CONDITIONS, VENUE_CONDITION_LABELS, VENUE_KINDS, VENUE_KIND_LABELS, type CreateVenueBody, type Venue } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead, SimpleList, applyFieldErrors } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useCreateVenue, useVenues } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FacilitiesNav } from '../components/common';

export const conditionColor = (c: Venue['condition']) => (c === 'good' ? 'green' : c === 'closed' ? 'default' : 'orange');

export function VenuesPage() {
  const t = useFundsT();
  const can = useCan();
  const { values } = useUrlState(['orgId'] as const);
  const q = useVenues(toInt(values.orgId));
  const [adding, setAdding] = useState(false);

  return (
    <div data-testid="venues-page">
      <PageHead title={t('venue.title')} extra={can('funds:facility') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="venue-add">{t('venue.add')}</Button> : undefined} />
      <FacilitiesNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!q.data ? <Card><Skeleton active /></Card> : (
        <Card size="small">
          <SimpleList<Venue>
            items={q.data.items}
            rowKey={(v) => v.id}
            testId="venue-list"
            empty={t('venue.empty')}
            render={(v) => (
              <Link to={`/venues/${v.id}`} style={{ display: 'block' }} data-testid="venue-row">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <strong>{v.name}</strong>
                  <span><Tag>{v.kindLabel}</Tag><Tag color={conditionColor(v.condition)}>{v.conditionLabel}</Tag></span>
                </div>
                <Typography.Text type="secondary">
                  {v.org.name} · {v.open24h ? t('venue.open24h') : (v.hours ?? t('venue.noHours'))} · {v.onDutyNow.length ? t('venue.onDuty', { names: v.onDutyNow.map((d) => `${d.name}（${d.role}）`).join('、') }) : t('venue.nobody')}
                </Typography.Text>
              </Link>
            )}
          />
        </Card>
      )}
      {adding && <VenueDrawer onClose={() => setAdding(false)} />}
    </div>
  );
}

function VenueDrawer({ onClose }: { onClose: () => void }) {
  const t = useFundsT();
  const me = useAccount();
  const { message } = AntApp.useApp();
  const create = useCreateVenue();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const open24h = Form.useWatch('open24h', form);
  return (
    <Drawer open title={t('venue.add')} onClose={onClose} size="default" placement="right" styles={{ wrapper: { maxWidth: '100vw' } }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'masses_home', condition: 'good', open24h: false }}
        onFinish={(v: Omit<CreateVenueBody, 'orgId'>) => {
          setError(undefined);
          create.mutate({ orgId: me.scopeOrg.id, ...v, hours: v.hours || undefined, servicePhone: v.servicePhone || undefined }, {
            onSuccess: () => { message.success(t('venue.saved')); onClose(); },
            onError: (e) => setError(applyFieldErrors(form, e, ['name', 'hours', 'servicePhone'])),
          });
        }}
      >
        <Form.Item label={t('col.org')}>{me.scopeOrg.name}</Form.Item>
        <Form.Item name="kind" label={t('venue.kind')} rules={[{ required: true }]}><Select options={VENUE_KINDS.map((k) => ({ value: k, label: VENUE_KIND_LABELS[k].zh }))} /></Form.Item>
        <Form.Item name="name" label={t('venue.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} placeholder={t('venue.namePh')} data-testid="venue-name" /></Form.Item>
        <Form.Item name="condition" label={t('venue.condition')} rules={[{ required: true }]}><Select options={VENUE_CONDITIONS.map((k) => ({ value: k, label: VENUE_CONDITION_LABELS[k].zh }))} /></Form.Item>
        <Form.Item name="open24h" label={t('venue.open24h')} valuePropName="checked"><Switch /></Form.Item>
        {!open24h && <Form.Item name="hours" label={t('venue.hours')}><Input maxLength={100} placeholder="周一至周五 8:30—17:30" /></Form.Item>}
        <Form.Item name="servicePhone" label={t('venue.phone')} extra={t('venue.phoneHint')} rules={[{ pattern: /^[0-9][0-9-]{4,19}$/, message: t('venue.phoneInvalid') }]}><Input inputMode="tel" maxLength={20} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} block>{t('venue.save')}</Button>
      </Form>
    </Drawer>
  );
}
