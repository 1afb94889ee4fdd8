// 账号关联人员: the county's organization department links a work account to the person who uses
// it (and unlinks it), so the diaries, requests, closure signatures and scores the account records
// are that person's own — "recorded by" resolves through accounts.person_id. The three
// administrators' accounts (三员) are not work accounts and are not listed. Persons are found
// through the people service, in the caller's scope; each change is audited.
import { SEPARATED_ADMIN_ROLES, type AccountLinkQuery, type AccountLinkRow, type Role } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { likePrefix, requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import { inScope } from '../../core/scope.js';
import type { PeopleService } from '../people/index.js';

type LinkDbRow = {
  id: number; username: string; display_name: string; roles: Role[]; scope_org_id: number; scope_name: string; scope_type: string;
  status: 'active' | 'disabled'; person_id: number | null;
};
const COLUMNS = `a.id, a.username, a.display_name, a.roles, a.scope_org_id, o.name AS scope_name, o.type AS scope_type, a.status, a.person_id`;
/** Work accounts only: none holding an administrator or audit role of 三员分立. */
const WORK = `NOT (a.roles && $2::text[])`;

export function createAccountLinkService(deps: { db: Db; people: Pick<PeopleService, 'personForDevelopment' | 'personNames'> }) {
  const { db, people } = deps;

  async function present(q: Queryable, rows: LinkDbRow[]): Promise<AccountLinkRow[]> {
    const names = new Map((await people.personNames(q, rows.flatMap((r) => (r.person_id ? [Number(r.person_id)] : [])))).map((p) => [Number(p.id), p.name]));
    return rows.map((r) => ({
      id: Number(r.id), username: r.username, displayName: r.display_name, roles: r.roles,
      scopeOrg: { id: Number(r.scope_org_id), name: r.scope_name, type: r.scope_type as never }, status: r.status,
      person: r.person_id ? { id: Number(r.person_id), name: names.get(Number(r.person_id)) ?? '' } : null,
    }));
  }

  /** The work accounts of the caller's subtree (by the account's scope org), with the person each is linked to. */
  async function list(actor: Actor, query: AccountLinkQuery) {
    requireAction(actor, 'account:link');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [likePrefix(actor.scope.path), [...SEPARATED_ADMIN_ROLES]];
    let where = `${inScope('o.path', 1)} AND ${WORK}`;
    if (query.q?.trim()) {
      params.push(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where += ` AND (a.username ILIKE $${params.length} OR a.display_name ILIKE $${params.length})`;
    }
    if (query.linked !== undefined) where += query.linked ? ' AND a.person_id IS NOT NULL' : ' AND a.person_id IS NULL';
    const [rows, [count]] = await Promise.all([
      db.query<LinkDbRow>(`SELECT ${COLUMNS} FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${where} ORDER BY o.path, a.username LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE ${where}`, params),
    ]);
    return { page, pageSize, total: count?.n ?? 0, items: await present(db, rows) };
  }

  async function findIn(q: Queryable, actor: Actor, id: number, lock: boolean) {
    const [row] = await q.query<LinkDbRow>(
      `SELECT ${COLUMNS} FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.id = $3 AND ${inScope('o.path', 1)} AND ${WORK}${lock ? ' FOR UPDATE OF a' : ''}`,
      [likePrefix(actor.scope.path), [...SEPARATED_ADMIN_ROLES], id],
    );
    return row;
  }

  async function get(actor: Actor, id: number): Promise<AccountLinkRow> {
    requireAction(actor, 'account:link');
    const row = await findIn(db, actor, id, false);
    if (!row) throw new AppError('not_found');
    return (await present(db, [row]))[0]!;
  }

  /** Links the account to a person of the caller's scope on the roster, or unlinks it (null); audited with before and after. */
  async function link(actor: Actor, id: number, personId: number | null): Promise<AccountLinkRow> {
    requireAction(actor, 'account:link');
    await db.transaction(async (tx) => {
      const row = await findIn(tx, actor, id, true);
      if (!row) throw new AppError('not_found');
      const before = row.person_id === null ? null : Number(row.person_id);
      if (before === personId) return;
      if (personId !== null) {
        const person = await people.personForDevelopment(tx, actor, personId);
        if (!person) throw fieldError('personId', '人员不存在或不在您的管辖范围内', 'No such person in your scope');
        if (person.status !== 'active') throw fieldError('personId', '此人已不在册（离开或去世），不能关联账号', 'The person is no longer on the roster');
      }
      await tx.query(`UPDATE accounts SET person_id = $2 WHERE id = $1`, [id, personId]);
      await appendAudit(tx, {
        countyId: actor.scope.countyId, accountId: actor.accountId, username: actor.username, action: personId === null ? 'account.unlink' : 'account.link',
        objectType: 'account', objectId: id, summary: { account: row.username, personId: [before, personId] }, result: 'success', ip: actor.ip,
      });
    });
    return get(actor, id);
  }

  return { list, get, link };
}

export type AccountLinkService = ReturnType<typeof createAccountLinkService>;
