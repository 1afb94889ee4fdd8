// Demo 三务公开, 村级财务审计 and registers for 宜君县: last month's 党务/村务/财务 disclosures of every
// village and community, published before the 25th (one late), except two units that are overdue;
// this month 榆舍村 has published 党务 and 财务 (its 村务 is left for the browser journey to publish
// from a phone) and a few villages have begun; 榆舍村's last-month 财务公开 was corrected by a second revision; 五里镇 audited three villages'
// finances and one finding became a ledger problem; 榆舍村 keeps its 党费收缴账 by hand. Last month's
// disclosures are written set-based with their real publication dates (through the service they
// would carry today's date); everything of this month goes through the service as a user's clicks do.
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createRegisterSources } from '../core/register-sources.js';
import { createLedgerService } from '../modules/ledger/index.js';
import { createOpennessService } from '../modules/openness/index.js';
import { boardPhoto } from './board-photo.js';
import { demoActor } from './demo-actor.js';

export { boardPhoto };

/** The two units that have not published last month's disclosures (overdue). */
export const DEMO_OVERDUE = ['西坡村', '胡家河村'];

const ITEMS: Record<'party' | 'village' | 'finance', { title: string; content: string; amount?: number }[]> = {
  party: [
    { title: '党员发展情况', content: '确定入党积极分子 1 名，预备党员按期转正 1 名。' },
    { title: '党费收缴情况', content: '本月应交党员全部按时足额交纳党费。' },
    { title: '“三会一课”开展情况', content: '召开支委会 1 次、党小组会 2 次，开展主题党日活动 1 次。' },
  ],
  village: [
    { title: '村级重大事项决策', content: '经“四议两公开”程序，决定硬化村组道路 1.2 公里。' },
    { title: '惠民政策落实', content: '发放高龄补贴 23 人，临时救助 2 户。' },
  ],
  finance: [
    { title: '村办公经费支出', content: '购置办公用品、缴纳水电费。', amount: 186050 },
    { title: '党建活动经费支出', content: '主题党日活动、党员教育培训。', amount: 80000 },
    { title: '村集体经济收入', content: '集体土地流转收入。', amount: 1250000 },
  ],
};

const monthBefore = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`;
};

export async function loadDemoOpenness(db: Db, countyId: number): Promise<{ disclosures: number; overdue: number; audits: number; problems: number }> {
  const today = todayInChina();
  const month = today.slice(0, 7);
  const last = monthBefore(month);
  const photo = boardPhoto();
  const openness = createOpennessService({ db, ledger: createLedgerService({ db }), sources: createRegisterSources() });

  // ---- last month, set-based: every unit but the two overdue ones, before the 25th (尧头村's 财务 late)
  const units = await db.query<{ id: number; path: string; name: string }>(
    `SELECT id, path, name FROM orgs WHERE county_id = $1 AND type IN ('village', 'community') AND status = 'active' ORDER BY path`,
    [countyId],
  );
  const rows: { orgId: number; path: string; kind: 'party' | 'village' | 'finance'; at: string }[] = [];
  units.forEach((u, n) => {
    if (DEMO_OVERDUE.includes(u.name)) return;
    for (const kind of ['party', 'village', 'finance'] as const) {
      const day = u.name === '尧头村' && kind === 'finance' ? 28 : 15 + ((n * 3 + kind.length) % 10);
      rows.push({ orgId: u.id, path: u.path, kind, at: `${last}-${String(day).padStart(2, '0')}T10:${String(n % 60).padStart(2, '0')}:00+08:00` });
    }
  });
  await db.transaction(async (tx) => {
    const ds = await tx.query<{ id: number; org_id: number; kind: string }>(
      `INSERT INTO disclosures (county_id, org_id, org_path, kind, period, created_at)
       SELECT $1, o, p, k, $5, a::timestamptz FROM unnest($2::bigint[], $3::text[], $4::text[], $6::text[]) AS x(o, p, k, a) RETURNING id, org_id, kind`,
      [countyId, rows.map((r) => r.orgId), rows.map((r) => r.path), rows.map((r) => r.kind), last, rows.map((r) => r.at)],
    );
    const at = new Map(rows.map((r) => [`${r.orgId}:${r.kind}`, r.at]));
    const files = await tx.query<{ id: number; disclosure_id: number }>(
      `INSERT INTO disclosure_files (disclosure_id, county_id, role, file_name, mime_type, size, content)
       SELECT d, $2, 'photo', '公开栏.png', 'image/png', $3, $4 FROM unnest($1::bigint[]) AS d RETURNING id, disclosure_id`,
      [ds.map((d) => d.id), countyId, photo.length, photo],
    );
    const photoOf = new Map(files.map((f) => [f.disclosure_id, f.id]));
    const revs = await tx.query<{ id: number; disclosure_id: number }>(
      `INSERT INTO disclosure_revisions (disclosure_id, county_id, revision, status, photo_file_id, published_at, created_at)
       SELECT d, $2, 1, 'published', f, a::timestamptz, a::timestamptz FROM unnest($1::bigint[], $3::bigint[], $4::text[]) AS x(d, f, a) RETURNING id, disclosure_id`,
      [ds.map((d) => d.id), countyId, ds.map((d) => photoOf.get(d.id)!), ds.map((d) => at.get(`${d.org_id}:${d.kind}`)!)],
    );
    const kindOf = new Map(ds.map((d) => [d.id, d.kind as keyof typeof ITEMS]));
    const items = revs.flatMap((r) => ITEMS[kindOf.get(r.disclosure_id)!].map((it, i) => ({ rev: r.id, seq: i + 1, ...it })));
    await tx.query(
      `INSERT INTO disclosure_items (revision_id, seq, title, content, amount_fen) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::bigint[])`,
      [items.map((i) => i.rev), items.map((i) => i.seq), items.map((i) => i.title), items.map((i) => i.content), items.map((i) => i.amount ?? null)],
    );
  });

  // ---- this month, through the service: 榆舍村 publishes 党务 and 财务 from the village's own account
  const yushe = await demoActor(db, 'yushe');
  const wuli = await demoActor(db, 'wuli');
  const orgOf = async (name: string) => (await db.query<{ id: number }>(`SELECT id FROM orgs WHERE county_id = $1 AND name = $2 ORDER BY id LIMIT 1`, [countyId, name]))[0]!.id;
  const yusheId = yushe.scope.orgId;
  const publish = async (actor: Actor, orgId: number, kind: 'party' | 'village' | 'finance', items: { title: string; content: string; amount?: string }[]) => {
    const id = await openness.compose(actor, { orgId, kind, period: month, items });
    const withPhoto = await openness.attach(actor, id, 'photo', { fileName: '公开栏.png', mimeType: 'image/png', content: photo });
    await openness.publish(actor, id, withPhoto.draft!.version);
    return id;
  };
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  await publish(yushe, yusheId, 'party', [
    { title: '党员发展情况', content: '确定入党积极分子 1 名（张晓雨），公示期 5 天，无异议。' },
    { title: '党费收缴情况', content: '本月 41 名党员全部按时足额交纳党费，共计 1,236.00 元。' },
    { title: '主题党日活动', content: '组织党员开展“访民情、议发展、干实事”主题党日活动，参加 36 人。' },
  ]);
  await publish(yushe, yusheId, 'finance', [
    { title: '村办公经费支出', content: '办公用品、水电费、网络费。', amount: yuan(186050) },
    { title: '党建活动经费支出', content: '主题党日活动、党员教育培训资料。', amount: yuan(80000) },
    { title: '村集体经济收入', content: '集体土地流转收入（第四季度）。', amount: yuan(1250000) },
  ]);
  // a few villages have begun: two published 党务, one has a draft
  const system: Actor = { ...wuli, username: 'system', accountId: 0, ip: 'demo' };
  for (const name of ['尧头村', '武家村']) await publish(system, await orgOf(name), 'party', ITEMS.party.map(({ title, content }) => ({ title, content })));
  await openness.compose(system, { orgId: await orgOf('沙坪村'), kind: 'village', period: month, items: ITEMS.village.map(({ title, content }) => ({ title, content })) });

  // 榆舍村 corrects last month's 财务公开 (a second revision; the first stays on record)
  const [lastFinance] = await db.query<{ id: number }>(`SELECT id FROM disclosures WHERE org_id = $1 AND kind = 'finance' AND period = $2`, [yusheId, last]);
  const corrected = await openness.correct(yushe, lastFinance!.id, { reason: '村办公经费金额录入有误，由 1,860.50 元更正为 1,806.50 元' });
  const saved = await openness.saveDraft(yushe, lastFinance!.id, {
    version: corrected.draft!.version,
    items: ITEMS.finance.map((i) => ({ title: i.title, content: i.content, amount: yuan(i.title === '村办公经费支出' ? 180650 : i.amount!) })),
  });
  await openness.publish(yushe, lastFinance!.id, saved.draft!.version);

  // ---- 村级财务审计 by 五里镇 of last year; one finding becomes a problem of 榆舍村
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const audited = plusDays(today, -12);
  const a1 = await openness.createAudit(wuli, {
    orgId: yusheId, period: lastYear, auditedOn: audited, auditor: '五里镇经管站 王会计、李审计',
    conclusion: '账目基本清楚，收支基本规范；个别支出审批手续不全，集体资产台账更新不及时。',
    findings: [{ description: '2 笔招待费支出缺少村务监督委员会审核签字', amount: '1360' }, { description: '集体资产台账未登记新建的村级活动室' }],
  });
  await openness.createAudit(wuli, { orgId: await orgOf('五里村'), period: lastYear, auditedOn: audited, auditor: '五里镇经管站 王会计', conclusion: '账目清楚，收支规范，未发现问题。', findings: [] });
  await openness.createAudit(wuli, {
    orgId: await orgOf('尧头村'), period: lastYear, auditedOn: plusDays(today, -9), auditor: '五里镇经管站 李审计',
    conclusion: '收支基本规范，存在白条入账。', findings: [{ description: '3 张白条入账，涉及金额 2,400 元', amount: '2400' }],
  });
  const audit = await openness.audit(wuli, a1);
  await openness.findingToProblem(wuli, a1, audit.findings[0]!.id, { category: '党风廉政建设', deadline: plusDays(today, 30), measures: '补齐审批手续，村务监督委员会逐笔审核签字' });

  // ---- 党费收缴账, kept by hand in 榆舍村
  for (const [name, amount, keeper] of [['张建军', '30.00', '李会计'], ['王秀兰', '12.00', '李会计'], ['刘志强', '45.00', '李会计']] as const) {
    await openness.addRegisterRow(yushe, 'dues', { orgId: yusheId, entryDate: today, cells: { c1: name, c2: month, c3: amount, c4: keeper } });
  }
  return { disclosures: rows.length + 6, overdue: DEMO_OVERDUE.length, audits: 3, problems: 1 };
}
