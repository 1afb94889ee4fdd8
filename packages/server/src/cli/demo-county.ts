// The demo county: 宜君县 as seed 000 describes it — 8 townships and subdistricts, 117 villages in
// 29 work stations of 3–7 villages (五里镇榆舍, 棋盘镇黄堡寨, 哭泉镇淌泥河 among the 9 pilots;
// 1–2 demonstration stations per township; 5 stations commended on 七一 with 20,000 yuan each),
// station staffing (站长 a township committee member, 副站长, 专职党务工作者), village posts and members. People are synthetic (names, ID numbers, phones).
import type { Role } from '@lianxin/contract';
import type { Db, Queryable } from '../db/db.js';
import type { PiiCipher } from '../core/pii.js';
import { appendAudit } from '../core/audit.js';
import { maskIdNumber, maskPhone } from '../core/id-number.js';
import { hashPassword } from '../core/password.js';
import { insertDesignation, insertOrg, type OrgRow } from '../modules/orgs/orgs.repository.js';
import { insertPeopleBulk, insertPost, type PersonWrite } from '../modules/people/people.repository.js';
import { insertAccount } from '../modules/accounts/accounts.repository.js';
import { birthDate, education, idNumber, personName, phone, seededRandom, type Random } from './names.js';

const REGION = '610222'; // 宜君县

type TownshipPlan = { name: string; stations: { name: string; pilot?: boolean; villages: string[] }[] };

// Village names are plausible local names; the three stations the report names are kept.
const PLAN: TownshipPlan[] = [
  { name: '宜阳街道', stations: [
    { name: '城关', pilot: true, villages: ['城关社区', '南关村', '北关村', '东关村'] },
    { name: '龙尾', pilot: true, villages: ['龙尾村', '鸿雁村', '惠家河村', '雷家塬村'] },
    { name: '庙湾', villages: ['庙湾村', '沟门村', '咀头村'] },
    { name: '三坪', villages: ['三坪村', '玉仙村', '偏桥村'] } ] },
  { name: '彭镇', stations: [
    { name: '彭镇', pilot: true, villages: ['彭镇村', '马家塬村', '张家湾村', '史家河村', '淌泥湾村'] },
    { name: '邵家坡', villages: ['邵家坡村', '西村', '堡子村', '漫坪村', '上川村'] },
    { name: '马坊', villages: ['马坊村', '马洼村', '太和村', '新庄村'] },
    { name: '武家塬', villages: ['武家塬村', '坡底村', '寨子村', '北塬村'] } ] },
  { name: '五里镇', stations: [
    { name: '榆舍', pilot: true, villages: ['榆舍村', '尧头村', '武家村', '沙坪村', '柳树湾村'] },
    { name: '五里', villages: ['五里村', '咀头村', '西坡村', '焦家河村'] },
    { name: '解家塬', villages: ['解家塬村', '胡家河村', '宋家村', '柏树村'] },
    { name: '新村', villages: ['新村', '高楼河村', '杨树村', '小湾村'] } ] },
  { name: '太安镇', stations: [
    { name: '太安', pilot: true, villages: ['太安村', '王家塬村', '川口村', '古道村'] },
    { name: '南坊', villages: ['南坊村', '石堡村', '淌泥村', '岔口村'] },
    { name: '龙坊', villages: ['龙坊村', '芦村', '后塬村'] },
    { name: '桃园', villages: ['桃园村', '大坪村', '槐树村'] } ] },
  { name: '棋盘镇', stations: [
    { name: '黄堡寨', pilot: true, villages: ['黄堡寨村', '棋盘村', '东庄村', '大塬村'] },
    { name: '吉子洼', villages: ['吉子洼村', '刘家塬村', '花园村', '庙塬村'] },
    { name: '石田', villages: ['石田村', '南塬村', '阳坡村', '窑头村'] },
    { name: '四坊', villages: ['四坊村', '后河村', '长坡村', '沟口村'] } ] },
  { name: '尧生镇', stations: [
    { name: '尧生', pilot: true, villages: ['尧生村', '雷塬村', '仓村', '洛河村'] },
    { name: '车村', villages: ['车村', '西川村', '杨家河村', '赵家塬村'] },
    { name: '寨头', villages: ['寨头村', '前塬村', '罗家村', '水磨村'] },
    { name: '下寨', villages: ['下寨村', '平路村', '窑坪村', '沟底村'] } ] },
  { name: '哭泉镇', stations: [
    { name: '淌泥河', pilot: true, villages: ['淌泥河村', '哭泉村', '艾家湾村', '槐树庄村'] },
    { name: '东王', villages: ['东王村', '嵩咀村', '上塬村', '北川村'] },
    { name: '文王', villages: ['文王村', '高家塬村', '山河村', '峪口村'] } ] },
  { name: '云梦乡', stations: [
    { name: '云梦', pilot: true, villages: ['云梦村', '塬里村', '中平村', '魏家塬村', '后坪村'] },
    { name: '湾里', villages: ['湾里村', '旗杆村', '西峰村', '崖窑村', '河畔村'] } ] },
];

/** “七一”表彰: 5 党建示范站, 20,000 yuan (2,000,000 fen) each (seed 000). */
const COMMENDED = ['榆舍', '黄堡寨', '淌泥河', '彭镇', '云梦'];

const DEPARTMENTS = ['发展和改革局', '财政局', '交通运输局', '民政局', '农业农村局', '公安局', '人民法院', '人民检察院', '自然资源局', '卫生健康局', '住房和城乡建设局', '水利局'];
const AGENCIES = ['县委办公室机关党支部', '县政府办公室机关党支部', '县委组织部机关党支部'];

export type DemoAccount = { username: string; role: Role; scope: string; displayName: string };

export type DemoResult = {
  countyId: number;
  orgs: number;
  villages: number;
  stations: number;
  people: number;
  accounts: DemoAccount[];
  orgIds: Record<string, number>;
};

/** Whether the demo county is loaded already (first start loads it once). */
export async function demoLoaded(q: Queryable): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM orgs WHERE type = 'county' AND code = $1`, [REGION]);
  return rows.length > 0;
}

export async function loadDemoCounty(db: Db, pii: PiiCipher, opts: { demoPassword: string; today?: string }): Promise<DemoResult> {
  const rnd = seededRandom(610222);
  const today = opts.today ?? '2026-11-25';
  const passwordHash = await hashPassword(opts.demoPassword);
  return db.transaction(async (tx) => {
    const orgIds: Record<string, number> = {};
    let orgCount = 0;
    const add = async (parent: OrgRow | null, type: OrgRow['type'], name: string, extra: { usesStations?: boolean; isPilot?: boolean; code?: string } = {}) => {
      orgCount++;
      const row = await insertOrg(tx, {
        parentId: parent?.id ?? null,
        countyId: parent?.county_id ?? null,
        type,
        name,
        code: extra.code,
        usesStations: extra.usesStations,
        isPilot: extra.isPilot,
        parentPath: parent?.path ?? '/',
        parentDepth: parent?.depth ?? -1,
        sort: orgCount,
      });
      return row;
    };

    const county = await add(null, 'county', '中共宜君县委员会', { code: REGION });
    orgIds['宜君县'] = county.id;
    const people: PersonWrite[] = [];
    const posts: { orgKey: string; personIndex: number; role: string; concurrent?: boolean; sentFrom?: string }[] = [];
    const usedIds = new Set<string>();
    let serial = 0;

    const person = (org: OrgRow, opts2: { member: boolean; minAge?: number; maxAge?: number; gender?: 'male' | 'female' }) => {
      const gender = opts2.gender ?? (rnd.chance(0.68) ? 'male' : 'female');
      const birth = birthDate(rnd, opts2.minAge ?? 20, opts2.maxAge ?? 80, today);
      let id = idNumber(REGION, birth, gender, serial++);
      while (usedIds.has(id)) id = idNumber(REGION, birth, gender, serial++);
      usedIds.add(id);
      const tel = phone(rnd);
      const age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
      const joinYear = Number(birth.slice(0, 4)) + Math.min(rnd.int(19, 45), age - 1);
      const probationary = opts2.member && joinYear >= Number(today.slice(0, 4)) - 1 && rnd.chance(0.5);
      const join = `${Math.min(joinYear, Number(today.slice(0, 4)) - 1)}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`;
      people.push({
        countyId: county.id,
        orgId: org.id,
        orgPath: org.path,
        name: personName(rnd, gender),
        gender,
        ethnicity: rnd.chance(0.98) ? '汉族' : rnd.pick(['回族', '满族', '蒙古族']),
        birthDate: birth,
        idNumberEnc: pii.encrypt(id),
        idNumberHash: pii.hash(id),
        idNumberMask: maskIdNumber(id),
        phoneEnc: pii.encrypt(tel),
        phoneHash: pii.hash(tel),
        phoneMask: maskPhone(tel),
        education: education(rnd),
        memberStatus: opts2.member ? (probationary ? 'probationary' : 'formal') : null,
        joinDate: opts2.member ? join : null,
        fullDate: opts2.member && !probationary ? `${Number(join.slice(0, 4)) + 1}${join.slice(4)}` : null,
        partyGroupId: null,
        flowStatus: opts2.member && rnd.chance(0.06) ? 'outflow' : 'none',
        status: 'active',
      });
      return people.length - 1;
    };

    const deptRows: OrgRow[] = [];
    for (const name of DEPARTMENTS) {
      const d = await add(county, 'department', `县${name}`);
      orgIds[name] = d.id;
      deptRows.push(d);
      for (let i = 0; i < 6; i++) person(d, { member: true, minAge: 25, maxAge: 58 });
      posts.push({ orgKey: name, personIndex: people.length - 6, role: 'department_head' });
    }
    for (const name of AGENCIES) {
      const a = await add(county, 'agency', name);
      orgIds[name] = a.id;
      for (let i = 0; i < 10; i++) person(a, { member: true, minAge: 24, maxAge: 58 });
      posts.push({ orgKey: name, personIndex: people.length - 10, role: 'secretary' });
    }
    // county organization department staff (the county account's people)
    for (let i = 0; i < 5; i++) person(county, { member: true, minAge: 26, maxAge: 55 });

    let villages = 0;
    let stations = 0;
    const designations: { org: OrgRow; kind: string; year: number; designatedOn: string | null; awardFen: number | null }[] = [];
    for (const t of PLAN) {
      const township = await add(county, 'township', t.name, { usesStations: true });
      orgIds[t.name] = township.id;
      const committee: number[] = [];
      for (let i = 0; i < 9; i++) committee.push(person(township, { member: true, minAge: 28, maxAge: 56 }));
      posts.push({ orgKey: t.name, personIndex: committee[0]!, role: 'secretary' });
      posts.push({ orgKey: t.name, personIndex: committee[1]!, role: 'deputy_secretary' });
      // 党委委员: the other seven, from whom the station chiefs come
      for (const i of committee.slice(2)) posts.push({ orgKey: t.name, personIndex: i, role: 'township_committee_member' });
      // 乡镇示范站: 1–2 per township (the first stations that are not county pilots; two where it has four)
      const demos = t.stations.filter((x) => !x.pilot).slice(0, t.stations.length >= 4 ? 2 : 1).map((x) => x.name);
      for (const [si, s] of t.stations.entries()) {
        const station = await add(township, 'station', `${s.name}党建工作站`, { isPilot: s.pilot });
        stations++;
        if (s.pilot) designations.push({ org: station, kind: 'county_pilot', year: 2024, designatedOn: null, awardFen: null });
        if (demos.includes(s.name)) designations.push({ org: station, kind: 'township_demo', year: 2025, designatedOn: null, awardFen: null });
        if (COMMENDED.includes(s.name)) designations.push({ org: station, kind: 'qiyi_commended', year: 2025, designatedOn: '2025-07-01', awardFen: 2_000_000 });
        const stationKey = `${t.name}/${s.name}站`;
        orgIds[stationKey] = station.id;
        // 站长: a township committee member; staff registered with the township
        posts.push({ orgKey: stationKey, personIndex: committee[2 + (si % 7)]!, role: 'station_chief' });
        const villageRows: { row: OrgRow; key: string }[] = [];
        for (const vName of s.villages) {
          const type = vName.endsWith('社区') ? 'community' : 'village';
          const v = await add(station, type, vName);
          villages++;
          const key = `${t.name}/${vName}`;
          orgIds[key] = v.id;
          villageRows.push({ row: v, key });
          const group1 = await add(v, 'party_group', '第一党小组');
          const group2 = await add(v, 'party_group', '第二党小组');
          const members = rnd.int(22, 58);
          const first = people.length;
          for (let i = 0; i < members; i++) {
            const idx = person(v, { member: true });
            people[idx]!.partyGroupId = i % 2 === 0 ? group1.id : group2.id;
          }
          for (let i = 0; i < 3; i++) person(v, { member: false, minAge: 18, maxAge: 45 }); // 入党积极分子 etc.
          const combined = rnd.chance(0.8); // 一肩挑
          posts.push({ orgKey: key, personIndex: first, role: 'secretary', concurrent: combined });
          if (!combined) posts.push({ orgKey: key, personIndex: first + 1, role: 'village_director' });
          posts.push({ orgKey: key, personIndex: first + 2, role: 'deputy_secretary' });
          posts.push({ orgKey: key, personIndex: first + 3, role: 'clerk' });
          posts.push({ orgKey: key, personIndex: first + 4, role: 'women_chair' });
          posts.push({ orgKey: key, personIndex: first + 5, role: 'militia_head' });
          posts.push({ orgKey: key, personIndex: first + 6, role: 'supervision_director' });
        }
        // 副站长: a first secretary or an excellent village secretary; 1–2 专职党务工作者
        const deputyVillage = villageRows[0]!;
        const sentDept = rnd.pick(deptRows);
        const firstSecretary = person(deputyVillage.row, { member: true, minAge: 28, maxAge: 50 });
        posts.push({ orgKey: deputyVillage.key, personIndex: firstSecretary, role: 'first_secretary', sentFrom: sentDept.name });
        posts.push({ orgKey: stationKey, personIndex: firstSecretary, role: 'deputy_station_chief' });
        for (let i = 0; i < (s.pilot ? 2 : 1); i++) {
          const worker = person(township, { member: true, minAge: 23, maxAge: 40 });
          posts.push({ orgKey: stationKey, personIndex: worker, role: 'party_worker' });
        }
      }
    }

    for (const d of designations) {
      await insertDesignation(tx, { countyId: county.id, orgId: d.org.id, kind: d.kind, year: d.year, designatedOn: d.designatedOn, awardFen: d.awardFen, note: null, createdBy: null });
    }

    // people in one statement; their ids come back in insertion order
    await insertPeopleBulk(tx, people);
    const idRows = await tx.query<{ id: number }>(`SELECT id FROM persons WHERE county_id = $1 ORDER BY id`, [county.id]);
    const personIds = idRows.map((r) => r.id);
    const orgPaths = new Map((await tx.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE county_id = $1`, [county.id])).map((r) => [r.id, r.path]));
    for (const p of posts) {
      const orgId = orgIds[p.orgKey]!;
      await insertPost(tx, {
        countyId: county.id,
        orgId,
        orgPath: orgPaths.get(orgId)!,
        personId: personIds[p.personIndex]!,
        role: p.role,
        concurrent: p.concurrent ?? false,
        sentFrom: p.sentFrom ?? null,
        startDate: p.role === 'first_secretary' ? '2024-03-01' : '2021-10-15',
        endDate: null,
        note: null,
        // 选任方式: the 两委 were elected at the 2021 换届; first secretaries and station staff were sent or appointed
        selectionChannel: p.role === 'first_secretary' ? 'sent_department' : ['station_chief', 'deputy_station_chief', 'party_worker', 'township_committee_member', 'department_head'].includes(p.role) ? 'appointed' : 'elected',
        civilService: false,
        civilServiceDate: null,
        civilServiceBasis: null,
      });
    }
    // 后备干部: one per township from its villages' younger members who hold no post today (a sitting
    // secretary is not his own reserve)
    const reserveRows = await tx.query<{ id: number; org_id: number; org_path: string }>(
      `SELECT DISTINCT ON (o.parent_id) p.id, p.org_id, p.org_path FROM persons p JOIN orgs o ON o.id = p.org_id
       WHERE p.county_id = $1 AND o.type = 'village' AND p.member_status = 'formal' AND p.birth_date > '1986-01-01'
         AND NOT EXISTS (SELECT 1 FROM posts po WHERE po.person_id = p.id AND (po.end_date IS NULL OR po.end_date >= CURRENT_DATE))
       ORDER BY o.parent_id, p.id`,
      [county.id],
    );
    for (const r of reserveRows) {
      await tx.query(
        `INSERT INTO reserve_cadres (county_id, org_id, org_path, person_id, target_role, added_on) VALUES ($1,$2,$3,$4,'村党支部书记','2025-06-30')`,
        [county.id, r.org_id, r.org_path, r.id],
      );
    }

    const accounts: DemoAccount[] = [
      { username: 'county', role: 'county_admin', scope: '宜君县', displayName: '县委组织部（演示）' },
      { username: 'wuli', role: 'township_admin', scope: '五里镇', displayName: '五里镇党委（演示）' },
      { username: 'yushe.station', role: 'station_admin', scope: '五里镇/榆舍站', displayName: '榆舍党建工作站（演示）' },
      { username: 'yushe', role: 'village_admin', scope: '五里镇/榆舍村', displayName: '榆舍村党支部（演示）' },
      { username: 'jiaotong', role: 'department_admin', scope: '交通运输局', displayName: '县交通运输局（演示）' },
      { username: 'auditor', role: 'auditor', scope: '宜君县', displayName: '审计员（演示）' },
      { username: 'sysadmin', role: 'sys_admin', scope: '宜君县', displayName: '系统管理员（演示）' },
      { username: 'secadmin', role: 'sec_admin', scope: '宜君县', displayName: '安全管理员（演示）' },
      { username: 'auditadmin', role: 'audit_admin', scope: '宜君县', displayName: '审计管理员（演示）' },
    ];
    for (const a of accounts) {
      await insertAccount(tx, { username: a.username, displayName: a.displayName, passwordHash, roles: [a.role], scopeOrgId: orgIds[a.scope]!, mustChangePassword: false });
    }
    await appendAudit(tx, { countyId: county.id, accountId: null, username: 'system', action: 'demo.load', objectType: 'org', objectId: county.id, summary: { orgs: orgCount, people: people.length }, result: 'success', ip: null });
    return { countyId: county.id, orgs: orgCount, villages, stations, people: people.length, accounts, orgIds };
  });
}

export type { Random };
