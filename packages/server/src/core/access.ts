// Who is acting and what they may see: an account's roles and its scope (an org subtree).
import { can, type Action, type Role } from '@lianxin/contract';
import { AppError } from './errors.js';

export type Scope = {
  /** The scope org. */
  orgId: number;
  /** Its materialized path: every record whose org path starts with it is in scope. */
  path: string;
  /** The county (tenant) of the scope, or null for a scope above counties. */
  countyId: number | null;
  /**
   * Set for a scope above counties (a province's root): a signed-in account's `countyId` is then its
   * scope org's own id (records it writes need a tenant), which is not a county to read its subtree by.
   */
  aboveCounties?: boolean;
};

/**
 * The county id a list may read its subtree by (its county index) instead of the path: when the
 * subtree's root — `org`, or else the scope's own org — is a whole county. Never for a province's
 * root, whose "county id" is its own id and selects nothing (a province's account saw empty ledgers
 * and queues before this asked).
 */
export function wholeCountyOf(scope: Scope, org?: { id: number; county_id: number | null }): number | undefined {
  if (org) return org.county_id === org.id ? org.id : undefined;
  return !scope.aboveCounties && scope.countyId === scope.orgId ? scope.orgId : undefined;
}

export type Actor = {
  accountId: number;
  username: string;
  roles: Role[];
  scope: Scope;
  ip: string;
  /** A first or reset password: only the password change is open until it is replaced. */
  mustChangePassword?: boolean;
  /** An administrator who has not bound a second factor: only enrollment is open. */
  mustEnrollTotp?: boolean;
};

/** A system actor for the CLI (demo loading, generation): the whole tree, every action. */
export function systemActor(scope: Scope): Actor {
  return { accountId: 0, username: 'system', roles: ['county_admin'], scope, ip: 'cli' };
}

export function inScope(scope: Scope, path: string): boolean {
  return path.startsWith(scope.path);
}

/** Throws 403 unless one of the actor's roles allows the action. */
export function requireAction(actor: Actor, action: Action): void {
  if (!can(actor.roles, action)) throw new AppError('forbidden');
}

/** Throws 404 (existence is not revealed) when the record's org lies outside the scope. */
export function requireInScope(scope: Scope, path: string | undefined | null): asserts path is string {
  if (!path || !inScope(scope, path)) throw new AppError('not_found');
}

/** Escapes a path for a LIKE prefix match (paths hold only digits and slashes, but be strict). */
export function likePrefix(path: string): string {
  return path.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}
