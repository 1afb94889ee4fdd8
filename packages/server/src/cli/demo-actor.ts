// The demo loaders act as the demo accounts, through the services, as a person would.
import type { Role } from '@lianxin/contract';
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';

/** The actor of a demo account (its roles and scope), for a loader calling the services. */
export async function demoActor(db: Db, username: string): Promise<Actor> {
  const [row] = await db.query<{ id: number; roles: Role[]; scope_org_id: number; path: string; county_id: number }>(
    `SELECT a.id, a.roles, a.scope_org_id, o.path, o.county_id FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = $1`,
    [username],
  );
  if (!row) throw new Error(`demo account ${username} missing`);
  return { accountId: Number(row.id), username, roles: row.roles, scope: { orgId: Number(row.scope_org_id), path: row.path, countyId: Number(row.county_id) }, ip: 'demo' };
}
