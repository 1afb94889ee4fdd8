// The shape of a synthetic province: options, and the org tree of every county with the ids the
// rows will have. Pure and deterministic: the same options give the same plan.
import os from 'node:os';
import type { OrgType } from '@lianxin/contract';
import { seededRandom } from '../names.js';

export type GenerateOptions = {
  counties: number;
  townshipsPerCounty: number;
  stationsPerTownship: number;
  /** Villages per station: an inclusive range, skewed towards the low end (5–7 averages ≈ 5.4). */
  villagesPerStation: [number, number];
  /** Average persons registered at a village (±30 %); three of them are not (yet) members. */
  membersPerVillage: number;
  partyGroupsPerVillage: number;
  departmentsPerCounty: number;
  seed: number;
  /** The reference date of ages, join dates and terms (fixed, so a run is repeatable). */
  today: string;
  /** Rows per INSERT … unnest statement. */
  batchSize: number;
  /** Worker threads that build people (names, ID numbers, encryption); 0 builds in-process. */
  workers: number;
  /** Keep the secondary indexes and foreign keys of persons and posts during the load. */
  keepIndexes: boolean;
  /** 1-based index of the county the bench accounts are scoped to (default: the middle one). */
  benchCounty: number;
  /** Two-digit province code of the region codes of ID numbers. */
  provinceCode: string;
  /** Ledger problems (cases with their timelines) per village; 0 for none. */
  problemsPerVillage: number;
  /** Citizen requests (cases with their timelines) per village; 0 for none. */
  requestsPerVillage: number;
};

export const DEFAULT_OPTIONS: GenerateOptions = {
  counties: 100,
  townshipsPerCounty: 10,
  stationsPerTownship: 3,
  villagesPerStation: [5, 7],
  membersPerVillage: 125,
  partyGroupsPerVillage: 2,
  departmentsPerCounty: 6,
  seed: 1,
  today: '2026-11-25',
  batchSize: 25_000,
  workers: Math.max(1, Math.min(8, os.availableParallelism())),
  keepIndexes: false,
  benchCounty: 0,
  provinceCode: '14',
  // 16,317 villages × 62 ≈ 1.01 M problems and × 123 ≈ 2.01 M requests (issues 4 and 6)
  problemsPerVillage: 62,
  requestsPerVillage: 123,
};

export type OrgSpec = {
  id: number;
  countyId: number | null;
  parentId: number | null;
  type: OrgType;
  name: string;
  code: string | null;
  path: string;
  depth: number;
  usesStations: boolean;
  isPilot: boolean;
  sort: number;
};

export type VillagePlan = { org: OrgSpec; groups: OrgSpec[]; persons: number };
export type StationPlan = { org: OrgSpec; villages: VillagePlan[] };
export type TownshipPlan = { org: OrgSpec; stations: StationPlan[] };
export type CountyPlan = {
  /** 0-based position in the province. */
  index: number;
  /** Six-digit region code of the county's ID numbers. */
  region: string;
  county: OrgSpec;
  departments: OrgSpec[];
  townships: TownshipPlan[];
  /** Persons of the county and the id of the first (ids are consecutive). */
  personCount: number;
  firstPersonId: number;
};
export type ProvincePlan = { province: OrgSpec; counties: CountyPlan[]; orgCount: number; personCount: number };

/** Persons at fixed places (besides villages); people.ts builds exactly these. */
export const COUNTY_STAFF = 5;
export const DEPARTMENT_STAFF = 6;
export const TOWNSHIP_COMMITTEE = 9;
export const VILLAGE_NON_MEMBERS = 3;
/** Village posts need seven distinct members. */
export const MIN_VILLAGE_PERSONS = 10;

/** A 32-bit seed from several integers (FNV-1a over their bytes). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    let v = p >>> 0;
    for (let i = 0; i < 4; i++) {
      h ^= v & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
      v >>>= 8;
    }
  }
  return h >>> 0;
}

const FIRST = '东西南北上下前后新大小高龙凤马柳杨槐桃杏枣石青白红金银安平永兴和';
const SECOND = '山川河沟湾塬坪坡岭峪庄堡寨营店集桥泉林池源田岗台洼坊';
const DEPARTMENTS = ['发展和改革局', '财政局', '交通运输局', '民政局', '农业农村局', '自然资源局', '卫生健康局', '住房和城乡建设局', '水利局', '教育局', '人力资源和社会保障局', '市场监督管理局'];

/** A distinct two-character place name for each index (a number is added past the pairs). */
export function placeName(i: number): string {
  const pairs = FIRST.length * SECOND.length;
  const base = FIRST[i % FIRST.length]! + SECOND[Math.floor(i / FIRST.length) % SECOND.length]!;
  return i >= pairs ? `${base}${Math.floor(i / pairs) + 1}` : base;
}

const GROUP_NUMERALS = '一二三四五六七八九十';
export function groupName(i: number): string {
  return i < GROUP_NUMERALS.length ? `第${GROUP_NUMERALS[i]}党小组` : `第${i + 1}党小组`;
}

/** Villages of a station: min..max, weight (max − k + 1)²: 5–7 gives 64 % fives, 29 % sixes. */
function villageCount(rnd: ReturnType<typeof seededRandom>, [min, max]: [number, number]): number {
  let total = 0;
  for (let k = min; k <= max; k++) total += (max - k + 1) ** 2;
  let x = rnd.next() * total;
  for (let k = min; k <= max; k++) {
    x -= (max - k + 1) ** 2;
    if (x < 0) return k;
  }
  return max;
}

export function regionCode(provinceCode: string, countyIndex: number): string {
  const city = 1 + Math.floor(countyIndex / 20);
  const county = 21 + (countyIndex % 20);
  return `${provinceCode}${String(city).padStart(2, '0')}${String(county).padStart(2, '0')}`;
}

export function checkOptions(o: GenerateOptions): string[] {
  const problems: string[] = [];
  const positive = (name: string, v: number, max: number) => {
    if (!Number.isInteger(v) || v < 1 || v > max) problems.push(`${name} 应为 1–${max} 的整数（当前：${v}）`);
  };
  positive('--counties', o.counties, 1980);
  positive('--townships-per-county', o.townshipsPerCounty, 200);
  positive('--stations-per-township', o.stationsPerTownship, 100);
  positive('--party-groups-per-village', o.partyGroupsPerVillage, 20);
  positive('--batch-size', o.batchSize, 200_000);
  if (!Number.isInteger(o.departmentsPerCounty) || o.departmentsPerCounty < 0 || o.departmentsPerCounty > DEPARTMENTS.length) {
    problems.push(`--departments-per-county 应为 0–${DEPARTMENTS.length} 的整数`);
  }
  const [vmin, vmax] = o.villagesPerStation;
  if (!Number.isInteger(vmin) || !Number.isInteger(vmax) || vmin < 1 || vmax < vmin || vmax > 50) {
    problems.push('--villages-per-station 应为 "最少-最多"（如 5-7），1 ≤ 最少 ≤ 最多 ≤ 50');
  }
  if (!Number.isInteger(o.membersPerVillage) || o.membersPerVillage < MIN_VILLAGE_PERSONS || o.membersPerVillage > 5000) {
    problems.push(`--members-per-village 应为 ${MIN_VILLAGE_PERSONS}–5000 的整数`);
  }
  if (!Number.isInteger(o.problemsPerVillage) || o.problemsPerVillage < 0 || o.problemsPerVillage > 2000) problems.push('--problems-per-village 应为 0–2000 的整数');
  if (!Number.isInteger(o.requestsPerVillage) || o.requestsPerVillage < 0 || o.requestsPerVillage > 2000) problems.push('--requests-per-village 应为 0–2000 的整数');
  if (!Number.isInteger(o.workers) || o.workers < 0 || o.workers > 16) problems.push('--workers 应为 0–16 的整数');
  if (!Number.isInteger(o.seed) || o.seed < 0) problems.push('--seed 应为非负整数');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.today)) problems.push('--today 应为 YYYY-MM-DD');
  if (!/^[1-9]\d$/.test(o.provinceCode)) problems.push('--province-code 应为两位数字');
  if (!Number.isInteger(o.benchCounty) || o.benchCounty < 0 || o.benchCounty > o.counties) {
    problems.push(`--bench-county 应为 1–${o.counties} 的整数（0 表示居中的县）`);
  }
  return problems;
}

/** The org tree of the province, ids assigned depth-first from 1, and persons per county. */
export function planProvince(o: GenerateOptions): ProvincePlan {
  let nextId = 1;
  let nextPersonId = 1;
  const node = (parent: OrgSpec | null, type: OrgType, name: string, sort: number, extra: Partial<OrgSpec> = {}): OrgSpec => {
    const id = nextId++;
    return {
      id,
      countyId: type === 'county' ? id : (parent?.countyId ?? null),
      parentId: parent?.id ?? null,
      type,
      name,
      code: null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      usesStations: false,
      isPilot: false,
      sort,
      ...extra,
    };
  };
  const province = node(null, 'province', '中共合成省委员会', 0, { code: o.provinceCode });
  const counties: CountyPlan[] = [];
  for (let c = 0; c < o.counties; c++) {
    const rnd = seededRandom(mixSeed(o.seed, c, 1));
    const region = regionCode(o.provinceCode, c);
    const county = node(province, 'county', `中共${placeName(c)}县委员会`, c + 1, { code: region });
    let sort = 0;
    const departments: OrgSpec[] = [];
    for (let d = 0; d < o.departmentsPerCounty; d++) departments.push(node(county, 'department', `县${DEPARTMENTS[d]}`, ++sort));
    const townships: TownshipPlan[] = [];
    let villageIndex = 0;
    let persons = COUNTY_STAFF + o.departmentsPerCounty * DEPARTMENT_STAFF;
    for (let t = 0; t < o.townshipsPerCounty; t++) {
      const suffix = t % 4 === 3 ? '乡' : t === 0 ? '街道' : '镇';
      const township = node(county, 'township', `${placeName(t * 7 + c)}${suffix}`, ++sort, { usesStations: true });
      persons += TOWNSHIP_COMMITTEE;
      const stations: StationPlan[] = [];
      for (let s = 0; s < o.stationsPerTownship; s++) {
        const villages: VillagePlan[] = [];
        const n = villageCount(rnd, o.villagesPerStation);
        const pilot = s === 0;
        const station = node(township, 'station', `${placeName(villageIndex)}党建工作站`, ++sort, { isPilot: pilot });
        persons += 1 + (pilot ? 2 : 1); // a first secretary, one or two Party workers
        for (let v = 0; v < n; v++) {
          const village = node(station, 'village', `${placeName(villageIndex++)}村`, ++sort);
          const groups: OrgSpec[] = [];
          for (let g = 0; g < o.partyGroupsPerVillage; g++) groups.push(node(village, 'party_group', groupName(g), g + 1));
          const spread = Math.floor(o.membersPerVillage * 0.3);
          const count = Math.max(MIN_VILLAGE_PERSONS, rnd.int(o.membersPerVillage - spread, o.membersPerVillage + spread));
          persons += count;
          villages.push({ org: village, groups, persons: count });
        }
        stations.push({ org: station, villages });
      }
      townships.push({ org: township, stations });
    }
    counties.push({ index: c, region, county, departments, townships, personCount: persons, firstPersonId: nextPersonId });
    nextPersonId += persons;
  }
  return { province, counties, orgCount: nextId - 1, personCount: nextPersonId - 1 };
}

/** Every org of a county in id order (the county first). */
export function orgsOfCounty(c: CountyPlan): OrgSpec[] {
  const out: OrgSpec[] = [c.county, ...c.departments];
  for (const t of c.townships) {
    out.push(t.org);
    for (const s of t.stations) {
      out.push(s.org);
      for (const v of s.villages) out.push(v.org, ...v.groups);
    }
  }
  return out.sort((a, b) => a.id - b.id);
}
