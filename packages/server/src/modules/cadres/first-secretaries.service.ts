// 第一书记: the list and one page per first secretary (sending unit, term, days in post), a work
// log read through the front doors of the modules that keep the records — 民情日记 visits and
// citizen requests recorded by the accounts linked to the person, meetings attended, 党课 and
// 三个讲一次 given — and the daily living subsidy (seed 003) computed from the posts.
import {
  can,
  FIRST_SECRETARY_DAILY_FEN_DEFAULT,
  type FirstSecretaryDetail,
  type FirstSecretaryLogQuery,
  type FirstSecretaryPage,
  type FirstSecretaryRow,
  type FirstSecretarySubsidy,
  type FirstSecretarySubsidyQuery,
  type FirstSecretarySubsidyRate,
  type ListFirstSecretariesQuery,
} from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import { lastDayOfMonth, todayInChina } from '../../core/calendar.js';
import type { PeopleService } from '../people/index.js';
import { accountsLinkedTo } from '../accounts/index.js';
import { subjectResultsOf } from '../assessment/index.js';
import type { DiaryService } from '../citizens/index.js';
import type { OrglifeService } from '../orglife/index.js';
import type { TrainingService } from '../training/index.js';
import * as repo from './first-secretaries.repository.js';

/** The rule the days are counted by (stated on the table and in decisions.md). */
export const DAYS_RULE = '在村天数按任职（选派）起止日期计算：任职开始至结束的每一个日历日都算，在任的算到今天为止，不含未来的日子';

const DAY = 86_400_000;
/** Calendar days in [from, to], both ends counted; 0 when the span is empty. */
export function daysIn(from: string, to: string): number {
  return from > to ? 0 : Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
}
/** The days of a term [start, end ?? open] that fall in [from, to] and not after today. */
export function termDaysIn(term: { startDate: string; endDate: string | null }, from: string, to: string, today: string): number {
  const last = [to, term.endDate ?? to, today].sort()[0]!;
  const first = term.startDate > from ? term.startDate : from;
  return daysIn(first, last);
}

type Span = Awaited<ReturnType<PeopleService['postSpans']>>[number];
type People = Pick<PeopleService, 'postSpans' | 'detail' | 'rootPathOf'>;

export function createFirstSecretaryService(deps: {
  db: Db; people: People; diary: Pick<DiaryService, 'recordedBy'>; orglife: Pick<OrglifeService, 'attendedBy'>; training: Pick<TrainingService, 'personRecord'>; today?: () => string;
}) {
  const { db, people, diary, orglife, training } = deps;
  const today = deps.today ?? todayInChina;

  const countyOf = (actor: Actor): number => {
    if (actor.scope.countyId === null) throw new AppError('not_found');
    return actor.scope.countyId;
  };

  async function rate(actor: Actor): Promise<FirstSecretarySubsidyRate> {
    requireAction(actor, 'cadre:read');
    const fen = await repo.rateOf(db, countyOf(actor));
    return { dailyFen: fen ?? FIRST_SECRETARY_DAILY_FEN_DEFAULT, isDefault: fen === null };
  }

  /** The county's organization department sets the daily figure, at the county's root. */
  async function setRate(actor: Actor, dailyFen: number): Promise<FirstSecretarySubsidyRate> {
    requireAction(actor, 'cadre:configure');
    const county = countyOf(actor);
    if (actor.scope.orgId !== county) throw new AppError('forbidden', { zh: '第一书记生活补贴标准由县委组织部设置', en: 'The county sets the subsidy' });
    await db.transaction(async (tx: Queryable) => {
      const before = await repo.saveRate(tx, county, dailyFen);
      await appendAudit(tx, { countyId: county, accountId: actor.accountId, username: actor.username, action: 'first_secretary_subsidy.set', objectType: 'org', objectId: county, summary: { dailyFen: [before ?? FIRST_SECRETARY_DAILY_FEN_DEFAULT, dailyFen] }, result: 'success', ip: actor.ip });
    });
    return rate(actor);
  }

  /** The first-secretary posts held at any time in [from, to] under the caller's scope (or orgId). */
  async function spans(actor: Actor, from: string, to: string, orgId?: number): Promise<Span[]> {
    const root = await people.rootPathOf(actor, orgId);
    return (await people.postSpans(actor, from, to, 'first_secretary')).filter((s) => s.orgPath.startsWith(root));
  }

  function row(s: Span, t: string): FirstSecretaryRow {
    return {
      id: s.postId, postId: s.postId, person: s.person, village: s.org, sentFrom: s.sentFrom, startDate: s.startDate, endDate: s.endDate,
      current: s.startDate <= t && (s.endDate === null || s.endDate >= t),
      daysInPost: termDaysIn(s, s.startDate, s.endDate ?? t, t),
    };
  }

  async function list(actor: Actor, q: ListFirstSecretariesQuery): Promise<FirstSecretaryPage> {
    requireAction(actor, 'cadre:read');
    const t = today();
    const year = q.year ?? Number(t.slice(0, 4));
    let rows = (await spans(actor, `${year}-01-01`, `${year}-12-31`, q.orgId)).map((s) => row(s, t));
    if (q.current !== undefined) rows = rows.filter((r) => r.current === q.current);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    return { year, items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
  }

  /**
   * One first secretary's page: the post and the year's work log. Each part is read through its
   * module's front door with the caller's own permissions and scope; a part the caller may not
   * read is null (not an empty list).
   */
  async function detail(actor: Actor, postId: number, q: FirstSecretaryLogQuery): Promise<FirstSecretaryDetail> {
    requireAction(actor, 'cadre:read');
    const t = today();
    const year = q.year ?? Number(t.slice(0, 4));
    // the post in scope, whichever year it was held
    const s = (await people.postSpans(actor, '1900-01-01', '2999-12-31', 'first_secretary')).find((x) => x.postId === postId);
    if (!s) throw new AppError('not_found');
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const personId = s.person.id;
    const [recorded, meetings, trained, linked, r, assessed] = await Promise.all([
      can(actor.roles, 'citizen:read') ? diary.recordedBy(actor, personId, from, to) : null,
      can(actor.roles, 'orglife:read') ? orglife.attendedBy(actor, personId, from, to) : null,
      can(actor.roles, 'training:read') ? training.personRecord(actor, personId, { year, pageSize: 200 }) : null,
      accountsLinkedTo(db, personId),
      repo.rateOf(db, countyOf(actor)),
      // 考核结果 of this term (a post: a person sent twice has two), through assessment's front door
      can(actor.roles, 'assessment:read') ? subjectResultsOf(db, likePrefix(actor.scope.path), 'first_secretary', [postId]) : null,
    ]);
    const dailyFen = r ?? FIRST_SECRETARY_DAILY_FEN_DEFAULT;
    const days = termDaysIn(s, from, to, t);
    return {
      ...row(s, t),
      year,
      linkedAccounts: linked,
      visits: recorded?.visits ?? null,
      requests: recorded?.requests ?? null,
      meetings,
      talks: trained ? trained.items.filter((i) => i.kind !== 'session').map((i) => ({ id: i.id, date: i.heldOn, title: i.title, org: i.org })) : null,
      subsidy: { dailyFen, days, amountFen: days * dailyFen },
      assessments: assessed ? (assessed.get(postId) ?? []) : null,
    };
  }

  /** The year's (or a month's) subsidy table: days in the village per month from the post dates × the county's daily figure. */
  async function subsidy(actor: Actor, q: FirstSecretarySubsidyQuery): Promise<FirstSecretarySubsidy> {
    requireAction(actor, 'cadre:read');
    const t = today();
    const months = q.month ? [q.month] : Array.from({ length: 12 }, (_, i) => i + 1);
    const mm = (m: number) => String(m).padStart(2, '0');
    const from = `${q.year}-${mm(months[0]!)}-01`;
    const to = lastDayOfMonth(q.year, months[months.length - 1]!);
    const dailyFen = (await repo.rateOf(db, countyOf(actor))) ?? FIRST_SECRETARY_DAILY_FEN_DEFAULT;
    const rows = (await spans(actor, from, to, q.orgId)).map((s) => {
      const perMonth = months.map((m) => termDaysIn(s, `${q.year}-${mm(m)}-01`, lastDayOfMonth(q.year, m), t));
      const days = perMonth.reduce((a, b) => a + b, 0);
      return { postId: s.postId, person: s.person, village: s.org, sentFrom: s.sentFrom, startDate: s.startDate, endDate: s.endDate, months: perMonth, days, amountFen: days * dailyFen };
    }).filter((r) => r.days > 0);
    return {
      year: q.year, month: q.month ?? null, dailyFen, rule: DAYS_RULE, rows,
      totalDays: rows.reduce((a, r) => a + r.days, 0), totalFen: rows.reduce((a, r) => a + r.amountFen, 0),
    };
  }

  async function auditExport(actor: Actor, summary: Record<string, unknown>) {
    const county = countyOf(actor);
    await db.transaction((tx: Queryable) => appendAudit(tx, { countyId: county, accountId: actor.accountId, username: actor.username, action: 'first_secretary_subsidy.export', objectType: 'org', objectId: actor.scope.orgId, summary, result: 'success', ip: actor.ip }));
  }

  return { list, detail, rate, setRate, subsidy, auditExport };
}

export type FirstSecretaryService = ReturnType<typeof createFirstSecretaryService>;
