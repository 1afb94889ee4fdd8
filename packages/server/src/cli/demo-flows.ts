// Demo 小微权力 for 宜君县: the county adopts 四议两公开 and three more sample flows (land contracting,
// large spending, village projects) and the sample duty lists (13 posts, 67 items); 榆舍村 and 五里村
// keep their own copies. Matters run through the same services a user's clicks use, on the days
// they happened (the services are handed a clock that walks forward): a finished 四议两公开 matter
// of 榆舍村 with its results published, one mid-way whose 党员大会审议 is four days late (失职预警 to
// 五里镇 and the county), a land contract of 五里村 on time, and a large expense of another
// township's village waiting for its township's approval. Each step's meeting is recorded in
// organizational life first, and each required document is attached.
import { FLOW_SAMPLES, SAMPLE_DUTIES, type MatterDetail, type Role } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import { plusDays, todayInChina } from '../core/calendar.js';
import { createCaseEngine } from '../core/cases/case-engine.js';
import { createOrglifeService } from '../modules/orglife/orglife.service.js';
import { createFlowsService } from '../modules/flows/flows.service.js';
import { flowMatterCaseType } from '../modules/flows/flow-matter.case.js';

async function accountActor(db: Db, username: string): Promise<Actor> {
  const [row] = await db.query<{ id: number; roles: Role[]; scope_org_id: number; path: string; county_id: number }>(
    `SELECT a.id, a.roles, a.scope_org_id, o.path, o.county_id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`,
    [username],
  );
  if (!row) throw new Error(`demo account ${username} missing`);
  return { accountId: row.id, username, roles: row.roles, scope: { orgId: row.scope_org_id, path: row.path, countyId: row.county_id }, ip: 'demo' };
}

/** The unit's own office acting without a demo account of its own (the village branch's clerk). */
async function unitActor(db: Db, name: string, role: Role): Promise<Actor & { orgId: number }> {
  const [row] = await db.query<{ id: number; path: string; county_id: number }>(`SELECT id, path, county_id FROM orgs WHERE name = $1 AND status = 'active' ORDER BY id LIMIT 1`, [name]);
  if (!row) throw new Error(`demo org ${name} missing`);
  return { accountId: 0, username: `${name}（演示）`, roles: [role], scope: { orgId: row.id, path: row.path, countyId: row.county_id }, ip: 'demo', orgId: row.id };
}

/** A one-page PDF standing for a scanned document (its title carries the document's name). */
function pdf(title: string): Buffer {
  const hex = Buffer.from(`\ufeff${title}`, 'utf16le').swap16().toString('hex');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Title <${hex}> /Producer (Lianxin demo) >>`,
  ];
  const stream = 'BT /F1 18 Tf 72 760 Td (Lianxin demo document) Tj ET';
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o ?? `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

type Plan = {
  flow: string; unit: string; role: Role; title: string; summary: string; amountYuan: number | null;
  /** Days before today: when it opened, and when each step was completed (the rest still open). */
  opened: number; completed: number[]; results: string[];
};

const PLANS: Plan[] = [
  {
    flow: '四议两公开', unit: '榆舍村', role: 'village_admin', title: '村集体光伏电站收益分配', amountYuan: 186000,
    summary: '村集体 300 千瓦光伏电站 2026 年收益 18.6 万元，拟 40% 用于公益岗位和困难户帮扶，60% 用于村内道路维护和集体经济再投入。',
    opened: 80, completed: [77, 70, 61, 52, 50, 22],
    results: ['党支部提出收益分配初步方案', '“两委”联席会议商议，同意提交党员大会审议', '党员大会审议通过，到会党员 31 名，同意 29 名', '村民代表会议表决通过：公益岗位和帮扶 7.44 万元，道路维护和再投入 11.16 万元', '决议在村务公开栏和村民微信群公开 7 天，无异议', '帮扶 23 户、公益岗位 6 个已兑现；维修村道 1.2 公里，余款 2.3 万元转入集体经济账户'],
  },
  {
    flow: '四议两公开', unit: '榆舍村', role: 'village_admin', title: '村道路灯安装工程', amountYuan: 96000,
    summary: '在主干道和三个居民组安装太阳能路灯 64 盏，预算 9.6 万元，资金来源为村集体经济收入和镇级奖补。',
    opened: 30, completed: [26, 14], results: ['党支部提议安装太阳能路灯 64 盏', '“两委”联席会议商议，建议分两期实施，报党员大会审议'],
  },
  {
    flow: '集体土地发包', unit: '五里村', role: 'village_admin', title: '二组机动地 52 亩发包', amountYuan: null,
    summary: '二组机动地 52 亩原承包合同到期，拟公开发包，期限 5 年，底价每亩每年 400 元。',
    opened: 9, completed: [4], results: ['“两委”拟定公开发包方案，底价每亩每年 400 元'],
  },
];

export async function loadDemoFlows(db: Db, countyId: number): Promise<{ flows: number; matters: number; overdue: number; dutyLists: number }> {
  const realToday = todayInChina();
  let shift = 0;
  const today = () => plusDays(realToday, -shift);
  const engine = createCaseEngine({ db, today });
  const roster = async (_actor: Actor, orgId: number) =>
    db.query<{ id: number; name: string }>(`SELECT id, name FROM persons WHERE org_id = $1 AND member_status IS NOT NULL AND status = 'active' ORDER BY id`, [orgId]);
  const orglife = createOrglifeService({ db, roster, engine, today });
  const flows = createFlowsService({
    db, engine, today,
    meeting: (actor, id) => orglife.meeting(actor, id),
    meetingTypes: async (actor) => (await orglife.getSettings(actor)).types,
  });
  const county = await accountActor(db, 'county');
  if (county.scope.countyId !== countyId) throw new Error('demo county mismatch');
  const flowIds = new Map<string, number>();
  for (const s of FLOW_SAMPLES) flowIds.set(s.flow.name, (await flows.createFlow(county, s.flow)).id);

  let overdue = 0;
  for (const plan of PLANS) {
    const actor = plan.unit === '榆舍村' ? { ...(await accountActor(db, 'yushe')), orgId: (await unitActor(db, '榆舍村', 'village_admin')).orgId } : await unitActor(db, plan.unit, plan.role);
    shift = plan.opened;
    let m: MatterDetail = await flows.openMatter(actor, { flowId: flowIds.get(plan.flow)!, orgId: actor.orgId, title: plan.title, summary: plan.summary, amountYuan: plan.amountYuan });
    for (const [i, daysAgo] of plan.completed.entries()) {
      shift = daysAgo;
      const step = m.steps[i]!;
      for (const d of step.documents) await flows.attachDocument(actor, m.id, d.name, { fileName: `${d.name}.pdf`, mimeType: 'application/pdf', content: pdf(`${plan.title}：${d.name}`) });
      let meetingId: number | null = null;
      if (step.meetingType) {
        const members = await roster(actor, actor.orgId);
        const absent = members.length > 4 ? members.slice(-1) : [];
        meetingId = await orglife.recordMeeting(actor, {
          orgId: actor.orgId, typeCode: step.meetingType, heldOn: today(), place: '村党群服务中心', host: '村党支部书记',
          topic: `${step.name}：${plan.title}`, decisions: plan.results[i],
          attendees: members.map((p) => (absent.includes(p) ? { personId: p.id, present: false, absenceReason: '外出务工' } : { personId: p.id, present: true })),
        });
      }
      m = await flows.completeStep(actor, m.id, { version: m.version, stepKey: step.key, result: plan.results[i]!, meetingId });
    }
    shift = 0;
    if (m.status === 'running' && m.dueOn && m.dueOn < realToday) overdue++;
  }
  // the late step's warning reaches 五里镇 on the matter's timeline, as the periodic job would write it
  await engine.escalateOverdue('flow_matter', flowMatterCaseType.escalateTo!);

  // 大额资金使用 of a village of another township, waiting for its township's approval (the township's own step)
  const [far] = await db.query<{ name: string }>(
    `SELECT v.name FROM orgs v JOIN orgs t ON v.path LIKE t.path || '%' AND t.type = 'township'
      WHERE v.county_id = $1 AND v.type = 'village' AND v.status = 'active' AND t.name <> '五里镇' AND (SELECT count(*) FROM orgs x WHERE x.name = v.name) = 1
      ORDER BY v.id LIMIT 1`,
    [countyId],
  );
  let matters = PLANS.length;
  if (far) {
    const actor = await unitActor(db, far.name, 'village_admin');
    shift = 6;
    let m = await flows.openMatter(actor, { flowId: flowIds.get('大额资金使用')!, orgId: actor.orgId, title: '村集体仓储冷库建设资金', summary: '建设 200 立方米果蔬冷库一座，使用村集体资金 12 万元。', amountYuan: 120000 });
    const results = ['报账员提出用款申请 12 万元，附预算明细', '“两委”联席会议研究同意，报乡镇审批'];
    for (const [i, daysAgo] of [5, 3].entries()) {
      shift = daysAgo;
      const step = m.steps[i]!;
      for (const d of step.documents) await flows.attachDocument(actor, m.id, d.name, { fileName: `${d.name}.pdf`, mimeType: 'application/pdf', content: pdf(d.name) });
      const meetingId = step.meetingType
        ? await orglife.recordMeeting(actor, {
          orgId: actor.orgId, typeCode: step.meetingType, heldOn: today(), place: '村委会', host: '村党支部书记', topic: `${step.name}：冷库建设资金`,
          attendees: (await roster(actor, actor.orgId)).slice(0, 7).map((p) => ({ personId: p.id, present: true })),
        })
        : null;
      m = await flows.completeStep(actor, m.id, { version: m.version, stepKey: step.key, result: results[i]!, meetingId });
    }
    shift = 0;
    matters++;
  }

  // 岗位职责清单: the county adopts the sample; 榆舍村 and 五里村 adapt their copies
  await flows.saveDutyTemplate(county, { posts: SAMPLE_DUTIES, version: 0 });
  let dutyLists = 0;
  const own: Record<string, [string, string][]> = {
    榆舍村: [['报账员', '每季度向村民代表会议报告一次收支情况'], ['村民委员会', '管好用好村集体光伏电站收益，按“四议两公开”分配']],
    五里村: [['村委会主任', '牵头做好机动地发包合同到期后的公开发包']],
  };
  for (const [name, extra] of Object.entries(own)) {
    const actor = name === '榆舍村' ? { ...(await accountActor(db, 'yushe')), orgId: (await unitActor(db, name, 'village_admin')).orgId } : await unitActor(db, name, 'village_admin');
    const posts = SAMPLE_DUTIES.map((p) => ({ post: p.post, items: [...p.items, ...extra.filter(([post]) => post === p.post).map(([, item]) => item)] }));
    await flows.saveDutyList(actor, actor.orgId, { posts, version: 0 });
    dutyLists++;
  }
  return { flows: flowIds.size, matters, overdue, dutyLists };
}
