// 党小组: a branch keeps its party groups (set up, renamed, dissolved, members put in from its own
// roster through the people service); a 党小组会 is a group's, ticked from its members; "who is
// behind" owes the 党小组会 count per group; photos and files kept with a meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, MeetingDetail, PartyGroupList, PartyGroupView, Roster } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { createOrglifeService } from './orglife.service.js';

let t: TestApp;
let wuli: Client;
let station: Client;
let yushe: Client;
let yusheId: number;
const today = todayInChina();

async function count(sql: string, params: unknown[] = []) {
  const [row] = await t.db.query<{ n: number }>(sql, params);
  return row!.n;
}
const audits = (action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);

beforeAll(async () => {
  t = await buildTestApp();
  [wuli, station, yushe] = await Promise.all([t.as('wuli'), t.as('yushe.station'), t.as('yushe')]);
  yusheId = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

describe('a branch keeps its party groups', () => {
  it('sets one up with members from its roster, renames it, changes its members, dissolves it — audited, refusals in Chinese', async () => {
    const list = (await yushe.get(`/api/orglife/units/${yusheId}/party-groups`)).json() as PartyGroupList;
    expect(list.groups.map((g) => g.name)).toEqual(['第一党小组', '第二党小组']);
    const [a, b] = list.groups;
    // members of another group may be moved; a person of another branch may not
    const moving = a!.members.slice(0, 2).map((m) => m.id);
    const [stranger] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '尧头村' AND p.member_status IS NOT NULL LIMIT 1`);

    const orgAudits = await audits('org.create');
    const bad = await yushe.post(`/api/orglife/units/${yusheId}/party-groups`, { name: '第三党小组', memberIds: [...moving, stranger!.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('不是本支部');
    expect(await count(`SELECT count(*)::int AS n FROM orgs WHERE parent_id = $1 AND name = '第三党小组'`, [yusheId])).toBe(0); // nothing written
    expect((await yushe.post(`/api/orglife/units/${yusheId}/party-groups`, { name: '第一党小组' })).statusCode).toBe(400); // a sibling's name
    expect((await station.post(`/api/orglife/units/${yusheId}/party-groups`, { name: '第三党小组' })).statusCode).toBe(403); // a station keeps no branch's groups
    const peng = await orgId(t.db, '彭镇');
    const [pengVillage] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE path LIKE (SELECT path FROM orgs WHERE id = $1) || '%' AND type = 'village' LIMIT 1`, [peng]);
    expect((await wuli.post(`/api/orglife/units/${pengVillage!.id}/party-groups`, { name: '第三党小组' })).statusCode).toBe(404);

    const made = await yushe.post(`/api/orglife/units/${yusheId}/party-groups`, { name: ' 第三党小组 ', memberIds: moving });
    expect(made.statusCode, made.body).toBe(201);
    let g = made.json() as PartyGroupView;
    expect(g).toMatchObject({ name: '第三党小组', branch: { id: yusheId } });
    expect(g.members.map((m) => m.id).sort()).toEqual([...moving].sort());
    expect(await audits('org.create')).toBe(orgAudits + 1);
    expect((await yushe.get(`/api/orglife/party-groups/${g.id}`)).json()).toEqual(g);
    // they left the first group; each move is the person's own record, audited there
    const after = (await yushe.get(`/api/orglife/units/${yusheId}/party-groups`)).json() as PartyGroupList;
    expect(after.groups.find((x) => x.id === a!.id)!.members.some((m) => moving.includes(m.id))).toBe(false);
    const history = await t.db.query<{ summary: { partyGroupId: { from: number; to: number } } }>(`SELECT summary FROM audit_log WHERE action = 'person.update' AND object_id = $1 ORDER BY id DESC LIMIT 1`, [moving[0]]);
    expect(history[0]!.summary.partyGroupId).toEqual({ from: a!.id, to: g.id });

    // rename and change members in one save; a stale version is refused
    const keep = [moving[0]!, b!.members[0]!.id];
    expect((await yushe.request('PUT', `/api/orglife/party-groups/${g.id}`, { version: g.version + 5, name: "新三组" })).statusCode).toBe(412);
    const put = await yushe.request('PUT', `/api/orglife/party-groups/${g.id}`, { version: g.version, name: '第三党小组（新）', memberIds: keep });
    expect(put.statusCode, put.body).toBe(200);
    g = put.json() as PartyGroupView;
    expect(g.name).toBe('第三党小组（新）');
    expect(g.members.map((m) => m.id).sort()).toEqual([...keep].sort());
    // the one left out is in no group now
    expect(((await yushe.get(`/api/orglife/units/${yusheId}/party-groups`)).json() as PartyGroupList).ungrouped.map((m) => m.id)).toContain(moving[1]);

    // dissolved: its members stay in the branch, in no group; the group answers 404
    const closes = await audits('org.close');
    expect((await yushe.del(`/api/orglife/party-groups/${g.id}?version=${g.version}`)).statusCode).toBe(204);
    expect(await audits('org.close')).toBe(closes + 1);
    expect((await yushe.get(`/api/orglife/party-groups/${g.id}`)).statusCode).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE party_group_id = $1`, [g.id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE id = ANY($1::bigint[]) AND org_id = $2 AND status = 'active'`, [keep, yusheId])).toBe(2);
  });
});

describe('a 党小组会 is a group’s', () => {
  it('names its group and is ticked from the group’s members; others are refused in Chinese and nothing is written', async () => {
    const roster = (await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as Roster;
    const [first, second] = roster.groups;
    expect(first!.memberIds.length).toBeGreaterThan(1);
    const base = { orgId: yusheId, typeCode: 'group', heldOn: today, place: '党小组长家中', host: '党小组长', topic: '党小组学习' };
    const ticked = first!.memberIds.slice(0, 2).map((id) => ({ personId: id, present: true }));
    const before = await count(`SELECT count(*)::int AS n FROM meetings`);

    const noGroup = await yushe.post('/api/orglife/meetings', { ...base, attendees: ticked });
    expect(noGroup.statusCode).toBe(400);
    expect(noGroup.json().message).toContain('请选择召开会议的党小组');
    const outsider = await yushe.post('/api/orglife/meetings', { ...base, partyGroupId: first!.id, attendees: [...ticked, { personId: second!.memberIds[0]!, present: true }] });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().message).toContain(`不是${first!.name}的成员`);
    const wrongType = await yushe.post('/api/orglife/meetings', { ...base, typeCode: 'committee', partyGroupId: first!.id, attendees: ticked });
    expect(wrongType.statusCode).toBe(400);
    const [otherGroup] = await t.db.query<{ id: number }>(`SELECT g.id FROM orgs g JOIN orgs v ON v.id = g.parent_id WHERE v.name = '尧头村' AND g.type = 'party_group' LIMIT 1`);
    expect((await yushe.post('/api/orglife/meetings', { ...base, partyGroupId: otherGroup!.id, attendees: ticked })).statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM meetings`)).toBe(before);

    const ok = await yushe.post('/api/orglife/meetings', { ...base, partyGroupId: first!.id, attendees: ticked });
    expect(ok.statusCode, ok.body).toBe(201);
    const m = ok.json() as MeetingDetail;
    expect(m).toMatchObject({ typeName: '党小组会', partyGroup: { id: first!.id, name: first!.name }, presentCount: 2 });
  });

  it('"who is behind" owes the count per group: one group held all, the other none — the branch is behind by the other’s', async () => {
    const year = Number(today.slice(0, 4)) - 1;
    const yaotou = await orgId(t.db, '尧头村');
    const [o] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [yaotou]);
    const groups = await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE parent_id = $1 AND type = 'party_group' AND status = 'active' ORDER BY sort, id`, [yaotou]);
    expect(groups).toHaveLength(2);
    // last year's twelve 党小组会 of the first group (older than the back-dating window: written as the demo writes its past)
    await t.db.query(
      `INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, topic, party_group_id, expected_count, present_count)
       SELECT $1, $2, $3, 'group', make_date($4::int, k, 10), '党小组长家中', '党小组长', '党小组学习', $5, 10, 9 FROM generate_series(1, 12) AS k`,
      [o!.county_id, yaotou, o!.path, year, groups[0]!.id],
    );
    const board = (await wuli.get(`/api/orglife/board?orgId=${yaotou}&year=${year}&month=12`)).json() as BoardView;
    expect(board.groups).toEqual([
      { org: { id: groups[0]!.id, name: groups[0]!.name, type: 'party_group' }, held: 12, required: 12, shortfall: 0 },
      { org: { id: groups[1]!.id, name: groups[1]!.name, type: 'party_group' }, held: 0, required: 12, shortfall: 12 },
    ]);
    // twelve held, twenty-four owed (twelve a group): the branch is behind by the second group's twelve
    expect(board.types.find((x) => x.code === 'group')).toMatchObject({ held: 12, required: 24, shortfall: 12 });
    expect(board.total.behind).toBe(1);
    // rolled up to the station, the branch counts behind and its shortfall includes the group's
    const up = (await wuli.get(`/api/orglife/board?orgId=${await orgId(t.db, '榆舍党建工作站')}&year=${year}&month=12`)).json() as BoardView;
    const row = up.rows.find((r) => r.org.id === yaotou)!;
    expect(row.behind).toBe(1);
    expect(row.shortfall).toBeGreaterThanOrEqual(12);
    // the home to-do names the group that owes
    const svc = createOrglifeService({ db: t.db, roster: async () => [] });
    const actor = { accountId: 0, username: 'x', roles: ['village_admin' as const], scope: { orgId: yaotou, path: o!.path, countyId: o!.county_id }, ip: 'test' };
    const due = (await svc.todayItems(t.db, actor, `${year}-12-10`)).find((i) => i.kind === 'meeting_due')!;
    expect(due.title).toContain(`${groups[1]!.name}党小组会（本年应开 12 次，已开 0 次）`);
    expect(due.title).not.toContain(`${groups[0]!.name}党小组会`);
  });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b10000000049454e44ae426082', 'hex');
function upload(c: Client, url: string, file: { name: string; type: string; content: Buffer }) {
  const boundary = '----meetingfile';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe('photos and files on a meeting', () => {
  it('are uploaded (type by content), listed, shown and deleted within the back-dating window, audited; then kept', async () => {
    const roster = (await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as Roster;
    const made = await yushe.post('/api/orglife/meetings', { orgId: yusheId, typeCode: 'committee', heldOn: today, place: '村委会', host: '书记', topic: '研究冬季防火', attendees: [{ personId: roster.members[0]!.id, present: true }] });
    const meetingId = (made.json() as MeetingDetail).id;
    expect((made.json() as MeetingDetail)).toMatchObject({ files: [], filesOpen: true });

    const attaches = await audits('meeting.attach');
    const res = await upload(yushe, `/api/orglife/meetings/${meetingId}/files`, { name: '../../会场.png', type: 'image/png', content: PNG });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as MeetingDetail;
    expect(m.files).toHaveLength(1);
    expect(m.files[0]).toMatchObject({ mimeType: 'image/png', size: PNG.length });
    expect(m.files[0]!.fileName).not.toContain('/');
    expect(await audits('meeting.attach')).toBe(attaches + 1);
    expect((await yushe.get(`/api/orglife/meetings/${meetingId}`)).json()).toEqual(m);

    // a text file named .png is refused by its content; nothing kept
    const fake = await upload(yushe, `/api/orglife/meetings/${meetingId}/files`, { name: 'x.png', type: 'image/png', content: Buffer.from('not a picture') });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().message).toContain('只能上传');
    expect(await count(`SELECT count(*)::int AS n FROM meeting_files WHERE meeting_id = $1`, [meetingId])).toBe(1);

    // shown to the levels above; outside the scope: 404
    const shown = await wuli.get(`/api/orglife/meetings/${meetingId}/files/${m.files[0]!.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(Buffer.from(shown.rawPayload).equals(PNG)).toBe(true);
    const yaotou = await t.as('yushe.station'); // the station sees it; another county would not
    expect((await yaotou.get(`/api/orglife/meetings/${meetingId}/files/${m.files[0]!.id}`)).statusCode).toBe(200);
    expect((await yushe.get(`/api/orglife/meetings/${meetingId}/files/${m.files[0]!.id + 1000}`)).statusCode).toBe(404);

    // deleted within the window, audited
    const removes = await audits('meeting.remove_file');
    expect((await yushe.del(`/api/orglife/meetings/${meetingId}/files/${m.files[0]!.id}`)).statusCode).toBe(204);
    expect(await audits('meeting.remove_file')).toBe(removes + 1);
    expect(((await yushe.get(`/api/orglife/meetings/${meetingId}`)).json() as MeetingDetail).files).toEqual([]);

    // past the window the meeting is evidence: its files can no longer be added or removed
    const again = (await upload(yushe, `/api/orglife/meetings/${meetingId}/files`, { name: '会场.png', type: 'image/png', content: PNG })).json() as MeetingDetail;
    await t.db.query(`UPDATE meetings SET held_on = $2::date WHERE id = $1`, [meetingId, plusDays(today, -8)]);
    expect(((await yushe.get(`/api/orglife/meetings/${meetingId}`)).json() as MeetingDetail).filesOpen).toBe(false);
    const late = await upload(yushe, `/api/orglife/meetings/${meetingId}/files`, { name: '会场.png', type: 'image/png', content: PNG });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('补录期');
    expect((await yushe.del(`/api/orglife/meetings/${meetingId}/files/${again.files[0]!.id}`)).statusCode).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_files WHERE meeting_id = $1`, [meetingId])).toBe(1);
  });
});
