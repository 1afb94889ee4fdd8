import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/access.js';
import { mayRevealPhone } from './requests.policy.js';

const actor = (accountId: number, orgId: number, roles: string[]): Actor => ({ accountId, username: `a${accountId}`, roles: roles as Actor['roles'], scope: { orgId, path: `/1/${orgId}/`, countyId: 1 }, ip: '127.0.0.1' });
const station = actor(10, 5, ['station_admin']);
const stationColleague = actor(11, 5, ['station_admin']);
const township = actor(20, 2, ['township_admin']);
const county = actor(30, 1, ['county_admin']);
const department = actor(40, 9, ['department_admin']);
const auditor = actor(50, 5, ['auditor']);
const atStation = (over: Partial<{ status: string; ownerId: number | null; hasPhone: boolean }> = {}) => ({ orgId: 5, status: 'received', ownerId: null, hasPhone: true, ...over });

describe('who may see a citizen\'s full phone', () => {
  it('the unit addressed, before and after anyone claims it', () => {
    expect(mayRevealPhone(station, atStation())).toBe(true);
    expect(mayRevealPhone(stationColleague, atStation({ status: 'claimed', ownerId: 10 }))).toBe(true);
  });
  it('the owner (首问负责人 or whoever it was handed to), even from a unit above', () => {
    expect(mayRevealPhone(township, atStation({ status: 'claimed', ownerId: 20 }))).toBe(true);
    expect(mayRevealPhone(township, atStation({ status: 'resolved', ownerId: 20 }))).toBe(true);
  });
  it('not units above that do not own it, departments, auditors', () => {
    for (const a of [township, county, department, auditor]) expect(mayRevealPhone(a, atStation({ status: 'claimed', ownerId: 10 }))).toBe(false);
  });
  it('nobody once it is archived, nor where no phone was given', () => {
    expect(mayRevealPhone(station, atStation({ status: 'archived', ownerId: 10 }))).toBe(false);
    expect(mayRevealPhone(station, atStation({ hasPhone: false }))).toBe(false);
  });
});
