// 连心卡: a contact card per station, village and cadre post — name, duties, phone — whose QR code
// opens the unit's public page. Printing reveals cadres' phones on purpose; each view is audited.
import { POST_ROLE_LABELS, type PostRole } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { PiiCipher } from '../../core/pii.js';
import { orgInScope } from '../dispatch/dispatch.repository.js';

const DUTIES: Record<string, string> = {
  station: '宣传党的方针政策，督查指导所辖党组织建设，密切联系服务群众，收集社情民意，代办群众事项，协调解决群众困难。',
  village: '组织党员开展工作，联系服务本村群众，代办群众事项，调解矛盾纠纷，落实惠民政策。',
  community: '组织党员开展工作，联系服务社区居民，代办群众事项，调解矛盾纠纷。',
  township: '领导本乡镇（街道）党建工作，统筹联系服务群众，受理群众反映的问题。',
  grid: '网格内巡查走访，收集民情，代办群众事项，小事不出网格。',
};

export function createCardService(deps: { db: Db; pii: PiiCipher }) {
  const { db, pii } = deps;

  async function card(actor: Actor, orgId: number, origin: string, withPhones = true) {
    requireAction(actor, withPhones ? 'citizen:handle' : 'citizen:read');
    const org = await orgInScope(db, actor.scope, orgId);
    if (!org || !DUTIES[org.type]) throw new AppError('not_found', { zh: '该单位没有连心卡（工作站、村、社区、乡镇、网格有）', en: 'No contact card for this unit' });
    const staff = await db.query<{ role: PostRole; name: string; phone_enc: string | null }>(
      `SELECT po.role, pe.name, pe.phone_enc FROM posts po JOIN persons pe ON pe.id = po.person_id
       WHERE po.org_id = $1 AND (po.end_date IS NULL OR po.end_date >= CURRENT_DATE)
       ORDER BY array_position(ARRAY['station_chief','secretary','deputy_station_chief','first_secretary','village_director','deputy_secretary','party_worker','grid_worker']::text[], po.role::text), po.id`,
      [org.id],
    );
    const contacts = staff.slice(0, 6).map((s) => ({
      role: POST_ROLE_LABELS[s.role]?.zh ?? s.role,
      name: s.name,
      phone: withPhones && s.phone_enc ? pii.decrypt(s.phone_enc) : null,
    }));
    if (withPhones) {
      await db.transaction((tx) =>
        appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'card.view', objectType: 'org', objectId: org.id, summary: { contacts: contacts.length }, result: 'success', ip: actor.ip }),
      );
    }
    return {
      org: { id: org.id, name: org.name, type: org.type },
      title: `${org.name}连心卡`,
      duties: DUTIES[org.type]!,
      contacts,
      promise: '事事有回音、件件有落实',
      publicUrl: `${origin}/public/unit/${org.id}`,
      qrUrl: `/api/cards/${org.id}/qr.svg`,
    };
  }

  return { card };
}

export type CardService = ReturnType<typeof createCardService>;
