// Demo 组织生活 for 宜君县: a year of meetings of every village and community branch up to today
// (each party group its own 党小组会, one of them with its photo), with realistic gaps (a few
// branches behind, this month's 主题党日 not yet held by most), and
// 主题党日 filings at each step (one returned with the committee's comment). The year's past
// meetings are written set-based here — through the service they would be refused as back-dated,
// which is the point of the rule; the filings go through the service as a user's clicks do.
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createOrglifeService } from '../modules/orglife/orglife.service.js';
import { boardPhoto } from './board-photo.js';

const REASONS = ['外出务工', '生病住院', '在外地照顾家人', '参加县里培训'];

export async function loadDemoOrglife(db: Db, countyId: number): Promise<{ meetings: number; filings: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const [inserted] = await db.query<{ n: number }>(
    `WITH units AS (
       SELECT o.id, o.path, o.county_id, o.name, row_number() OVER (ORDER BY o.path) AS rn
         FROM orgs o WHERE o.county_id = $1 AND o.type IN ('village', 'community') AND o.status = 'active'),
     rules(code, per_year, topic, place) AS (VALUES
       ('member_congress', 4, '学习传达上级会议精神，讨论村级重要事项', '村党群服务中心'),
       ('committee', 12, '研究本月重点工作', '村委会办公室'),
       ('group', 12, '党小组学习，交流思想', '党小组长家中'),
       ('party_lecture', 4, '党课：坚定理想信念，践行为民宗旨', '村党群服务中心'),
       ('life_meeting', 1, '年度组织生活会，开展批评与自我批评', '村党群服务中心'),
       ('theme_day', 12, '主题党日：访民情、议发展、干实事', '村党群服务中心')),
     -- 党小组会 are held by each party group of the branch (a branch without groups holds them itself)
     plan AS (
       SELECT u.*, r.code, r.topic, r.place, k, ((k - 1) * 12 / r.per_year + 1)::int AS month, g.gid, g.gseq
         FROM units u CROSS JOIN rules r
         LEFT JOIN LATERAL (SELECT o.id AS gid, row_number() OVER (ORDER BY o.sort, o.id) AS gseq FROM orgs o
                             WHERE o.parent_id = u.id AND o.type = 'party_group' AND o.status = 'active') g ON r.code = 'group'
         CROSS JOIN LATERAL generate_series(1, r.per_year) AS k),
     dated AS (
       SELECT p.*, make_date($2::int, p.month, 1 + ((p.id * 7 + p.k * 13 + length(p.code)) % 25)::int + (coalesce(p.gseq, 0) % 3)::int) AS d FROM plan p),
     kept AS (
       SELECT d.*, least(d.d, $3::date) AS held_on FROM dated d
        WHERE make_date($2::int, d.month, 1) <= $3::date
          -- this month's 主题党日: most branches have not held it yet (榆舍村 among them)
          AND NOT (d.code = 'theme_day' AND d.month = extract(month FROM $3::date) AND (d.rn % 3 <> 0 OR d.name = '榆舍村'))
          -- a few branches are behind: every seventh's second party group skips a 党小组会 a quarter, every eleventh half its meetings
          AND NOT (d.name <> '榆舍村' AND d.rn % 7 = 3 AND d.code = 'group' AND coalesce(d.gseq, 2) = 2 AND d.month % 3 = 0)
          AND NOT (d.name <> '榆舍村' AND d.rn % 11 = 5 AND d.k % 2 = 0)),
     ins AS (
     INSERT INTO meetings (county_id, org_id, org_path, type_code, held_on, place, host, by_secretary, topic, minutes, decisions, activity_kind, created_at, party_group_id)
     SELECT county_id, id, path, code, held_on, place, CASE WHEN code = 'group' THEN '党小组长' ELSE '支部书记' END,
            code = 'party_lecture' AND k = 1, topic,
            '会议由' || CASE WHEN code = 'group' THEN '党小组长' ELSE '支部书记' END || '主持，传达学习上级精神，结合本村实际进行了讨论。',
            CASE WHEN code IN ('committee', 'member_congress') THEN '按会议议定事项分工落实，下次会议通报进展。' END,
            CASE WHEN code = 'theme_day' THEN (ARRAY['study', 'visit_people', 'discuss_development', 'do_deeds'])[1 + (month % 4)] END,
            held_on::timestamp + interval '18 hours', gid
       FROM kept
     RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [countyId, year, today],
  );

  // attendance: the 支委 (first five members) at 支委会, a dozen at 党小组会, every member otherwise;
  // about one in ten absent, each with a reason
  await db.query(
    `INSERT INTO meeting_attendees (meeting_id, county_id, person_id, present, absence_reason)
     SELECT m.id, m.county_id, p.id, (m.id + p.id) % 10 <> 0,
            CASE WHEN (m.id + p.id) % 10 = 0 THEN ($2::text[])[1 + ((m.id + p.id) / 10 % 4)::int] END
       FROM meetings m
       CROSS JOIN LATERAL (
         SELECT p.id, row_number() OVER (ORDER BY p.id) AS n FROM persons p
          WHERE p.org_id = m.org_id AND p.member_status IS NOT NULL AND p.status = 'active'
            AND (m.party_group_id IS NULL OR p.party_group_id = m.party_group_id)) p
      WHERE m.county_id = $1 AND m.filing_case_id IS NULL
        -- a group's 党小组会: its own members; a branch without groups: a dozen
        AND (m.type_code NOT IN ('committee', 'group') OR (m.type_code = 'committee' AND p.n <= 5) OR (m.type_code = 'group' AND (m.party_group_id IS NOT NULL OR p.n <= 12)))`,
    [countyId, REASONS],
  );
  await db.query(
    `UPDATE meetings m SET expected_count = a.e, present_count = a.p
       FROM (SELECT meeting_id, count(*)::int AS e, count(*) FILTER (WHERE present)::int AS p FROM meeting_attendees GROUP BY meeting_id) a
      WHERE a.meeting_id = m.id AND m.county_id = $1`,
    [countyId],
  );

  // 主题党日 备案: filed, returned with a comment, approved — by the branches, guided by 五里镇
  const orglife = createOrglifeService({ db, roster: async () => [] });
  const [wuli] = await db.query<{ id: number; roles: Actor['roles']; scope_org_id: number; path: string }>(
    `SELECT a.id, a.roles, a.scope_org_id, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = 'wuli'`,
  );
  const township: Actor = { accountId: wuli!.id, username: 'wuli', roles: wuli!.roles, scope: { orgId: wuli!.scope_org_id, path: wuli!.path, countyId }, ip: 'demo' };
  const branch = async (name: string): Promise<Actor & { orgId: number }> => {
    const [o] = await db.query<{ id: number; path: string }>(`SELECT o.id, o.path FROM orgs o JOIN orgs t ON o.path LIKE t.path || '%' WHERE o.name = $1 AND t.name = '五里镇'`, [name]);
    return { accountId: 0, username: `${name}（演示）`, roles: ['village_admin'], scope: { orgId: o!.id, path: o!.path, countyId }, ip: 'demo', orgId: o!.id };
  };
  const plans: { village: string; kind: 'study' | 'visit_people' | 'discuss_development' | 'do_deeds'; days: number; plan: string; then?: 'return' | 'approve' }[] = [
    { village: '尧头村', kind: 'visit_people', days: 5, plan: '分组走访独居老人和脱贫监测户，收集意见建议' },
    { village: '武家村', kind: 'study', days: 6, plan: '集中学习党章第一章', then: 'return' },
    { village: '沙坪村', kind: 'do_deeds', days: 4, plan: '组织党员清理村内主干道积雪，帮助困难户储备过冬燃料', then: 'approve' },
  ];
  for (const p of plans) {
    const actor = await branch(p.village);
    const id = await orglife.fileThemeDay(actor, { orgId: actor.orgId, plannedOn: plusDays(today, p.days), activityKind: p.kind, place: `${p.village}党群服务中心`, plan: p.plan });
    if (p.then === 'return') await orglife.fireFiling(township, id, 'return', { version: 1, body: '只安排学习过于单一，请增加访民情或干实事的内容' });
    if (p.then === 'approve') await orglife.fireFiling(township, id, 'approve', { version: 1 });
  }

  // 列席: the station chief sat in on 榆舍村's latest 党员大会 and gave an opinion
  await db.query(
    `INSERT INTO meeting_sitins (meeting_id, county_id, org_id, attendee, opinion, created_at)
     SELECT m.id, m.county_id, s.id, '榆舍党建工作站站长', '议定事项须经村民代表会表决后公示，工作站跟踪落实。', m.held_on::timestamp + interval '20 hours'
       FROM meetings m JOIN orgs v ON v.id = m.org_id JOIN orgs s ON s.id = v.parent_id
      WHERE v.name = '榆舍村' AND m.type_code = 'member_congress'
      ORDER BY m.held_on DESC LIMIT 1`,
  );
  // 工作会商: the station consulted on a major matter; it waits for 五里镇's agreement
  const [st] = await db.query<{ id: number; roles: Actor['roles']; scope_org_id: number; path: string }>(
    `SELECT a.id, a.roles, a.scope_org_id, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = 'yushe.station'`,
  );
  const station: Actor = { accountId: st!.id, username: 'yushe.station', roles: st!.roles, scope: { orgId: st!.scope_org_id, path: st!.path, countyId }, ip: 'demo' };
  await orglife.openConsultation(station, {
    orgId: st!.scope_org_id, heldOn: today, topic: '榆舍村光伏扶贫项目选址及收益分配', participants: '站长、副站长、专职党务工作者、榆舍村党支部书记',
    decision: '选址村北荒坡，收益按村集体经济 60%、公益岗位 40% 分配，报镇党委审定后实施',
  });
  // 会议照片: the photo taken at 榆舍村's latest 党小组会, kept with its record
  await db.query(
    `INSERT INTO meeting_files (meeting_id, county_id, file_name, mime_type, size, content, created_at)
     SELECT m.id, m.county_id, '党小组会现场.png', 'image/png', length($1::bytea), $1::bytea, m.held_on::timestamp + interval '19 hours'
       FROM meetings m JOIN orgs v ON v.id = m.org_id
      WHERE v.name = '榆舍村' AND v.county_id = $2 AND m.type_code = 'group' AND m.party_group_id IS NOT NULL
      ORDER BY m.held_on DESC, m.id DESC LIMIT 1`,
    [boardPhoto(), countyId],
  );
  return { meetings: inserted!.n, filings: plans.length };
}
