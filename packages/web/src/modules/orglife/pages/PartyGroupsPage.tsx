// 党小组: a branch's party groups on a phone — each group with its members; set one up, rename it,
// tick its members from the branch's roster (a member ticked here moves from another group), or
// dissolve it (its members stay in the branch). Members in no group are listed below.
import { useState, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Empty, Input, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { ORG_NESTING, type OrgType, type PartyGroupView } from '@lianxin/contract';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useAccount, useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { useCreatePartyGroup, useDissolvePartyGroup, usePartyGroups, useUpdatePartyGroup } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import '../orglife.css';

type Member = { id: number; name: string };
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Tap-to-tick names (the meeting form's roster look). */
function Picker({ members, picked, onToggle }: { members: Member[]; picked: Set<number>; onToggle: (id: number) => void }) {
  return (
    <div className="lx-roster" data-testid="group-picker">
      {members.map((m) => (
        <Tag.CheckableTag key={m.id} checked={picked.has(m.id)} onChange={() => onToggle(m.id)} className="lx-roster-name" data-testid="group-pick-name">{m.name}</Tag.CheckableTag>
      ))}
    </div>
  );
}

function GroupCard({ group, everyone, mayKeep }: { group: PartyGroupView; everyone: Member[]; mayKeep: boolean }) {
  const t = useOrglifeT();
  const { message } = AntApp.useApp();
  const update = useUpdatePartyGroup();
  const dissolve = useDissolvePartyGroup();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const start = () => {
    setName(group.name);
    setPicked(new Set(group.members.map((m) => m.id)));
    setEditing(true);
  };
  const toggle = (id: number) => setPicked((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const save = () => update.mutate(
    { id: group.id, body: { version: group.version, ...(name.trim() !== group.name ? { name: name.trim() } : {}), memberIds: [...picked] } },
    { onSuccess: () => { message.success(t('group.saved')); setEditing(false); }, onError: (e) => message.error(errorText(e)) },
  );
  return (
    <Card
      size="small"
      className="lx-group-card"
      style={{ marginBottom: 12 }}
      data-testid="party-group"
      title={<span data-testid="party-group-name">{group.name}</span>}
      extra={<Typography.Text type="secondary" data-testid="party-group-count">{t('group.members', { n: group.members.length })}</Typography.Text>}
    >
      {!editing ? (
        <>
          <div>{group.members.map((m) => <Tag key={m.id} bordered={false}>{m.name}</Tag>)}</div>
          {mayKeep && (
            <Space style={{ marginTop: 8 }} wrap>
              <Button onClick={start} data-testid="party-group-edit">{t('group.edit')}</Button>
              <Popconfirm
                title={t('group.dissolve')}
                description={t('group.dissolveConfirm', { name: group.name })}
                onConfirm={() => dissolve.mutate({ id: group.id, version: group.version }, { onSuccess: () => message.success(t('group.saved')), onError: (e) => message.error(errorText(e)) })}
              >
                <Button danger loading={dissolve.isPending} data-testid="party-group-dissolve">{t('group.dissolve')}</Button>
              </Popconfirm>
            </Space>
          )}
        </>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input value={name} maxLength={50} onChange={(e) => setName(e.target.value)} addonBefore={t('group.name')} data-testid="party-group-rename" />
          <Typography.Text type="secondary">{t('group.tickHint')}</Typography.Text>
          <Picker members={everyone} picked={picked} onToggle={toggle} />
          <Space>
            <Button type="primary" disabled={!name.trim()} loading={update.isPending} onClick={save} data-testid="party-group-save">{t('group.save')}</Button>
            <Button onClick={() => setEditing(false)}>{t('group.cancel')}</Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}

/** The org types that hold party groups (the tree's nesting rules): the branches. */
const BRANCH_TYPES = (Object.keys(ORG_NESTING) as OrgType[]).filter((k) => ORG_NESTING[k].includes('party_group'));

/**
 * 党小组 from the menu: a branch sees its own groups at once; a township, station or the county
 * picks one of the branches below it (kept in the URL, as the board's drill-down links it).
 */
export function PartyGroupsPage() {
  const t = useOrglifeT();
  const me = useAccount();
  const { values, update } = useUrlState(['orgId'] as const);
  const ownBranch = BRANCH_TYPES.includes(me.scopeOrg.type);
  const orgId = values.orgId && /^\d+$/.test(values.orgId) ? Number(values.orgId) : ownBranch ? me.scopeOrg.id : undefined;
  const picker = !ownBranch && (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="party-group-branch">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('group.chooseBranch')}</Typography.Text>
        <OrgTreeSelect value={orgId} onChange={(v) => update({ orgId: v })} selectable={BRANCH_TYPES} allowClear={false} placeholder={t('group.chooseBranch')} testId="party-group-branch-select" />
      </Space>
    </Card>
  );
  if (!orgId) {
    return (
      <div data-testid="party-groups-page">
        <PageHead title={t('group.title')} record />
        {picker}
        <Card size="small"><Empty description={t('group.chooseHint')} data-testid="party-group-choose" /></Card>
      </div>
    );
  }
  return <BranchGroups key={orgId} orgId={orgId} picker={picker} />;
}

function BranchGroups({ orgId, picker }: { orgId: number; picker: ReactNode }) {
  const t = useOrglifeT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const q = usePartyGroups(orgId);
  const create = useCreatePartyGroup(orgId);
  const [newName, setNewName] = useState('');
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const d = q.data;
  usePageCrumb(d?.org.name);
  if (q.error) return <>{picker}<ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>;
  if (!d) return <>{picker}<Card><Skeleton active /></Card></>;
  const mayKeep = can('orglife:group');
  const everyone = [...d.groups.flatMap((g) => g.members), ...d.ungrouped].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const toggle = (id: number) => setPicked((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <div data-testid="party-groups-page">
      <PageHead title={`${t('group.title')} · ${d.org.name}`} record />
      {picker}
      {d.groups.length === 0 && <Card size="small" style={{ marginBottom: 12 }}><Empty description={t('group.empty')} /></Card>}
      {d.groups.map((g) => <GroupCard key={`${g.id}-${g.version}`} group={g} everyone={everyone} mayKeep={mayKeep} />)}
      {mayKeep && (
        <Card size="small" title={t('group.new')} style={{ marginBottom: 12 }} data-testid="party-group-new">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input value={newName} maxLength={50} placeholder={t('group.name')} onChange={(e) => setNewName(e.target.value)} data-testid="party-group-new-name" />
            <Typography.Text type="secondary">{t('group.tickHint')}</Typography.Text>
            <Picker members={everyone} picked={picked} onToggle={toggle} />
            <Button
              type="primary"
              block
              disabled={!newName.trim()}
              loading={create.isPending}
              data-testid="party-group-create"
              onClick={() => create.mutate({ name: newName.trim(), memberIds: [...picked] }, {
                onSuccess: () => { message.success(t('group.saved')); setNewName(''); setPicked(new Set()); },
                onError: (e) => message.error(errorText(e)),
              })}
            >
              {t('group.new')}
            </Button>
          </Space>
        </Card>
      )}
      {d.ungrouped.length > 0 && (
        <Card size="small" title={t('group.ungrouped', { n: d.ungrouped.length })} data-testid="party-group-ungrouped">
          {d.ungrouped.map((m) => <Tag key={m.id} bordered={false}>{m.name}</Tag>)}
        </Card>
      )}
    </div>
  );
}
