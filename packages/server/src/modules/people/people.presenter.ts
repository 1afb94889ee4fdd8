// Presenters turn rows into responses and are the one place personal data is unmasked: only a
// role with person:read_pii sees full ID numbers and phones.
import type { OrgType, PersonSummary } from '@lianxin/contract';
import { can } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { ageOn } from '../../core/calendar.js';
import type { PiiCipher } from '../../core/pii.js';
import type { PersonRow } from './people.repository.js';

export function personPresenter(actor: Actor, pii: PiiCipher, today: string) {
  const reveal = can(actor.roles, 'person:read_pii');
  const show = (enc: string | null, mask: string | null) => (reveal && enc ? pii.decrypt(enc) : mask);
  return {
    phone: show,
    summary(r: PersonRow): PersonSummary {
      return {
        id: r.id,
        name: r.name,
        gender: r.gender,
        ethnicity: r.ethnicity,
        birthDate: r.birth_date,
        age: ageOn(r.birth_date, today),
        idNumber: show(r.id_number_enc, r.id_number_mask),
        phone: show(r.phone_enc, r.phone_mask),
        education: r.education as PersonSummary['education'],
        org: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
        memberStatus: r.member_status,
        joinDate: r.join_date,
        flowStatus: r.flow_status,
        status: r.status,
        version: r.version,
      };
    },
  };
}
