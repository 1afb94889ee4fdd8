// The meeting record's fields, shared by the meeting form and a filed 主题党日 being recorded as
// held: date, place, host, topic, the roster as tap-to-tick names (unticked = absent, each with a
// reason), minutes and decisions. Phone-first: one column, big tap targets.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type HeldMeetingInput, type RequestCategory } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { useRoster } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import { ApiError } from '../../../app/api';

/** A household visited during a 访民情 theme day, as typed on the phone. */
type VisitDraft = { household: string; heard: string; followUp: string; needsHandling: boolean; category: RequestCategory; matter: string; phone: string };
const emptyVisit = (): VisitDraft => ({ household: '', heard: '', followUp: '', needsHandling: false, category: 'assistance', matter: '', phone: '' });

export type MeetingValues = { heldOn: string; place: string; host: string; topic: string; minutes?: string; decisions?: string; bySecretary?: boolean };

/** Today in China Standard Time, as the server counts it. */
export const todayCst = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function MeetingFields({
  orgId,
  groupId,
  showSecretary,
  withVisits,
  submitLabel,
  busy,
  error,
  initial,
  onSubmit,
}: {
  orgId: number | undefined;
  /** 党小组会: the group that met; its members are the ones to tick. */
  groupId?: number;
  showSecretary?: boolean;
  /** 主题党日·访民情: the households visited, each the 民情日记 entry (and the request when ticked). */
  withVisits?: boolean;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  initial?: Partial<MeetingValues>;
  onSubmit: (m: HeldMeetingInput) => void;
}) {
  const t = useOrglifeT();
  const { lang } = useI18n();
  const [form] = Form.useForm<MeetingValues>();
  const [visits, setVisits] = useState<VisitDraft[]>([]);
  const setVisit = (i: number, patch: Partial<VisitDraft>) => setVisits((vs) => vs.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const roster = useRoster(orgId);
  const group = groupId ? roster.data?.groups.find((g) => g.id === groupId) : undefined;
  const inGroup = group ? new Set(group.memberIds) : undefined;
  const members = (roster.data?.members ?? []).filter((m) => !inGroup || inGroup.has(m.id));
  const [present, setPresent] = useState<Set<number>>(new Set());
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [missing, setMissing] = useState<Set<number>>(new Set());
  const toggle = (id: number) => setPresent((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const absent = members.filter((m) => !present.has(m.id));

  const submit = (v: MeetingValues) => {
    const lacking = new Set(absent.filter((m) => !reasons[m.id]?.trim()).map((m) => m.id));
    setMissing(lacking);
    if (lacking.size) return;
    onSubmit({
      heldOn: v.heldOn, place: v.place, host: v.host, topic: v.topic, minutes: v.minutes || undefined, decisions: v.decisions || undefined,
      ...(showSecretary ? { bySecretary: !!v.bySecretary } : {}),
      attendees: members.map((m) => (present.has(m.id) ? { personId: m.id, present: true } : { personId: m.id, present: false, absenceReason: reasons[m.id]!.trim() })),
      ...(withVisits && visits.length ? {
        visits: visits.map((x) => ({
          household: x.household, heard: x.heard, ...(x.followUp.trim() ? { followUp: x.followUp } : {}),
          ...(x.needsHandling ? { needsHandling: { category: x.category, matter: x.matter, ...(x.phone.trim() ? { phone: x.phone.trim() } : {}) } } : {}),
        })),
      } : {}),
    });
  };

  const fieldError = error instanceof ApiError ? error : undefined;
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: todayCst(), ...initial }} data-testid="meeting-form">
      <Form.Item name="heldOn" label={t('meeting.date')} rules={[{ required: true, message: t('meeting.required') }]}>
        <Input type="date" max={todayCst()} data-testid="meeting-date" />
      </Form.Item>
      <Form.Item name="place" label={t('meeting.place')} rules={[{ required: true, whitespace: true, message: t('meeting.required') }]}>
        <Input maxLength={100} data-testid="meeting-place" />
      </Form.Item>
      <Form.Item name="host" label={t('meeting.host')} rules={[{ required: true, whitespace: true, message: t('meeting.required') }]}>
        <Input maxLength={50} data-testid="meeting-host" />
      </Form.Item>
      <Form.Item name="topic" label={t('meeting.topic')} rules={[{ required: true, whitespace: true, message: t('meeting.required') }]}>
        <Input maxLength={200} data-testid="meeting-topic" />
      </Form.Item>
      {showSecretary && (
        <Form.Item name="bySecretary" valuePropName="checked">
          <Checkbox>{t('meeting.bySecretary')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item label={t('meeting.attendance')} required>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button size="small" onClick={() => setPresent(new Set(members.map((m) => m.id)))} data-testid="all-present">{t('meeting.allPresent')}</Button>
            <Typography.Text type="secondary" data-testid="attendance-count">{t('meeting.present', { present: present.size, expected: members.length })}</Typography.Text>
          </Space>
          <div className="lx-roster" data-testid="roster">
            {members.map((m) => (
              <Tag.CheckableTag key={m.id} checked={present.has(m.id)} onChange={() => toggle(m.id)} className="lx-roster-name" data-testid="roster-name">
                {m.name}
              </Tag.CheckableTag>
            ))}
          </div>
          {absent.length > 0 && present.size > 0 && absent.map((m) => (
            <Input
              key={m.id}
              placeholder={t('meeting.absentReason', { name: m.name })}
              value={reasons[m.id] ?? ''}
              status={missing.has(m.id) ? 'error' : undefined}
              onChange={(e) => setReasons((r) => ({ ...r, [m.id]: e.target.value }))}
              maxLength={100}
              data-testid="absence-reason"
            />
          ))}
        </Space>
      </Form.Item>
      <Form.Item name="minutes" label={t('meeting.minutes')}>
        <Input.TextArea rows={4} maxLength={20000} data-testid="meeting-minutes" />
      </Form.Item>
      <Form.Item name="decisions" label={t('meeting.decisions')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      {withVisits && (
        <Form.Item label={t('visit.title')} extra={t('visit.hint')} data-testid="meeting-visits">
          <Space direction="vertical" style={{ width: '100%' }}>
            {visits.map((v, i) => (
              <Card key={i} size="small" data-testid="meeting-visit" extra={<Button type="link" size="small" onClick={() => setVisits((vs) => vs.filter((_, j) => j !== i))}>{t('visit.remove')}</Button>} title={t('visit.n', { n: i + 1 })}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input placeholder={t('visit.household')} value={v.household} maxLength={100} onChange={(e) => setVisit(i, { household: e.target.value })} data-testid="visit-household" />
                  <Input.TextArea placeholder={t('visit.heard')} value={v.heard} rows={2} maxLength={4000} onChange={(e) => setVisit(i, { heard: e.target.value })} data-testid="visit-heard" />
                  <Input placeholder={t('visit.followUp')} value={v.followUp} maxLength={4000} onChange={(e) => setVisit(i, { followUp: e.target.value })} />
                  <Checkbox checked={v.needsHandling} onChange={(e) => setVisit(i, { needsHandling: e.target.checked })} data-testid="visit-needs-handling">{t('visit.needsHandling')}</Checkbox>
                  {v.needsHandling && (
                    <>
                      <Select value={v.category} onChange={(c) => setVisit(i, { category: c })} options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: REQUEST_CATEGORY_LABELS[c][lang] }))} style={{ width: '100%' }} />
                      <Input.TextArea placeholder={t('visit.matter')} value={v.matter} rows={2} maxLength={4000} onChange={(e) => setVisit(i, { matter: e.target.value })} data-testid="visit-matter" />
                      <Input placeholder={t('visit.phone')} value={v.phone} inputMode="tel" maxLength={20} onChange={(e) => setVisit(i, { phone: e.target.value })} />
                    </>
                  )}
                </Space>
              </Card>
            ))}
            <Button block onClick={() => setVisits((vs) => [...vs, emptyVisit()])} data-testid="visit-add">{t('visit.add')}</Button>
          </Space>
        </Form.Item>
      )}
      {fieldError && <Alert type="error" showIcon title={fieldError.fields[0]?.message ?? fieldError.message} style={{ marginBottom: 12 }} data-testid="meeting-error" />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={present.size === 0} data-testid="meeting-save">
        {submitLabel}
      </Button>
    </Form>
  );
}
