// Enumerations of the domain with their Chinese (and English) labels — shared by server and web.

export const ROLES = [
  'county_admin', // 县委组织部
  'township_admin', // 乡镇（街道）党委
  'station_admin', // 党建工作站
  'village_admin', // 村（社区）党组织
  'department_admin', // 职能部门
  'auditor', // 审计员: reads the audit log only
  'sys_admin', // 系统管理员
  'sec_admin', // 安全管理员
  'audit_admin', // 审计管理员
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  county_admin: { zh: '县委组织部', en: 'County organization department' },
  township_admin: { zh: '乡镇（街道）党委', en: 'Township committee' },
  station_admin: { zh: '党建工作站', en: 'Work station' },
  village_admin: { zh: '村（社区）党组织', en: 'Village branch' },
  department_admin: { zh: '职能部门', en: 'Department' },
  auditor: { zh: '审计员', en: 'Auditor' },
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  sec_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
};

/** 三员: no account may hold two of these. */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];
/** Administrators sign in with a second factor (TOTP), per SECURITY.md. */
export function needsSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r));
}

export const ORG_TYPES = [
  'province',
  'county',
  'township',
  'station',
  'village',
  'community',
  'agency',
  'enterprise',
  'social_org',
  'party_group',
  'grid',
  'department',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  county: { zh: '县（区）委', en: 'County committee' },
  township: { zh: '乡镇（街道）党委', en: 'Township committee' },
  station: { zh: '党建工作站', en: 'Work station' },
  village: { zh: '村党组织', en: 'Village branch' },
  community: { zh: '社区党组织', en: 'Community branch' },
  agency: { zh: '机关党组织', en: 'Agency branch' },
  enterprise: { zh: '非公企业党组织', en: 'Enterprise branch' },
  social_org: { zh: '社会组织党组织', en: 'Social organization branch' },
  party_group: { zh: '党小组', en: 'Party group' },
  grid: { zh: '网格', en: 'Grid' },
  department: { zh: '职能部门', en: 'Department' },
};

/** Which node types may sit directly under which (the default rules; a county may narrow them). */
export const ORG_NESTING: Record<OrgType, readonly OrgType[]> = {
  province: ['county'],
  county: ['township', 'agency', 'enterprise', 'social_org', 'department'],
  township: ['station', 'village', 'community', 'agency', 'enterprise', 'social_org'],
  station: ['village', 'community'],
  village: ['party_group', 'grid'],
  community: ['party_group', 'grid'],
  agency: ['party_group'],
  enterprise: ['party_group'],
  social_org: ['party_group'],
  department: ['party_group'],
  party_group: [],
  grid: [],
};

/** A station covers 3–7 village Party organizations (宜君县); outside that is a warning. */
export const STATION_VILLAGES_MIN = 3;
export const STATION_VILLAGES_MAX = 7;

export const POST_ROLES = [
  'secretary',
  'deputy_secretary',
  'committee_member',
  'village_director',
  'militia_head',
  'youth_league_secretary',
  'women_chair',
  'clerk',
  'supervision_director',
  'first_secretary',
  'station_chief',
  'deputy_station_chief',
  'party_worker',
  'grid_worker',
  'township_committee_member',
  'department_head',
] as const;
export type PostRole = (typeof POST_ROLES)[number];

export const POST_ROLE_LABELS: Record<PostRole, { zh: string; en: string }> = {
  secretary: { zh: '书记', en: 'Secretary' },
  deputy_secretary: { zh: '副书记', en: 'Deputy secretary' },
  committee_member: { zh: '委员', en: 'Committee member' },
  village_director: { zh: '村委会主任', en: 'Village committee director' },
  militia_head: { zh: '民兵连长', en: 'Militia head' },
  youth_league_secretary: { zh: '团支部书记', en: 'Youth League secretary' },
  women_chair: { zh: '妇联主席', en: "Women's federation chair" },
  clerk: { zh: '文书', en: 'Clerk' },
  supervision_director: { zh: '监委会主任', en: 'Supervision committee director' },
  first_secretary: { zh: '第一书记', en: 'First secretary' },
  station_chief: { zh: '站长', en: 'Station chief' },
  deputy_station_chief: { zh: '副站长', en: 'Deputy station chief' },
  party_worker: { zh: '专职党务工作者', en: 'Full-time Party worker' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  township_committee_member: { zh: '乡镇党委委员', en: 'Township committee member' },
  department_head: { zh: '部门负责人', en: 'Department head' },
};

export const EDUCATIONS = [
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'master',
  'doctor',
] as const;
export type Education = (typeof EDUCATIONS)[number];

export const EDUCATION_LABELS: Record<Education, { zh: string; en: string }> = {
  primary: { zh: '小学', en: 'Primary school' },
  junior: { zh: '初中', en: 'Junior middle school' },
  senior: { zh: '高中', en: 'Senior high school' },
  vocational: { zh: '中专', en: 'Vocational school' },
  college: { zh: '大专', en: 'College' },
  bachelor: { zh: '本科', en: 'Bachelor' },
  master: { zh: '硕士研究生', en: 'Master' },
  doctor: { zh: '博士研究生', en: 'Doctor' },
};

export const MEMBER_STATUSES = ['formal', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, { zh: string; en: string }> = {
  formal: { zh: '正式党员', en: 'Full member' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
};

export const FLOW_STATUSES = ['none', 'outflow', 'inflow'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];
export const FLOW_STATUS_LABELS: Record<FlowStatus, { zh: string; en: string }> = {
  none: { zh: '非流动', en: 'Resident' },
  outflow: { zh: '流出', en: 'Outflowing' },
  inflow: { zh: '流入', en: 'Inflowing' },
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, { zh: string; en: string }> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

/** Find an enum value by its Chinese or English label, or the value itself (Excel import). */
export function valueByLabel<T extends string>(
  labels: Record<T, { zh: string; en: string }>,
  text: string,
): T | undefined {
  const t = text.trim();
  for (const [value, label] of Object.entries(labels) as [T, { zh: string; en: string }][]) {
    if (t === value || t === label.zh || t.toLowerCase() === label.en.toLowerCase()) return value;
  }
  return undefined;
}
