// Demo 经费、报酬与阵地 for 宜君县, through the same services a user's clicks use: the year's fund
// standards (seeds 002 and 003) applied to every unit, one allocation adjusted with a reason, some
// spending (榆舍村 among the spenders, one voucher); two retired village secretaries for the
// former-cadre allowance; an award; checklists of stations (六个到位), townships (六有, graded) and
// villages (十有) with some items missing (榆舍村 lacks two); venues with their condition, and
// 榆舍村群众之家's 24-hour duty roster from yesterday for a month, so someone is on duty now.
// Allowances need no data: they are computed from the demo's posts.
import { CHECKLIST_KINDS, DEFAULT_CHECKLISTS, type ChecklistKind, type FacilityGrade } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createPeopleService } from '../modules/people/people.service.js';
import { createFacilitiesService, createFundsService } from '../modules/funds/index.js';
import { DEFAULT_FUND_STANDARDS } from '../modules/funds/funds.logic.js';
import { demoActor } from './demo-actor.js';

/** A stable pseudo-random number in [0, n) from an id and a salt. */
const pick = (id: number, salt: number, n: number) => ((id * 2654435761 + salt * 40503) >>> 0) % n;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PURPOSES = {
  office: ['购买办公用品', '支付办公电话和宽带费', '打印复印费用', '村委会办公室取暖费'],
  party_building: ['主题党日活动资料', '党员学习教育书籍', '“七一”慰问老党员', '党员活动室标识标牌更新'],
  service: ['便民服务站设备维护', '为老年人代办服务车辆费用'],
} as const;

export type DemoFunds = { allocations: number; spendings: number; checklists: number; venues: number; shifts: number };

export async function loadDemoFunds(db: Db, pii: PiiCipher): Promise<DemoFunds> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const people = createPeopleService({ db, pii });
  const funds = createFundsService({ db, people, today: () => today });
  const facilities = createFacilitiesService({ db, people, today: () => today });
  const county = await demoActor(db, 'county');
  const wuli = await demoActor(db, 'wuli');
  const yushe = await demoActor(db, 'yushe');

  // ---- standards (the seeds' table, saved as the county's own) and allocations
  await funds.saveStandards(county, { year, rows: DEFAULT_FUND_STANDARDS });
  const applied = await funds.applyStandards(county, year);
  const list = (await funds.allocations(county, { year, pageSize: 200 })).items;
  const yusheId = yushe.scope.orgId;
  // 榆舍村's Party-building funds raised for its 群众之家 (the county's decision, with its reason)
  const yusheParty = list.find((a) => a.org.id === yusheId && a.line === 'party_building');
  if (yusheParty) await funds.adjustAllocation(county, yusheParty.id, { version: yusheParty.version, amountFen: 1_000_000, reason: '群众之家24小时值班补助，县委组织部追加' });

  // ---- spending: 榆舍村 and every tenth unit, dated this year before today
  let spendings = 0;
  const month = Number(today.slice(5, 7));
  for (const a of list.filter((x) => x.org.id === yusheId || pick(x.org.id, 1, 10) === 0)) {
    const purposes = PURPOSES[a.line];
    const count = a.org.id === yusheId ? 3 : 1;
    for (let k = 0; k < count; k++) {
      const m = 1 + pick(a.org.id, k + 7, month);
      const d = `${year}-${String(m).padStart(2, '0')}-${String(1 + pick(a.org.id, k + 3, 27)).padStart(2, '0')}`;
      const spentOn = d > today ? today : d;
      const amountFen = 100 * (300 + pick(a.org.id, k + 11, 2_700));
      // 榆舍村 records its own (its account); the others as the county's finance office would
      const spending = await funds.recordSpending(a.org.id === yusheId ? yushe : county, a.id, { spentOn, amountFen, purpose: purposes[pick(a.org.id, k, purposes.length)]! });
      spendings++;
      if (a.org.id === yusheId && k === 0) await funds.attachVoucher(yushe, spending.id, { fileName: '发票.png', mimeType: 'image/png', content: PNG });
    }
  }

  // ---- two retired secretaries (离任村干部生活补贴) and an award
  const retired = [
    { village: '榆舍村', name: '王守业', from: '1998-03-01', to: '2016-12-31' },
    { village: '五里村', name: '刘长青', from: '2008-01-01', to: '2013-12-31' },
  ];
  for (const r of retired) {
    const [org] = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = $1 AND type = 'village'`, [r.village]);
    if (!org) continue;
    const personId = await people.create(wuli, { name: r.name, gender: 'male', orgId: Number(org.id), memberStatus: 'formal', joinDate: '1985-07-01', birthDate: '1955-05-01' });
    await people.addPost(county, { personId, orgId: Number(org.id), role: 'committee_member', startDate: r.from, endDate: r.to });
  }
  await funds.createAward(county, { orgId: yusheId, year, title: '先进基层党组织', amountFen: 1_000_000, awardedOn: `${year}-07-01` <= today ? `${year}-07-01` : today });

  // ---- checklists: every station, township and village, some items missing. Written set-based (a
  // county's 150 checklists through the service one by one would hold up the first start); the
  // service's own path is what 榆舍村's photo below and every user's tick take.
  const templates = (await facilities.templates(county)).templates;
  let checklists = 0;
  const GRADES: FacilityGrade[] = ['model', 'improved', 'frugal'];
  for (const kind of CHECKLIST_KINDS as readonly ChecklistKind[]) {
    const items = templates.find((x) => x.kind === kind)?.items ?? DEFAULT_CHECKLISTS[kind];
    const units = await db.query<{ id: number; name: string; path: string }>(
      `SELECT id, name, path FROM orgs WHERE county_id = $1 AND status = 'active' AND type = ANY($2::text[]) ORDER BY path`,
      [county.scope.countyId, kind === 'station_six' ? ['station'] : kind === 'township_six' ? ['township'] : ['village', 'community']],
    );
    const rows = units.map((u) => {
      const id = Number(u.id);
      // 榆舍村 lacks its projector and display screen; a third of the others miss one or two items
      const missing = new Set<string>(
        u.name === '榆舍村' ? ['projector', 'screen']
        : pick(id, 5, 3) === 0 ? [items[pick(id, 6, items.length)]!.key, ...(pick(id, 8, 2) ? [items[pick(id, 9, items.length)]!.key] : [])]
        : [],
      );
      const investment = 100 * (kind === 'township_six' ? 150_000 + pick(id, 2, 200_000) : kind === 'station_six' ? 20_000 + pick(id, 2, 30_000) : 10_000 + pick(id, 2, 40_000));
      return { id, path: u.path, grade: kind === 'township_six' ? GRADES[pick(id, 4, 3)]! : null, investment, met: items.map((i) => !missing.has(i.key)) };
    });
    await db.transaction(async (tx) => {
      const made = await tx.query<{ id: number; org_id: number }>(
        `INSERT INTO facility_checklists (county_id, org_id, org_path, kind, grade, investment_fen, updated_at)
         SELECT $1, o, p, $2, g, f, now() - make_interval(days => (o % 60)::int) FROM unnest($3::bigint[], $4::text[], $5::text[], $6::bigint[]) AS x(o, p, g, f)
         RETURNING id, org_id`,
        [county.scope.countyId, kind, rows.map((r) => r.id), rows.map((r) => r.path), rows.map((r) => r.grade), rows.map((r) => r.investment)],
      );
      const idOf = new Map(made.map((m) => [Number(m.org_id), Number(m.id)]));
      const flat = rows.flatMap((r) => items.map((i, k) => ({ checklist: idOf.get(r.id)!, key: i.key, met: r.met[k]! })));
      await tx.query(
        `INSERT INTO facility_checklist_items (checklist_id, item_key, met) SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[])`,
        [flat.map((f) => f.checklist), flat.map((f) => f.key), flat.map((f) => f.met)],
      );
    });
    checklists += rows.length;
  }
  await facilities.attachPhoto(county, yusheId, 'village_ten', 'venue', { fileName: '活动场所.png', mimeType: 'image/png', content: PNG });

  // ---- venues and 榆舍村群众之家's roster (24-hour shifts, 8:00 to 8:00, from yesterday for a month)
  const home = await facilities.createVenue(yushe, { orgId: yusheId, kind: 'masses_home', name: '榆舍村群众之家', condition: 'good', open24h: true, servicePhone: '0919-3218001' });
  let venues = 1;
  const stations = await db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE county_id = $1 AND type = 'station' AND status = 'active' ORDER BY path LIMIT 6`, [county.scope.countyId]);
  for (const s of stations) {
    await facilities.createVenue(county, { orgId: Number(s.id), kind: 'service_station', name: `${s.name.replace('党建工作站', '')}便民服务站`, condition: pick(Number(s.id), 3, 4) === 0 ? 'needs_repair' : 'good', open24h: false, hours: '周一至周五 8:30—17:30' });
    venues++;
  }
  const townships = await db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE county_id = $1 AND type = 'township' AND status = 'active' ORDER BY path`, [county.scope.countyId]);
  for (const t of townships) {
    await facilities.createVenue(county, { orgId: Number(t.id), kind: 'service_center', name: `${t.name}党群服务中心`, condition: pick(Number(t.id), 5, 5) === 0 ? 'under_repair' : 'good', open24h: false, hours: '工作日 8:30—12:00，14:30—18:00', servicePhone: `0919-32${String(10000 + Number(t.id)).slice(-5)}` });
    venues++;
  }
  const crew = (await facilities.candidates(yushe, home.id)).people;
  // a month of 24-hour shifts, 8:00 to 8:00 from yesterday, the unit's post-holders in turn (set-based, as above)
  const days = Array.from({ length: 31 }, (_, k) => plusDays(today, k - 1));
  if (crew.length) {
    await db.query(
      `INSERT INTO duty_shifts (county_id, venue_id, org_path, person_id, role, starts_at, ends_at)
       SELECT $1, $2, o.path, p, r, (d || 'T08:00:00+08:00')::timestamptz, (d || 'T08:00:00+08:00')::timestamptz + interval '1 day'
         FROM unnest($3::bigint[], $4::text[], $5::text[]) AS x(p, r, d) JOIN orgs o ON o.id = $6`,
      [county.scope.countyId, home.id, days.map((_, k) => crew[k % crew.length]!.personId), days.map((_, k) => crew[k % crew.length]!.role), days, yusheId],
    );
  }
  const shifts = crew.length ? days.length : 0;
  return { allocations: applied.created, spendings, checklists, venues, shifts };
}
