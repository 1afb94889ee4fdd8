// 一个阵地 and its 值班表, on a phone: who is on duty now, the coming shifts day by day, a shift added
// by picking a person of the unit, the day and the hours (a 24-hour shift in one tap); the venue's
// condition, hours and public service phone.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Popconfirm, Segmented, Select, Skeleton, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { VENUE_CONDITIONS, VENUE_CONDITION_LABELS, type DutyShift, type Venue, type VenueCondition } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useAddShift, useDutyCandidates, useRemoveShift, useShifts, useUpdateVenue } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { conditionColor } from './VenuesPage';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');
const hm = (iso: string) => dayjs(iso).format('HH:mm');

export function VenuePage() {
  const t = useFundsT();
  const can = useCan();
  const id = Number(useParams().id);
  const q = useShifts(id);
  const v = q.data?.venue;
  usePageCrumb(v?.name);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data || !v) return <Card><Skeleton active /></Card>;
  const byDay = new Map<string, DutyShift[]>();
  for (const s of q.data.shifts) byDay.set(day(s.startsAt), [...(byDay.get(day(s.startsAt)) ?? []), s]);

  return (
    <div data-testid="venue-page">
      <PageHead title={v.name} record />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="venue-now">
        <Typography.Text type="secondary">{t('duty.now')}</Typography.Text>
        <div style={{ fontSize: 18, marginTop: 4 }}>
          {v.onDutyNow.length ? v.onDutyNow.map((d) => `${d.name}（${d.role}）`).join('、') : t('venue.nobody')}
        </div>
        <div style={{ marginTop: 6 }}>
          <Tag>{v.kindLabel}</Tag><Tag color={conditionColor(v.condition)}>{v.conditionLabel}</Tag>
          <Typography.Text type="secondary">{v.open24h ? t('venue.open24h') : v.hours ?? t('venue.noHours')}{v.servicePhone ? ` · ${t('venue.phone')} ${v.servicePhone}` : ''}</Typography.Text>
        </div>
      </Card>
      <Card size="small" title={t('duty.roster', { from: q.data.from, to: q.data.to })} style={{ marginBottom: 12 }}>
        {byDay.size === 0 && <Typography.Text type="secondary">{t('duty.empty')}</Typography.Text>}
        {[...byDay.entries()].map(([d, shifts]) => (
          <div key={d} style={{ marginBottom: 10 }}>
            <Typography.Text strong>{d}</Typography.Text>
            {shifts.map((s) => <ShiftRow key={s.id} s={s} editable={can('funds:facility')} />)}
          </div>
        ))}
      </Card>
      {can('funds:facility') && <AddShift venue={v} />}
      {can('funds:facility') && <EditVenue venue={v} />}
    </div>
  );
}

function ShiftRow({ s, editable }: { s: DutyShift; editable: boolean }) {
  const t = useFundsT();
  const remove = useRemoveShift();
  const { message } = AntApp.useApp();
  return (
    <div data-testid="shift-row" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '6px 0', borderBottom: '1px dashed #f0f0f0' }}>
      <span>
        {hm(s.startsAt)}—{day(s.endsAt) !== day(s.startsAt) ? `${t('duty.nextDay')}${hm(s.endsAt)}` : hm(s.endsAt)} · {s.person.name}（{s.role}）
        {s.now && <Tag color="green" style={{ marginLeft: 6 }}>{t('duty.nowTag')}</Tag>}
      </span>
      {editable && (
        <Popconfirm title={t('duty.removeConfirm')} onConfirm={() => remove.mutate(s.id, { onError: (e) => message.error(e.message) })}>
          <Button size="small" type="link" danger>{t('duty.remove')}</Button>
        </Popconfirm>
      )}
    </div>
  );
}

function AddShift({ venue }: { venue: Venue }) {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const candidates = useDutyCandidates(venue.id);
  const add = useAddShift(venue.id);
  const [form] = Form.useForm();
  const [mode, setMode] = useState<'day' | 'full' | 'custom'>('day');
  const [error, setError] = useState<string>();
  const submit = (v: { personId: number; date: Dayjs; start?: Dayjs; end?: Dayjs }) => {
    setError(undefined);
    const d = v.date.format('YYYY-MM-DD');
    const at = (time: string, plus = 0) => dayjs(`${d}T${time}:00+08:00`).add(plus, 'day').toISOString();
    const [startsAt, endsAt] =
      mode === 'day' ? [at('08:30'), at('17:30')]
      : mode === 'full' ? [at('08:00'), at('08:00', 1)]
      : [at(v.start!.format('HH:mm')), at(v.end!.format('HH:mm'))];
    add.mutate({ personId: v.personId, startsAt, endsAt }, {
      onSuccess: () => message.success(t('duty.saved')),
      onError: (e) => setError(e.message),
    });
  };
  return (
    <Card size="small" title={t('duty.add')} style={{ marginBottom: 12 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="duty-error" />}
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={submit}>
        <Form.Item name="personId" label={t('duty.person')} rules={[{ required: true, message: t('duty.personRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.isLoading}
            data-testid="duty-person"
            options={(candidates.data?.people ?? []).map((c) => ({ value: c.personId, label: `${c.name}（${c.role}）` }))}
          />
        </Form.Item>
        <Form.Item name="date" label={t('duty.date')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} inputReadOnly allowClear={false} /></Form.Item>
        <Form.Item label={t('duty.hours')} extra={mode === 'day' ? t('duty.dayHint') : mode === 'full' ? t('duty.fullHint') : undefined}>
          <Segmented block value={mode} onChange={(m) => setMode(m as typeof mode)} options={[{ value: 'day', label: t('duty.dayShift') }, { value: 'full', label: t('duty.fullShift') }, { value: 'custom', label: t('duty.custom') }]} data-testid="duty-mode" />
        </Form.Item>
        {mode === 'custom' && (
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item name="start" label={t('duty.start')} rules={[{ required: true }]} style={{ flex: 1 }}><TimePicker format="HH:mm" minuteStep={15} inputReadOnly style={{ width: '100%' }} data-testid="duty-start" /></Form.Item>
            <Form.Item name="end" label={t('duty.end')} rules={[{ required: true }]} style={{ flex: 1 }}><TimePicker format="HH:mm" minuteStep={15} inputReadOnly style={{ width: '100%' }} data-testid="duty-end" /></Form.Item>
          </div>
        )}
        <Button type="primary" htmlType="submit" block loading={add.isPending} data-testid="duty-submit">{t('duty.save')}</Button>
      </Form>
    </Card>
  );
}

function EditVenue({ venue }: { venue: Venue }) {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const update = useUpdateVenue();
  const [form] = Form.useForm();
  return (
    <Card size="small" title={t('venue.edit')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ condition: venue.condition, hours: venue.hours ?? '', servicePhone: venue.servicePhone ?? '' }}
        onFinish={(v: { condition: VenueCondition; hours: string; servicePhone: string }) =>
          update.mutate({ id: venue.id, version: venue.version, condition: v.condition, hours: v.hours.trim() || null, servicePhone: v.servicePhone.trim() || null }, {
            onSuccess: () => message.success(t('venue.saved')),
            onError: (e) => message.error(e.message),
          })}
      >
        <Form.Item name="condition" label={t('venue.condition')}><Select options={VENUE_CONDITIONS.map((k) => ({ value: k, label: VENUE_CONDITION_LABELS[k].zh }))} /></Form.Item>
        <Form.Item name="hours" label={t('venue.hours')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="servicePhone" label={t('venue.phone')} extra={t('venue.phoneHint')} rules={[{ pattern: /^([0-9][0-9-]{4,19})?$/, message: t('venue.phoneInvalid') }]}><Input inputMode="tel" maxLength={20} /></Form.Item>
        <Button htmlType="submit" loading={update.isPending}>{t('venue.save')}</Button>
      </Form>
    </Card>
  );
}
