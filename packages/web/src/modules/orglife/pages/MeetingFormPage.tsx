// 录入会议: the meeting record entered once, on a phone — the unit's type of meeting, then the
// shared fields with the roster to tick.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App as AntApp, Card, Select, Form } from 'antd';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, type ActivityKind } from '@lianxin/contract';
import { useAccount } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHead } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { useOrglifeSettings, useRecordMeeting, useRoster } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import { MeetingFields } from '../components/MeetingFields';
import '../orglife.css';

export function MeetingFormPage() {
  const t = useOrglifeT();
  const { lang } = useI18n();
  const me = useAccount();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { values } = useUrlState(['orgId', 'type'] as const);
  const orgId = values.orgId && /^\d+$/.test(values.orgId) ? Number(values.orgId) : me.scopeOrg.id;
  const settings = useOrglifeSettings();
  const roster = useRoster(orgId);
  const record = useRecordMeeting();
  const unitType = roster.data?.org.type;
  const types = (settings.data?.types ?? []).filter((x) => !unitType || x.unitTypes.includes(unitType));
  const [type, setType] = useState<string | undefined>(values.type);
  const chosen = type ?? types.find((x) => x.perYear > 0)?.code;
  const [kind, setKind] = useState<ActivityKind | undefined>();
  // 党小组会 of a branch with party groups: held by one group, ticked from its members
  const groups = chosen === 'group' ? (roster.data?.groups ?? []) : [];
  const [groupPick, setGroupPick] = useState<number | undefined>();
  const groupId = groups.length ? (groupPick ?? groups[0]!.id) : undefined;

  return (
    <div data-testid="meeting-form-page">
      <PageHead title={t('home.record')} />
      <Card>
        <Form layout="vertical">
          <Form.Item label={t('meeting.unit')}>{roster.data?.org.name ?? '…'}</Form.Item>
          <Form.Item label={t('meeting.type')} required>
            <Select value={chosen} onChange={setType} options={types.map((x) => ({ value: x.code, label: x.name }))} data-testid="meeting-type" />
          </Form.Item>
          {chosen === 'theme_day' && (
            <Form.Item label={t('meeting.kind')}>
              <Select value={kind} onChange={setKind} allowClear options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k][lang] }))} data-testid="meeting-kind" />
            </Form.Item>
          )}
          {groups.length > 0 && (
            <Form.Item label={t('group.pick')} required extra={t('group.pickHint')}>
              <Select value={groupId} onChange={setGroupPick} options={groups.map((g) => ({ value: g.id, label: g.name }))} data-testid="meeting-group" />
            </Form.Item>
          )}
        </Form>
        <MeetingFields
          key={groupId ?? 0}
          orgId={orgId}
          groupId={groupId}
          showSecretary={chosen === 'party_lecture'}
          withVisits={chosen === 'theme_day' && kind === 'visit_people'}
          submitLabel={t('meeting.save')}
          busy={record.isPending}
          error={record.error}
          onSubmit={(m) => {
            if (!chosen) return;
            record.mutate({ orgId, typeCode: chosen, ...(chosen === 'theme_day' && kind ? { activityKind: kind } : {}), ...(groupId ? { partyGroupId: groupId } : {}), ...m }, {
              onSuccess: (saved) => {
                message.success(t('meeting.saved'));
                navigate(`/orglife/meetings/${saved.id}`);
              },
            });
          }}
        />
      </Card>
    </div>
  );
}
