// 账号关联人员: the county's organization department links a work account to the person who uses
// it (and unlinks it), so the diaries, requests, closure signatures and scores the account records
// are that person's own — "recorded by" resolves through accounts.person_id. The three
// administrators' accounts (三员) are not work accounts and are not listed. Persons are found
// through the people service, in the caller's scope; each change is audited.
import { SEPARATED_ADMIN_ROLES, type AccountLinkQuery, type AccountLinkRow } from '@lianxin/contract';
import type { Db, Queryable } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, fieldError } from '../../core/errors.js';
import * as repo from './accounts.repository.js';
import type { LinkDbRow } from './accounts.repository.js';
import type { PeopleService } from '../people/index.js';

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
    const { rows, total } = await repo.listWorkAccounts(db, actor.scope.path, [...SEPARATED_ADMIN_ROLES], { q: query.q?.trim() || undefined, linked: query.linked, page, pageSize });
    return { page, pageSize, total, items: await present(db, rows) };
  }

  const findIn = (q: Queryable, actor: Actor, id: number, lock: boolean) => repo.findWorkAccount(q, actor.scope.path, [...SEPARATED_ADMIN_ROLES], id, lock);

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
      await repo.setAccountPerson(tx, id, personId);
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
