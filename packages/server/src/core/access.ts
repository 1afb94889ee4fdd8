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
};

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
