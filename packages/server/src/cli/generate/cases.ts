// The case history of one county of the plan: ledger problems (问题台账) and citizen requests
// (群众事项) as the app writes them — a `cases` row, the type's own row, and the hash-chained
// timeline of every transition that brought the case to its status — as column arrays ready for
// INSERT … unnest. Runs in a worker thread too.
//
// Case ids interleave the counties (id = k × counties + county + 1 for the county's k-th case in
// time order), as cases opened in time order across a province would; ids are unique without
// coordination between workers. Timeline ids are assigned by the writer.
import crypto from 'node:crypto';
import { DEFAULT_PROBLEM_CATEGORIES, builtInSourceLabel, type ProblemSource } from '@lianxin/contract';
import { canonicalJson } from '../../core/audit.js';
import { maskPhone } from '../../core/id-number.js';
import type { PiiCipher } from '../../core/pii.js';
import { personName, phone, seededRandom, type Random } from '../names.js';
import { mixSeed, type CountyPlan, type OrgSpec, type VillagePlan } from './plan.js';
import type { Cell, Columns } from './people.js';

export const CASE_COLUMNS = [
  'id', 'county_id', 'case_type', 'org_id', 'org_path', 'status', 'title', 'deadline', 'opened_at', 'resolved_at',
  'closed_at', 'supervision_due', 'escalated_to_org_id', 'created_by', 'version', 'updated_at',
] as const;
export const CASE_TYPES = [
  'bigint', 'bigint', 'text', 'bigint', 'text', 'text', 'text', 'date', 'timestamptz', 'timestamptz',
  'timestamptz', 'date', 'bigint', 'bigint', 'int', 'timestamptz',
] as const;
export const PROBLEM_COLUMNS = [
  'case_id', 'county_id', 'source', 'category', 'description', 'measures', 'progress', 'responsible_org_id', 'responsible_person',
  'closure_opinion', 'public_summary', 'published_at', 'reported_to_org_id', 'returned_count', 'source_ref',
] as const;
export const PROBLEM_TYPES = [
  'bigint', 'bigint', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text',
  'text', 'text', 'timestamptz', 'bigint', 'int', 'text',
] as const;
export const REQUEST_COLUMNS = [
  'case_id', 'county_id', 'channel', 'category', 'matter', 'citizen_name', 'phone_enc', 'phone_hash', 'phone_mask', 'tracking_code',
  'first_owner_id', 'owner_id', 'responded_at', 'promised_date', 'outcome', 'resolved', 'rating', 'rated_at',
] as const;
export const REQUEST_TYPES = [
  'bigint', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  'bigint', 'bigint', 'timestamptz', 'date', 'text', 'boolean', 'text', 'timestamptz',
] as const;
/** Without `id`: the writer numbers the timeline entries. */
export const EVENT_COLUMNS = [
  'case_id', 'county_id', 'seq', 'at', 'account_id', 'actor_name', 'actor_org_id', 'kind', 'transition',
  'from_status', 'to_status', 'body', 'data', 'prev_hash', 'hash',
] as const;
export const EVENT_TYPES = [
  'bigint', 'bigint', 'int', 'timestamptz', 'bigint', 'text', 'bigint', 'text', 'text',
  'text', 'text', 'text', 'jsonb', 'text', 'text',
] as const;

export type CountyCases = {
  countyIndex: number;
  cases: Columns;
  problems: Columns;
  requests: Columns;
  events: Columns;
  maxCaseId: number;
};

/** The accounts that act on a county's cases: one per station and one per village (org id → account id). */
export type CaseAccounts = Record<number, number>;

export type CaseOptions = { seed: number; today: string; counties: number; problemsPerVillage: number; requestsPerVillage: number };

const GENESIS = '0'.repeat(64);
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The same digest as the case engine's timeline (core/cases/case-engine.ts). */
export function eventDigest(
  prev: string,
  caseId: number,
  e: { seq: number; at: Date; account_id: number | null; actor_name: string; actor_org_id: number | null; kind: string; transition: string | null; from_status: string | null; to_status: string | null; body: string | null; data: Record<string, unknown> },
): string {
  return crypto
    .createHash('sha256')
    .update(canonicalJson([prev, caseId, e.seq, e.at.toISOString(), e.account_id, e.actor_name, e.actor_org_id, e.kind, e.transition, e.from_status, e.to_status, e.body, e.data]))
    .digest('hex');
}

/** The engine's hash of a transition's input (its idempotent replay check). */
function inputHash(name: string, body: string | null, fields: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(canonicalJson([name, body, fields])).digest('hex').slice(0, 32);
}

/** A tracking code like the app's (LX + 8 of its alphabet), unique: a bijection of the case id. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_SPACE = CODE_ALPHABET.length ** 8; // 852,891,037,441
export function trackingCodeOf(caseId: number): string {
  // multiply by a constant coprime with 31 modulo 31^8: distinct ids give distinct codes
  let x = Number((BigInt(caseId) * 387_420_489n) % BigInt(CODE_SPACE));
  let code = '';
  for (let i = 0; i < 8; i++) {
    code += CODE_ALPHABET[x % CODE_ALPHABET.length];
    x = Math.floor(x / CODE_ALPHABET.length);
  }
  return `LX${code}`;
}

function weighted<T>(rnd: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rnd.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}

const dateOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10); // China Standard Time
const msOfDate = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

const SOURCES: readonly (readonly [ProblemSource, number])[] = [
  ['superior_feedback', 20], ['provincial_bulletin', 10], ['station_inspection', 35], ['citizen', 20], ['inspection_tour', 10], ['other', 5],
];
const PROBLEM_TEXTS = [
  '党支部"三会一课"记录不完整，组织生活会会前谈心谈话未全覆盖',
  '党员发展程序不规范，入党积极分子培养考察记录缺失',
  '村务公开栏内容未及时更新，财务公开滞后一个季度',
  '流动党员底数不清，联系不经常，党费收缴不及时',
  '党员活动室设施陈旧，远程教育站点长期未使用',
  '村"两委"班子分工不明确，坐班值班制度落实不到位',
  '集体经济合同管理不规范，部分承包费未按期收缴',
  '主题党日活动形式单一，党员参与率不足七成',
  '群众反映的道路硬化问题未按承诺时限办结',
  '后备干部培养台账不完善，年轻党员比例偏低',
  '工作站督查发现民情日记记录流于形式',
  '为民服务代办点未公示服务事项和办理流程',
];
const MEASURES = ['制定整改方案，明确责任人和完成时限，逐项对账销号', '召开专题会议研究整改，建立长效机制', '补齐台账资料，由工作站跟踪督办', '组织专题培训，规范工作流程并公示'];
const PROGRESS = ['已按整改方案完成，相关资料已补齐归档', '整改已完成，经工作站现场核实', '已建立制度并落实到位，附整改前后对比'];
const RETURNS = ['整改资料不完整，请补充会议记录后重新提交', '现场核查未达标，请继续整改'];
const CLOSURES = ['经现场核查，整改到位，同意销号', '整改措施落实，资料齐全，同意销号'];
const PUBLIC_SUMMARY = '该问题已整改到位，经工作站验收并销号，现予公示。';

const CHANNELS: readonly (readonly [string, number])[] = [['station', 25], ['village', 30], ['grid', 6], ['phone', 15], ['visit', 16], ['public', 8]];
const REQUEST_CATEGORIES: readonly (readonly [string, number])[] = [['errand', 55], ['consultation', 15], ['complaint', 8], ['conflict', 7], ['assistance', 10], ['other', 5]];
const MATTERS: Record<string, string[]> = {
  errand: ['代办城乡居民医疗保险缴费', '代办养老保险资格认证', '代办残疾人证申领', '代办农村低保申请材料', '代办新生儿户口登记', '代办高龄津贴申请'],
  consultation: ['咨询土地确权办理流程', '咨询小额贷款贴息政策', '咨询危房改造补助标准'],
  complaint: ['反映村组道路路灯损坏多日未修', '反映自来水水压不足', '反映垃圾清运不及时'],
  conflict: ['邻里宅基地界址纠纷，请求调解', '土地流转租金纠纷，请求调解', '家庭赡养纠纷，请求调解'],
  assistance: ['独居老人冬季取暖困难，请求帮扶', '因病致贫家庭申请临时救助', '留守儿童入学困难，请求协调'],
  other: ['建议在村口增设公交站点', '建议增加文化广场健身器材'],
};
const OUTCOMES = ['已办结，材料已送达并告知办理结果', '已协调相关部门解决，群众表示认可', '已按政策答复，告知后续办理途径'];

type Event = { at: number; accountId: number | null; actor: string; actorOrg: number | null; kind: string; transition: string | null; from: string | null; to: string | null; body: string | null; data: Record<string, unknown> };

export function buildCountyCases(plan: CountyPlan, opts: CaseOptions, pii: PiiCipher, accounts: CaseAccounts): CountyCases {
  const rnd = seededRandom(mixSeed(opts.seed, plan.index, 3));
  const cases: Columns = CASE_COLUMNS.map(() => []);
  const problems: Columns = PROBLEM_COLUMNS.map(() => []);
  const requests: Columns = REQUEST_COLUMNS.map(() => []);
  const events: Columns = EVENT_COLUMNS.map(() => []);
  const push = (cols: Columns, row: Cell[]) => {
    for (let i = 0; i < row.length; i++) cols[i]!.push(row[i]!);
  };
  const countyId = plan.county.id;
  const today = opts.today;
  const horizon = msOfDate(today) - HOUR; // every generated moment lies before today (CST)
  const start = msOfDate(today) - 730 * DAY;

  // every case slot of the county (village, township, station, type), shuffled into time order
  type Slot = { village: VillagePlan; township: OrgSpec; station: OrgSpec; type: 'problem' | 'request' };
  const slots: Slot[] = [];
  for (const t of plan.townships) {
    for (const s of t.stations) {
      for (const v of s.villages) {
        for (let i = 0; i < opts.problemsPerVillage; i++) slots.push({ village: v, township: t.org, station: s.org, type: 'problem' });
        for (let i = 0; i < opts.requestsPerVillage; i++) slots.push({ village: v, township: t.org, station: s.org, type: 'request' });
      }
    }
  }
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  const span = horizon - DAY - start;
  let maxCaseId = 0;

  const timeline = (caseId: number, list: Event[]) => {
    let prev = GENESIS;
    list.forEach((e, i) => {
      const row = {
        seq: i + 1, at: new Date(e.at), account_id: e.accountId, actor_name: e.actor, actor_org_id: e.actorOrg, kind: e.kind,
        transition: e.transition, from_status: e.from, to_status: e.to, body: e.body, data: e.data,
      };
      const hash = eventDigest(prev, caseId, row);
      push(events, [caseId, countyId, row.seq, row.at.toISOString(), row.account_id, row.actor_name, row.actor_org_id, row.kind, row.transition,
        row.from_status, row.to_status, row.body, JSON.stringify(row.data), prev, hash]);
      prev = hash;
    });
  };

  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    const id = k * opts.counties + plan.index + 1;
    maxCaseId = id;
    const opened = start + Math.floor(((k + rnd.next()) / slots.length) * span);
    const village = slot.village.org;
    const stationAccount = accounts[slot.station.id] ?? null;
    const villageAccount = accounts[village.id] ?? null;
    const stationUser = `station.${slot.station.id}`;
    const villageUser = `village.${village.id}`;
    const list: Event[] = [];
    let status: string;
    let version = 1;
    // a transition at `at` unless it would lie in the future; answers whether it happened
    const fire = (at: number, accountId: number | null, actor: string, actorOrg: number, name: string, from: string, to: string, body: string | null, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      if (at >= horizon) return false;
      version++;
      list.push({ at, accountId, actor, actorOrg, kind: 'transition', transition: name, from, to, body, data: { version, inputHash: inputHash(name, body, fields), ...extra } });
      status = to;
      return true;
    };

    if (slot.type === 'problem') {
      const source = weighted(rnd, SOURCES);
      const category = rnd.pick(DEFAULT_PROBLEM_CATEGORIES);
      const description = `${village.name}${rnd.pick(PROBLEM_TEXTS)}`;
      const title = description.length > 60 ? `${description.slice(0, 60)}…` : description;
      const openedDate = dateOf(opened);
      const deadline = dateOf(opened + rnd.int(20, 90) * DAY);
      const onTime = rnd.chance(0.8);
      status = 'registered';
      list.push({ at: opened, accountId: stationAccount, actor: stationUser, actorOrg: slot.station.id, kind: 'open', transition: null, from: null, to: 'registered', body: `${builtInSourceLabel(source)?.zh ?? source}：${description}`, data: {} });
      let t = opened + rnd.int(1, 4) * DAY + rnd.int(1, 8) * HOUR;
      const measures = rnd.pick(MEASURES);
      let measuresSet: string | null = null;
      let progress: string | null = null;
      let returned = 0;
      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      let closure: string | null = null;
      let publishedAt: number | null = null;
      let reportedTo: number | null = null;
      const deadlineMs = msOfDate(deadline) + DAY - HOUR;
      if (fire(t, villageAccount, villageUser, village.id, 'start', 'registered', 'rectifying', null, { measures }, { measures })) {
        measuresSet = measures;
        const returnOnce = rnd.chance(0.15);
        // submitted (and accepted) by the deadline for the on-time ones, after it for the rest
        const work = onTime ? rnd.next() * Math.max(HOUR, deadlineMs - t - 3 * DAY) : deadlineMs - t + rnd.int(1, 40) * DAY;
        t += Math.max(HOUR, Math.floor(work * (returnOnce ? 0.6 : 1)));
        let ok = true;
        const text = rnd.pick(PROGRESS);
        if (returnOnce) {
          ok = fire(t, villageAccount, villageUser, village.id, 'submit', 'rectifying', 'submitted', text, {});
          if (ok) progress = text;
          t += rnd.int(1, 3) * DAY;
          ok = ok && fire(t, stationAccount, stationUser, slot.station.id, 'return', 'submitted', 'rectifying', rnd.pick(RETURNS), {});
          if (ok) returned = 1;
          t += rnd.int(2, 6) * DAY;
        }
        ok = ok && fire(t, villageAccount, villageUser, village.id, 'submit', 'rectifying', 'submitted', text, {});
        if (ok) progress = text;
        t += rnd.int(1, 3) * DAY;
        ok = ok && fire(onTime ? Math.min(t, deadlineMs - HOUR) : t, stationAccount, stationUser, slot.station.id, 'accept', 'submitted', 'accepted', null, {});
        if (ok) resolvedAt = onTime ? Math.min(t, deadlineMs - HOUR) : t;
        t += rnd.int(1, 5) * DAY;
        const opinion = rnd.pick(CLOSURES);
        ok = ok && fire(t, stationAccount, stationUser, slot.station.id, 'close', 'accepted', 'closed', opinion, {});
        if (ok) {
          closure = opinion;
          closedAt = t;
        }
        t += rnd.int(1, 7) * DAY;
        ok = ok && rnd.chance(0.85) && fire(t, stationAccount, stationUser, slot.station.id, 'publish', 'closed', 'published', null, { publicSummary: PUBLIC_SUMMARY }, { reportedToOrgId: slot.township.id });
        if (ok) {
          publishedAt = t;
          reportedTo = slot.township.id;
        }
      }
      // overdue and unresolved: escalated to the township above, as the periodic job does
      let escalated: number | null = null;
      const escalateAt = Math.max(deadlineMs + 2 * HOUR, list[list.length - 1]!.at + HOUR);
      if (resolvedAt === null && escalateAt < horizon) {
        escalated = slot.township.id;
        list.push({ at: escalateAt, accountId: null, actor: 'system', actorOrg: null, kind: 'escalation', transition: null, from: null, to: null, body: '逾期未完成，已上报上一级', data: { toOrgId: escalated, deadline } });
      }
      // 督办 every 15 days: the next date due (one in five already past due)
      let supervisionDue: string | null = null;
      if (resolvedAt === null) {
        const days = Math.floor((msOfDate(today) - msOfDate(openedDate)) / DAY);
        const periods = Math.floor(days / 15) + (rnd.chance(0.2) ? 0 : 1);
        supervisionDue = dateOf(msOfDate(openedDate) + Math.max(1, periods) * 15 * DAY + 2 * HOUR);
      }
      push(cases, [id, countyId, 'problem', village.id, village.path, status, title, deadline, new Date(opened).toISOString(),
        resolvedAt === null ? null : new Date(resolvedAt).toISOString(), closedAt === null ? null : new Date(closedAt).toISOString(),
        supervisionDue, escalated, stationAccount, version, new Date(list[list.length - 1]!.at).toISOString()]);
      push(problems, [id, countyId, source, category, description, measuresSet, progress, village.id, rnd.chance(0.7) ? `${personName(rnd, rnd.chance(0.7) ? 'male' : 'female')}` : null,
        closure, publishedAt === null ? null : PUBLIC_SUMMARY, publishedAt === null ? null : new Date(publishedAt).toISOString(), reportedTo, returned,
        source === 'provincial_bulletin' || source === 'superior_feedback' ? `督查通报〔${openedDate.slice(0, 4)}〕${rnd.int(1, 40)}号` : null]);
    } else {
      const channel = weighted(rnd, CHANNELS);
      const category = weighted(rnd, REQUEST_CATEGORIES);
      const matter = rnd.pick(MATTERS[category]!);
      const gender = rnd.chance(0.55) ? 'male' : 'female';
      const citizen = personName(rnd, gender);
      const tel = phone(rnd);
      // staff at the station take in station and phone matters; the village the rest
      const intakeAtStation = channel === 'station' || channel === 'phone';
      const staffAccount = intakeAtStation ? stationAccount : villageAccount;
      const staffUser = intakeAtStation ? stationUser : villageUser;
      const staffOrg = intakeAtStation ? slot.station.id : village.id;
      status = 'received';
      list.push(channel === 'public'
        ? { at: opened, accountId: 0, actor: '群众', actorOrg: village.id, kind: 'open', transition: null, from: null, to: 'received', body: matter, data: {} }
        : { at: opened, accountId: staffAccount, actor: staffUser, actorOrg: staffOrg, kind: 'open', transition: null, from: null, to: 'received', body: matter, data: {} });
      let t = opened + (rnd.chance(0.85) ? rnd.int(10, 20 * 60) * 60_000 : rnd.int(25, 96) * HOUR);
      let owner: number | null = null;
      let respondedAt: number | null = null;
      let promised: string | null = null;
      let outcome: string | null = null;
      let resolved: boolean | null = null;
      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      let rating: string | null = null;
      let ratedAt: number | null = null;
      if (fire(t, staffAccount, staffUser, staffOrg, 'claim', 'received', 'claimed', null, {}, { owner: staffUser })) {
        owner = staffAccount;
        respondedAt = t;
        let ok = true;
        if (rnd.chance(0.5)) {
          const date = dateOf(t + rnd.int(3, 15) * DAY);
          t += rnd.int(1, 8) * HOUR;
          ok = fire(t, staffAccount, staffUser, staffOrg, 'promise', 'claimed', 'promised', null, { promisedDate: date }, { promisedDate: date, public: true });
          if (ok) promised = date;
        }
        t += rnd.int(1, 12) * DAY;
        const solved = rnd.chance(0.9);
        const text = rnd.pick(OUTCOMES);
        ok = ok && fire(t, staffAccount, staffUser, staffOrg, 'resolve', status!, 'resolved', text, { resolved: solved }, { resolved: solved, public: true });
        if (ok) {
          outcome = text;
          resolved = solved;
          resolvedAt = t;
          if (rnd.chance(0.7) && t + 2 * DAY < horizon) {
            // the citizen's rating on the public page (generated ratings are never 不满意, which
            // would reopen the request)
            ratedAt = t + rnd.int(1, 47) * HOUR;
            rating = rnd.chance(0.85) ? 'satisfied' : 'basic';
            list.push({ at: ratedAt, accountId: null, actor: '群众', actorOrg: null, kind: 'comment', transition: null, from: null, to: null, body: `群众评价：${rating === 'satisfied' ? '满意' : '基本满意'}`, data: { rating } });
            t = ratedAt;
          }
          t += rnd.int(2, 10) * DAY;
          if (fire(t, staffAccount, staffUser, staffOrg, 'archive', 'resolved', 'archived', null, {})) closedAt = t;
        }
      }
      push(cases, [id, countyId, 'request', village.id, village.path, status, matter.slice(0, 60), null, new Date(opened).toISOString(),
        resolvedAt === null ? null : new Date(resolvedAt).toISOString(), closedAt === null ? null : new Date(closedAt).toISOString(),
        null, null, channel === 'public' ? null : staffAccount, version, new Date(list[list.length - 1]!.at).toISOString()]);
      push(requests, [id, countyId, channel, category, matter, citizen, pii.encrypt(tel), pii.hash(tel), maskPhone(tel), trackingCodeOf(id),
        owner, owner, respondedAt === null ? null : new Date(respondedAt).toISOString(), promised, outcome, resolved, rating,
        ratedAt === null ? null : new Date(ratedAt).toISOString()]);
    }
    timeline(id, list);
  }
  return { countyIndex: plan.index, cases, problems, requests, events, maxCaseId };
}
