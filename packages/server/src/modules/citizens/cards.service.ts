// 连心卡: a contact card per station, village and cadre post — name, duties, phone — whose QR code
// opens the unit's public page. Printing reveals cadres' phones on purpose; each view is audited.
import { POST_ROLE_LABELS, type PostRole } from '@lianxin/contract';
import type { Db } from '../../db/db.js';
import { requireAction, type Actor } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { PiiCipher } from '../../core/pii.js';
import { inScope as orgInScope } from '../../core/org-tree.js';
import { currentStaffOf } from '../people/index.js';

const DUTIES: Record<string, string> = {
  station: '宣传党的方针政策，督查指导所辖党组织建设，密切联系服务群众，收集社情民意，代办群众事项，协调解决群众困难。',
  village: '组织党员开展工作，联系服务本村群众，代办群众事项，调解矛盾纠纷，落实惠民政策。',
  community: '组织党员开展工作，联系服务社区居民，代办群众事项，调解矛盾纠纷。',
  township: '领导本乡镇（街道）党建工作，统筹联系服务群众，受理群众反映的问题。',
  grid: '网格内巡查走访，收集民情，代办群众事项，小事不出网格。',
};

/** What a cadre post does for citizens, printed on the post's own card. */
const POST_DUTIES: Partial<Record<PostRole, string>> = {
  station_chief: '主持工作站工作，督查指导所辖村，群众事项首问负责、限时办结。',
  deputy_station_chief: '协助站长工作，联系所辖村，代办群众事项。',
  party_worker: '驻站办公，受理群众事项，登记、跟踪、反馈办理进度。',
  secretary: '抓党建、带队伍，联系服务群众，群众事项首问负责。',
  first_secretary: '驻村帮扶，联系困难群众，协调解决群众急难愁盼问题。',
  deputy_secretary: '协助书记工作，联系群众，代办群众事项。',
  village_director: '主持村委会工作，落实惠民政策，调解矛盾纠纷。',
  clerk: '受理登记群众事项，代办证明材料，办理进度告知群众。',
  women_chair: '联系妇女儿童，关爱留守老人儿童，调解家庭纠纷。',
  militia_head: '组织民兵应急，协助治安巡逻，调解邻里纠纷。',
  grid_worker: '网格内巡查走访，收集民情，小事不出网格。',
};
const POST_DUTY_DEFAULT = '联系服务群众，代办群众事项，事事有回音、件件有落实。';

export function createCardService(deps: { db: Db; pii: PiiCipher }) {
  const { db, pii } = deps;

  async function card(actor: Actor, orgId: number, origin: string, withPhones = true) {
    requireAction(actor, withPhones ? 'citizen:handle' : 'citizen:read');
    const org = await orgInScope(db, actor.scope, orgId);
    if (!org || !DUTIES[org.type]) throw new AppError('not_found', { zh: '该单位没有连心卡（工作站、村、社区、乡镇、网格有）', en: 'No contact card for this unit' });
    const staff = (await currentStaffOf(db, org.id)) as { id: number; role: PostRole; name: string; phone_enc: string | null }[];
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

  /** 连心卡 of each cadre post of a unit: the post, the person, the phone, the unit's QR code. */
  async function postCards(actor: Actor, orgId: number, origin: string) {
    requireAction(actor, 'citizen:handle');
    const org = await orgInScope(db, actor.scope, orgId);
    if (!org || !DUTIES[org.type]) throw new AppError('not_found', { zh: '该单位没有连心卡（工作站、村、社区、乡镇、网格有）', en: 'No contact card for this unit' });
    const posts = (await currentStaffOf(db, org.id)) as { id: number; role: PostRole; name: string; phone_enc: string | null }[];
    await db.transaction((tx) =>
      appendAudit(tx, { countyId: org.county_id, accountId: actor.accountId, username: actor.username, action: 'card.view', objectType: 'org', objectId: org.id, summary: { posts: posts.length }, result: 'success', ip: actor.ip }),
    );
    return posts.map((p) => ({
      id: p.id,
      postId: p.id,
      role: POST_ROLE_LABELS[p.role]?.zh ?? p.role,
      name: p.name,
      phone: p.phone_enc ? pii.decrypt(p.phone_enc) : null,
      duties: POST_DUTIES[p.role] ?? POST_DUTY_DEFAULT,
      org: { id: org.id, name: org.name, type: org.type },
      publicUrl: `${origin}/public/unit/${org.id}`,
      qrUrl: `/api/cards/${org.id}/qr.svg`,
    }));
  }

  return { card, postCards };
}

export type CardService = ReturnType<typeof createCardService>;
