// Demo 评议与调研 for 宜君县:
//  - last year's 民主评议党员 for every member of every branch (about 15 % 优秀, a few 基本合格 and
//    不合格, each followed up — most concluded), written set-based as a finished year's records;
//  - this year's grades of 五里镇's branches entered through the service, 榆舍村 still to do;
//  - a 三述职两评议一落实 session of 五里镇 with the secretaries of its villages and the ballots
//    of its participants, through the service;
//  - every station's research rounds this year through the service: most have reported 2 and 五里
//    镇 appraised some; 榆舍党建工作站 and a few others are short (their home pages say so).
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import { todayInChina } from '../core/calendar.js';
import { createAppraisalService } from '../modules/orglife/index.js';
import type { PostRole } from '@lianxin/contract';

type DemoActor = Actor & { orgId: number };

export async function loadDemoAppraisal(db: Db, countyId: number): Promise<{ lastYear: number; thisYear: number; ballots: number; rounds: number; shortStations: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));

  // last year, a finished year: every active member of every branch graded; follow-ups recorded
  const [last] = await db.query<{ n: number }>(
    `WITH m AS (
       SELECT p.id AS person_id, o.id AS org_id, o.path, o.county_id, (p.id * 37) % 100 AS r
         FROM persons p JOIN orgs o ON o.id = p.org_id
        WHERE o.county_id = $1 AND o.type IN ('village', 'community') AND o.status = 'active' AND p.status = 'active' AND p.member_status IS NOT NULL),
     ins AS (
       INSERT INTO member_appraisals (county_id, org_id, org_path, person_id, year, grade, comment,
                                      followup_kind, followup_from, followup_due, followup_outcome, followup_done_on, created_at, updated_at)
       SELECT county_id, org_id, path, person_id, $2::int - 1,
              CASE WHEN r < 15 THEN 'excellent' WHEN r < 95 THEN 'qualified' WHEN r < 99 THEN 'basically_qualified' ELSE 'unqualified' END,
              CASE WHEN r >= 95 AND r < 99 THEN '参加组织生活不够经常' WHEN r >= 99 THEN '长期不参加组织生活，经教育仍不改正' END,
              CASE WHEN r >= 95 AND r < 99 THEN 'mentoring' WHEN r >= 99 THEN 'correct_by_deadline' END,
              CASE WHEN r >= 95 THEN make_date($2::int, 1, 15) END,
              CASE WHEN r >= 95 THEN make_date($2::int, 6, 30) END,
              CASE WHEN r >= 95 AND person_id % 3 <> 0 THEN '经支部帮教，能按时参加组织生活、交纳党费' END,
              CASE WHEN r >= 95 AND person_id % 3 <> 0 THEN make_date($2::int, 6, 20) END,
              make_date($2::int - 1, 12, 28)::timestamp, make_date($2::int - 1, 12, 28)::timestamp
         FROM m
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [countyId, year],
  );

  const roster = async (_actor: Actor, orgId: number) =>
    (await db.query<{ id: number; name: string }>(
      `SELECT p.id, p.name FROM persons p JOIN orgs o ON o.id = $1 WHERE p.org_path LIKE o.path || '%' AND p.status = 'active' AND p.member_status IS NOT NULL ORDER BY p.name, p.id`,
      [orgId],
    )).map((r) => ({ id: Number(r.id), name: r.name }));
  const posts = async (_actor: Actor, orgId: number) =>
    (await db.query<{ id: number; person_id: number; name: string; role: PostRole; org_id: number; org_name: string; org_type: string }>(
      `SELECT po.id, po.person_id, p.name, po.role, u.id AS org_id, u.name AS org_name, u.type AS org_type
         FROM posts po JOIN persons p ON p.id = po.person_id JOIN orgs u ON u.id = po.org_id JOIN orgs o ON o.id = $1
        WHERE po.org_path LIKE o.path || '%' AND po.start_date <= current_date AND (po.end_date IS NULL OR po.end_date >= current_date) ORDER BY u.path, po.id`,
      [orgId],
    )).map((r) => ({ postId: Number(r.id), personId: Number(r.person_id), name: r.name, role: r.role, org: { id: Number(r.org_id), name: r.org_name, type: r.org_type } }));
  const svc = createAppraisalService({ db, roster, posts });
  const actorAt = async (orgId: number, role: Actor['roles'][number], username: string): Promise<DemoActor> => {
    const [o] = await db.query<{ path: string }>(`SELECT path FROM orgs WHERE id = $1`, [orgId]);
    return { accountId: 0, username, roles: [role], scope: { orgId, path: o!.path, countyId }, ip: 'demo', orgId };
  };

  // this year: 五里镇's branches have graded their members, all but 榆舍村 (its secretary does it on a phone)
  const [wuli] = await db.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE county_id = $1 AND name = '五里镇'`, [countyId]);
  const branches = await db.query<{ id: number; name: string }>(
    `SELECT id, name FROM orgs WHERE path LIKE $1 || '%' AND type IN ('village', 'community') AND status = 'active' AND name <> '榆舍村' ORDER BY path`,
    [wuli!.path],
  );
  let thisYear = 0;
  for (const b of branches) {
    const members = await roster(null as never, b.id);
    if (members.length === 0) continue;
    const actor = await actorAt(b.id, 'village_admin', `${b.name}（演示）`);
    const grades = members.map((m, i) => ({
      personId: m.id,
      grade: (i % 8 === 0 ? 'excellent' : i % 23 === 7 ? 'basically_qualified' : 'qualified') as 'excellent' | 'qualified' | 'basically_qualified',
      comment: i % 23 === 7 ? '学习不够主动，参加活动较少' : undefined,
    }));
    thisYear += (await svc.gradeMembers(actor, { orgId: b.id, year, grades })).length;
  }

  // 三述职两评议一落实 at 五里镇: the secretaries of its villages report, eight participants rate them
  const township = await actorAt(wuli!.id, 'township_admin', 'wuli');
  const secretaries = (await svc.reporterCandidates(township, wuli!.id)).secretaries.filter((s) => s.role === 'secretary').slice(0, 6);
  let ballots = 0;
  if (secretaries.length) {
    const sessionId = await svc.openSession(township, {
      orgId: wuli!.id, kind: 'three_reports', heldOn: today, year, place: '五里镇党委会议室',
      reports: secretaries.map((s) => ({ postId: s.postId, summary: `${s.org.name}党支部书记述职：抓党建、促发展、办实事情况，存在问题和下一步打算` })),
    });
    const session = await svc.session(township, sessionId);
    const raters = ['镇党委书记', '镇长', '组织委员', '纪委书记', '包村干部', '党员代表甲', '党员代表乙', '群众代表'];
    const scale = ['good', 'fairly_good', 'fair', 'poor'] as const;
    for (const [i, rater] of raters.entries()) {
      await svc.castBallot(township, sessionId, { rater, ratings: session.reports.map((r, k) => ({ reportId: r.id, rating: scale[Math.min(3, ((i + k * 3) % 7) >> 1)]! })) });
      ballots++;
    }
  }

  // 调查研究: every station's rounds this year
  const stations = await db.query<{ id: number; name: string; township_id: number }>(
    `SELECT s.id, s.name, s.parent_id AS township_id FROM orgs s WHERE s.county_id = $1 AND s.type = 'station' AND s.status = 'active' ORDER BY s.path`,
    [countyId],
  );
  const TOPICS = ['村集体经济发展情况', '农村党员发挥作用情况', '群众急难愁盼问题', '脱贫人口稳定增收情况'];
  let rounds = 0;
  let shortStations = 0;
  for (const [n, s] of stations.entries()) {
    const villages = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE parent_id = $1 AND type IN ('village', 'community') AND status = 'active' ORDER BY id LIMIT 3`, [s.id]);
    if (villages.length === 0) continue;
    const station = await actorAt(s.id, 'station_admin', `${s.name}（演示）`);
    const town = await actorAt(s.township_id, 'township_admin', '乡镇（演示）');
    const yushe = s.name === '榆舍党建工作站';
    // 榆舍 and every fifth station: one round reported, one planned — short late in the year
    const done = yushe || n % 5 === 2 ? 1 : 2;
    if (done < 2) shortStations++;
    for (let k = 0; k < 2; k++) {
      const month = k === 0 ? 4 : 9;
      const start = [`${year}-${String(month).padStart(2, '0')}-1${k}`, today].sort()[0]!;
      const planned = k < done ? start : today;
      const id = await svc.planResearch(station, { orgId: s.id, topic: TOPICS[(n + k) % TOPICS.length]!, villageIds: villages.map((v) => Number(v.id)), startsOn: planned, endsOn: planned });
      rounds++;
      if (k >= done) continue;
      let v = (await svc.research(station, id)).version;
      v = (await svc.fireResearch(station, id, 'report', { version: v, report: `${s.name}${TOPICS[(n + k) % TOPICS.length]}调研报告：走访 ${villages.length} 个村、${12 + n} 户，梳理问题 ${3 + (n % 4)} 条，提出建议 ${2 + (n % 3)} 条。` })).version;
      if (k === 0) await svc.fireResearch(town, id, 'appraise', { version: v, grade: n % 4 === 0 ? 'excellent' : 'good', body: '调研深入，问题找得准，建议可操作' });
    }
  }
  return { lastYear: last!.n, thisYear, ballots, rounds, shortStations };
}
