// People registered directly at a party group's node (the form, or a roster row naming
// "榆舍村/第一党小组"): they are the branch's members in that group everywhere — the roster to tick,
// the group's members and its 党小组会, the meetings' attendance that "who is behind" rates, the
// branch's member count. The people service stores them at the branch with the group set; migration
// 440 moved the ones stored at a group before. (The import's row is in people-excel.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, MeetingDetail, OrgTree, PartyGroupList, PersonDetail, Roster } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { migrate } from '../../db/migrate.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let yushe: Client;
let yusheId: number;
let g1: number;
let g2: number;
const today = todayInChina();

const one = async <R>(sql: string, params: unknown[] = []) => (await t.db.query<R>(sql, params))[0]!;
const directMembers = async (org: number) => (await one<{ n: number }>(`SELECT coalesce((SELECT members FROM org_person_counts WHERE org_id = $1), 0)::int AS n`, [org])).n;
const treeCount = async (c: Client, id: number) => ((await c.get('/api/orgs/tree')).json() as OrgTree).nodes.find((n) => n.id === id)!.memberCount;

beforeAll(async () => {
  t = await buildTestApp();
  yushe = await t.as('yushe');
  yusheId = await orgId(t.db, '榆舍村');
  [{ id: g1 }, { id: g2 }] = await t.db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 AND type = 'party_group' AND status = 'active' ORDER BY sort, id`, [yusheId]) as [{ id: number }, { id: number }];
});
afterAll(() => t.close());

describe('a person registered at a party group is the branch’s member in that group', () => {
  it('the form: stored at the branch with the group; ticked in the group’s 党小组会; counted on the branch', async () => {
    const direct = await directMembers(yusheId);
    const tree = await treeCount(yushe, yusheId);
    const made = await yushe.post('/api/people', { name: '组上登记', gender: 'female', orgId: g1, memberStatus: 'formal', joinDate: '2015-07-01' });
    expect(made.statusCode, made.body).toBe(201);
    const id = (made.json() as PersonDetail).id;
    const row = await one<{ org_id: number; party_group_id: number }>(`SELECT org_id, party_group_id FROM persons WHERE id = $1`, [id]);
    expect(row).toEqual({ org_id: yusheId, party_group_id: g1 });
    expect((await yushe.get(`/api/people/${id}`)).json()).toMatchObject({ org: { id: yusheId }, partyGroup: { id: g1 } });
    // the audit says where the person was registered
    const audit = await one<{ summary: { orgId: number; partyGroupId: number } }>(`SELECT summary FROM audit_log WHERE action = 'person.create' AND object_id = $1`, [id]);
    expect(audit.summary).toMatchObject({ orgId: yusheId, partyGroupId: g1 });

    // the branch's member count (its own, and the tree's) counts the person once
    expect(await directMembers(yusheId)).toBe(direct + 1);
    expect(await treeCount(yushe, yusheId)).toBe(tree + 1);

    // the roster to tick, and the group's members
    const roster = (await yushe.get(`/api/orglife/units/${yusheId}/roster`)).json() as Roster;
    expect(roster.members.map((m) => m.id)).toContain(id);
    expect(roster.groups.find((g) => g.id === g1)!.memberIds).toContain(id);
    const groups = (await yushe.get(`/api/orglife/units/${yusheId}/party-groups`)).json() as PartyGroupList;
    expect(groups.groups.find((g) => g.id === g1)!.members.map((m) => m.id)).toContain(id);

    // the group's 党小组会 ticks the person; the meeting's attendance is what "who is behind" rates
    const boardBefore = (await yushe.get(`/api/orglife/board?orgId=${yusheId}`)).json() as BoardView;
    const members = roster.groups.find((g) => g.id === g1)!.memberIds;
    const ok = await yushe.post('/api/orglife/meetings', {
      orgId: yusheId, typeCode: 'group', partyGroupId: g1, heldOn: today, place: '党小组长家中', host: '党小组长', topic: '党小组学习',
      attendees: members.map((m) => ({ personId: m, present: m === id, ...(m === id ? {} : { absenceReason: '外出务工' }) })),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const m = ok.json() as MeetingDetail;
    expect(m).toMatchObject({ presentCount: 1, expectedCount: members.length });
    expect(m.attendees.find((a) => a.personId === id)).toMatchObject({ present: true });
    const boardAfter = (await yushe.get(`/api/orglife/board?orgId=${yusheId}`)).json() as BoardView;
    const sums = await one<{ present: number; expected: number }>(
      `SELECT sum(present_count)::int AS present, sum(expected_count)::int AS expected FROM meetings WHERE org_id = $1 AND held_on BETWEEN $2::date AND $3::date`,
      [yusheId, `${today.slice(0, 4)}-01-01`, today],
    );
    expect(boardAfter.total.attendanceRate).toBe(Math.round((sums.present / sums.expected) * 1000) / 1000);
    expect(boardAfter.total.held).toBe(boardBefore.total.held + 1);
    // attendance per member, from the records: the person listed once and present; the lowest rates first
    const mine = boardAfter.members.find((x) => x.person.id === id);
    expect(mine).toEqual({ person: { id, name: '组上登记' }, expected: 1, present: 1, attendanceRate: 1 });
    const perMember = await t.db.query<{ person_id: number; expected: number; present: number }>(
      `SELECT a.person_id, count(*)::int AS expected, count(*) FILTER (WHERE a.present)::int AS present FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
        WHERE m.org_id = $1 AND m.held_on BETWEEN $2::date AND $3::date GROUP BY a.person_id`, [yusheId, `${today.slice(0, 4)}-01-01`, today]);
    expect(boardAfter.members).toHaveLength(perMember.length);
    for (const r of perMember) expect(boardAfter.members.find((x) => x.person.id === Number(r.person_id))).toMatchObject({ expected: r.expected, present: r.present });
    const rates = boardAfter.members.map((x) => x.attendanceRate!);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(rates[0]).toBeLessThan(1);
    // above a unit the board rolls up branches, not people
    const station = await orgId(t.db, '榆舍党建工作站');
    expect(((await yushe.get(`/api/orglife/board?orgId=${station}`)).statusCode)).toBe(404);
    expect(((await (await t.as('yushe.station')).get(`/api/orglife/board?orgId=${station}`)).json() as BoardView).members).toEqual([]);
  });

  it('moving a person to a group’s node puts them in that group; naming another group too is refused in Chinese, nothing written', async () => {
    const [p] = await t.db.query<{ id: number; version: number }>(`SELECT id, version FROM persons WHERE org_id = $1 AND party_group_id = $2 AND status = 'active' AND member_status IS NOT NULL ORDER BY id LIMIT 1`, [yusheId, g2]);
    const moved = await yushe.request('PATCH', `/api/people/${p!.id}`, { version: p!.version, orgId: g1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await one(`SELECT org_id, party_group_id FROM persons WHERE id = $1`, [p!.id])).toEqual({ org_id: yusheId, party_group_id: g1 });

    const count = async () => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM persons`)).n;
    const before = await count();
    const bad = await yushe.post('/api/people', { name: '两个小组', gender: 'male', orgId: g1, partyGroupId: g2, memberStatus: 'formal', joinDate: '2015-07-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('不能再选另一个党小组');
    expect(await count()).toBe(before);
  });

  it('migration 440 moves the people stored at a group before: into the branch and the group (a dissolved group’s into no group)', async () => {
    const [closed] = await t.db.query<{ id: number }>(
      `INSERT INTO orgs (parent_id, county_id, type, name, path, depth, status)
       SELECT id, county_id, 'party_group', '旧党小组', path || 'old/', depth + 1, 'closed' FROM orgs WHERE id = $1 RETURNING id`, [yusheId]);
    await t.db.query(`UPDATE orgs SET path = (SELECT path FROM orgs WHERE id = $2) || id || '/' WHERE id = $1`, [closed!.id, yusheId]);
    // stored as the form and the import did before: at the group's node
    const legacy = await t.db.query<{ id: number }>(
      `INSERT INTO persons (county_id, org_id, org_path, name, gender, member_status, join_date)
       SELECT g.county_id, g.id, g.path, x.name, 'male', 'formal', '2012-07-01' FROM orgs g
         JOIN (VALUES ($1::bigint, '旧登记甲'), ($2::bigint, '旧登记乙')) AS x(org, name) ON x.org = g.id
       RETURNING id`, [g2, closed!.id]);
    const direct = await directMembers(yusheId);
    const inGroupBefore = ((await yushe.get(`/api/orglife/units/${yusheId}/party-groups`)).json() as PartyGroupList).groups.find((g) => g.id === g2)!.members.length;

    await t.db.query(`DELETE FROM schema_migrations WHERE name = '440_people_at_party_groups.sql'`);
    expect(await migrate(t.db)).toEqual(['440_people_at_party_groups.sql']);

    const rows = await t.db.query<{ name: string; org_id: number; org_path: string; party_group_id: number | null }>(
      `SELECT name, org_id, org_path, party_group_id FROM persons WHERE id = ANY($1::bigint[]) ORDER BY name`, [legacy.map((r) => r.id)]);
    const path = (await one<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [yusheId])).path;
    expect(rows).toEqual([
      { name: '旧登记乙', org_id: yusheId, org_path: path, party_group_id: null },
      { name: '旧登记甲', org_id: yusheId, org_path: path, party_group_id: g2 },
    ]);
    expect(await directMembers(yusheId)).toBe(direct + 2);
    const after = ((await yushe.get(`/api/orglife/units/${yusheId}/party-groups`)).json() as PartyGroupList);
    expect(after.groups.find((g) => g.id === g2)!.members.length).toBe(inGroupBefore + 1);
    expect(after.ungrouped.map((m) => m.name)).toContain('旧登记乙');
    // the running counts still agree with counting the rows
    const drift = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT org_id, count(*) FILTER (WHERE member_status IS NOT NULL)::int AS m FROM persons WHERE status = 'active' GROUP BY org_id) p
        FULL JOIN org_person_counts c USING (org_id) WHERE coalesce(p.m, 0) <> coalesce(c.members, 0)`);
    expect(drift.n).toBe(0);
  });
});
