// Who may see a citizen's full phone number on a request: the handler of record, to call back
// (七步 promises "办结后电话告知"). Everyone else sees the masked number.
import { can } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';

const OFFICES = ['county_admin', 'township_admin', 'station_admin', 'village_admin'];

export type PhoneHolder = { orgId: number; status: string; ownerId: number | null; hasPhone: boolean };

/**
 * The handler of record: the current owner (首问负责人, or whoever it was handed over to), or an
 * office account of the unit the request was addressed to (the unit handling it, which calls
 * back before or after claiming it). Not a unit above it, not a department, not once archived.
 */
export function mayRevealPhone(actor: Actor, r: PhoneHolder): boolean {
  if (!can(actor.roles, 'citizen:handle') || !r.hasPhone || r.status === 'archived') return false;
  if (r.ownerId !== null && r.ownerId === actor.accountId) return true;
  return actor.scope.orgId === r.orgId && actor.roles.some((role) => OFFICES.includes(role));
}
