// The demo's 称号认定 (seed 003 四创建四争当; 000/004 示范): on the county's sample kinds, each
// township (五里镇 itself; the county for the townships without a demo account) has nominated a few of its villages (发展型党组织), members (带富型党员), industry
// demonstration sites and households; each went through the whole course — criteria ticked with a
// note and a photo as evidence by the township, approved and published by the county — and a
// community (服务型党组织) and a county agency (效能型党组织) beside them. Some are still in the
// process: 五里镇's 尧头村 checked and waiting for the county, a member just nominated, one designation
// under its yearly review. Everything goes through the services, as a township and the county would.
import type { Db } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import { todayInChina } from '../core/calendar.js';
import { createPeopleService } from '../modules/people/index.js';
import { createOrgService } from '../modules/orgs/index.js';
import { createDesignationService } from '../modules/recognition/index.js';
import type { Actor } from '../core/access.js';
import { demoActor } from './demo-actor.js';

/** A small photo of the notice board (a real PNG: the upload check reads the content). */
const PHOTO = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

const SITES = ['苹果示范园', '核桃示范基地', '中蜂养殖示范点', '中药材种植示范点', '肉牛养殖示范场'];

export type DemoDesignations = { published: number; inProcess: number };

export async function loadDemoDesignations(db: Db, pii: PiiCipher): Promise<DemoDesignations> {
  const year = Number(todayInChina().slice(0, 4));
  const people = createPeopleService({ db, pii });
  // the loader has no signed-in sessions whose cached scope a tree change would have to forget
  const orgs = createOrgService({ db, sessions: { forgetAccount: () => undefined, forgetAll: () => undefined } });
  const designations = createDesignationService({
    db,
    sources: { person: (actor, id) => people.detail(actor, id), stationDesignations: (actor, q) => orgs.listDesignations(actor, q) },
  });
  const county = await demoActor(db, 'county');
  const townships = await db.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path FROM orgs WHERE county_id = $1 AND type = 'township' AND status = 'active' ORDER BY sort, id`,
    [county.scope.countyId],
  );
  // 五里镇 nominates and checks its own (its demo account); the county does it for the townships without one
  const wuli = await demoActor(db, 'wuli');
  const township = async (t: { name: string }): Promise<Actor> => (t.name === '五里镇' ? wuli : county);

  let published = 0;
  let inProcess = 0;
  /** Nominated by `by`, checked with a note and a photo, approved and published by the county. */
  async function designate(by: Actor, body: Parameters<typeof designations.nominate>[1], notes: string, publish = true) {
    let d = await designations.nominate(by, body);
    d = await designations.saveChecks(by, d.id, { version: d.version, checks: d.criteria.map((c) => ({ code: c.code, met: true, note: notes })) });
    await designations.attach(by, d.id, { fileName: '现场照片.png', mimeType: 'image/png', content: PHOTO });
    await designations.fire(by, d.id, 'check', { version: d.version });
    if (!publish) {
      inProcess++;
      return d.id;
    }
    await designations.fire(county, d.id, 'approve', { version: d.version + 1 });
    await designations.fire(county, d.id, 'publish', { version: d.version + 2 });
    published++;
    return d.id;
  }

  for (const [i, t] of townships.entries()) {
    const by = await township(t);
    const villages = await db.query<{ id: number; name: string; type: string }>(
      `SELECT id, name, type FROM orgs WHERE path LIKE $1 AND type IN ('village', 'community') AND status = 'active' ORDER BY sort, id`,
      [`${t.path}%`],
    );
    const rural = villages.filter((v) => v.type === 'village');
    const community = villages.find((v) => v.type === 'community');
    // 发展型党组织: the first village
    for (const v of rural.slice(0, 1)) {
      await designate(by, { kindCode: 'rural_development', year, orgId: v.id, citation: `${v.name}党支部领办合作社，村集体经济年收入稳定增长，带动群众增收。` }, '经镇党委实地核实，符合');
    }
    if (community) await designate(by, { kindCode: 'community_service', year, orgId: community.id, citation: `${community.name}便民服务站全天开放，代办事项按时办结。` }, '经街道党工委核实，符合');
    // 产业示范点 and 示范户, with a member each (带富型党员)
    for (const [j, v] of rural.slice(1, 2).entries()) {
      await designate(by, { kindCode: 'industry_site', year, orgId: v.id, siteName: `${v.name.replace(/村$/, '')}${SITES[(i + j) % SITES.length]}`, citation: '党员领办，带动周边农户参与，定期开展技术观摩。' }, '现场查看，规模和带动户数属实');
      const [m] = await db.query<{ id: number; name: string }>(
        `SELECT id, name FROM persons WHERE org_id = $1 AND member_status = 'formal' AND status = 'active' ORDER BY id LIMIT 1`,
        [v.id],
      );
      if (!m) continue;
      await designate(by, { kindCode: 'industry_household', year, personId: m.id, citation: `${m.name}家庭发展特色产业，帮带本村农户。` }, '入户核实，属实');
      await designate(by, { kindCode: 'rural_enriching', year, personId: m.id, citation: `${m.name}创办家庭农场，带动 ${8 + j * 3} 户群众增收。` }, '走访群众，反映良好');
    }
  }

  // a county agency (效能型党组织), nominated by the county itself
  const [agency] = await db.query<{ id: number; name: string }>(`SELECT id, name FROM orgs WHERE county_id = $1 AND type = 'agency' AND status = 'active' ORDER BY id LIMIT 1`, [county.scope.countyId]);
  if (agency) await designate(county, { kindCode: 'agency_efficient', year, orgId: agency.id, citation: `${agency.name}服务事项按时办结，“三会一课”规范。` }, '县委组织部考核核实');

  // still in the process: 尧头村 checked and waiting for the county; a member just nominated; one under review
  const wuliTown = townships.find((t) => t.name === '五里镇');
  if (wuliTown) {
    const by = await township(wuliTown);
    const [yaotou] = await db.query<{ id: number }>(`SELECT id FROM orgs WHERE name = '尧头村' AND path LIKE $1 LIMIT 1`, [`${wuliTown.path}%`]);
    if (yaotou) await designate(by, { kindCode: 'rural_development', year, orgId: yaotou.id, citation: '尧头村党支部推行“党支部+合作社+农户”，苹果产业覆盖全村。' }, '经镇党委实地核实，符合', false);
    const [m] = await db.query<{ id: number; name: string }>(
      `SELECT p.id, p.name FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '榆舍村' AND p.member_status = 'formal' AND p.status = 'active' ORDER BY p.id OFFSET 1 LIMIT 1`,
    );
    if (m) {
      await designations.nominate(by, { kindCode: 'rural_enriching', year, personId: m.id, citation: `${m.name}发展设施农业，吸纳本村 6 名群众务工。` });
      inProcess++;
    }
  }
  const [first] = (await designations.list(county, { status: 'published', kind: 'rural_development', pageSize: 1 })).items;
  if (first) {
    await designations.fire(county, first.id, 'review', { version: first.version, body: '年度复核：请乡镇党委重新核对认定标准。' });
    inProcess++;
    published--;
  }
  return { published, inProcess };
}
