// The menu: one entry per page, shown only when the account's permissions include its action,
// in groups on a desktop, and cut to what the account's level does (a village does not run
// inspections). On a phone the bottom tabs are its role's four (mobileTabs).
import type { ReactNode } from 'react';
import {
  ReadOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ClusterOutlined,
  AuditOutlined,
  BookOutlined,
  BranchesOutlined,
  BarChartOutlined,
  FlagOutlined,
  CloudUploadOutlined,
  CalendarOutlined,
  ProfileOutlined,
  ContactsOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  WarningOutlined,
  UserAddOutlined,
  RiseOutlined,
  AccountBookOutlined,
  ShopOutlined,
  StarOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Action, Role } from '@lianxin/contract';
import type { MessageKey } from './i18n';

export type MenuGroup = 'work' | 'manage' | 'citizens' | 'org' | 'system';
export type MenuEntry = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  action?: Action;
  /** Order among the phone's bottom tabs (lower first); absent = only in the drawer. */
  mobileTab?: number;
  group?: MenuGroup;
  /** Only for these roles (besides the action): the work of some levels only. */
  roles?: Role[];
};

export const MENU_GROUP_LABELS: Record<MenuGroup, MessageKey> = {
  work: 'menu.group.work',
  manage: 'menu.group.manage',
  citizens: 'menu.group.citizens',
  org: 'menu.group.org',
  system: 'menu.group.system',
};

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, mobileTab: 0 },
  { path: '/dispatch', label: 'menu.dispatch', icon: <SendOutlined />, action: 'dispatch:read', mobileTab: 1, group: 'work' },
  { path: '/ledger', label: 'menu.ledger', icon: <FileSearchOutlined />, action: 'ledger:read', mobileTab: 2, group: 'work' },
  { path: '/orglife', label: 'menu.orglife', icon: <CalendarOutlined />, action: 'orglife:read', group: 'work', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 小微权力: matters run by villages against the county's flows; 失职预警 to the levels above
  { path: '/flows', label: 'menu.flows', icon: <BranchesOutlined />, action: 'flow:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 项目化推进: every level runs or follows Party-building service projects
  { path: '/projects', label: 'menu.projects', icon: <FlagOutlined />, action: 'project:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'] },
  // 三务公开 · 财务审计 · 台账: villages publish, the levels above watch the disclosure day and audit
  { path: '/openness', label: 'menu.openness', icon: <ProfileOutlined />, action: 'openness:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  { path: '/lists', label: 'menu.lists', icon: <OrderedListOutlined />, action: 'list:read', group: 'work' },
  // 督查问责 is done by the county, townships and stations; villages and departments are its subjects
  { path: '/inspections', label: 'menu.inspections', icon: <AlertOutlined />, action: 'inspection:read', group: 'work', roles: ['county_admin', 'township_admin', 'station_admin'] },
  // 考核: the county sets schemes and reviews, townships score their villages, stations and villages read their own
  { path: '/assessment', label: 'menu.assessment', icon: <BarChartOutlined />, action: 'assessment:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 软弱涣散整顿: the county lists, townships propose and rectify, stations and villages read their own
  { path: '/weak-orgs', label: 'menu.weakOrgs', icon: <WarningOutlined />, action: 'weakorg:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 经费与报酬, 阵地与设施: every office keeps its own; villages tick checklists and keep the duty roster on a phone
  { path: '/funds', label: 'menu.funds', icon: <AccountBookOutlined />, action: 'funds:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'] },
  { path: '/facilities', label: 'menu.facilities', icon: <ShopOutlined />, action: 'funds:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 教育培训: the county's catalogue, sessions with phone attendance, 书记讲党课, coverage — every office but departments
  { path: '/training', label: 'menu.training', icon: <ReadOutlined />, action: 'training:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  { path: '/citizens', label: 'menu.citizens', icon: <SolutionOutlined />, action: 'citizen:read', mobileTab: 3, group: 'citizens' },
  { path: '/whistles', label: 'menu.whistles', icon: <UnorderedListOutlined />, action: 'citizen:read', group: 'citizens' },
  // household visits, grids and 连心卡 are the work of the levels that face villagers, not departments'
  { path: '/diary', label: 'menu.diary', icon: <BookOutlined />, action: 'citizen:read', group: 'citizens', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  { path: '/grids', label: 'menu.grids', icon: <ContactsOutlined />, action: 'citizen:read', group: 'citizens', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  { path: '/cards', label: 'menu.cards', icon: <IdcardOutlined />, action: 'citizen:read', group: 'citizens', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  { path: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, action: 'org:read', mobileTab: 4, group: 'org' },
  { path: '/people', label: 'menu.people', icon: <TeamOutlined />, action: 'person:read', mobileTab: 5, group: 'org' },
  // 党小组: a branch keeps its own (a village secretary on a phone); townships, stations and the county pick a branch below them
  { path: '/orglife/party-groups', label: 'menu.partyGroups', icon: <ClusterOutlined />, action: 'orglife:read', group: 'org', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'] },
  // 干部队伍与发展党员: the offices that keep cadres and branches (departments keep their own branch's members)
  { path: '/cadres', label: 'menu.cadres', icon: <SolutionOutlined />, action: 'cadre:read', group: 'org', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  { path: '/reserve', label: 'menu.reserve', icon: <UserAddOutlined />, action: 'person:read', group: 'org', roles: ['county_admin', 'township_admin', 'station_admin'] },
  { path: '/developments', label: 'menu.developments', icon: <RiseOutlined />, action: 'cadre:read', group: 'org', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'] },
  // 干部选任: 公开选拔, 换届 and 结对培养 — run by the county and townships, read by stations and villages
  { path: '/selection', label: 'menu.selection', icon: <TrophyOutlined />, action: 'selection:read', group: 'org', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 第一书记: the list, work log and living subsidy — the county and townships
  { path: '/first-secretaries', label: 'menu.firstSecretaries', icon: <FlagOutlined />, action: 'cadre:read', group: 'org', roles: ['county_admin', 'township_admin'] },
  { path: '/people/import', label: 'menu.import', icon: <CloudUploadOutlined />, action: 'person:import', group: 'org' },
  { path: '/accounts', label: 'menu.accounts', icon: <SafetyCertificateOutlined />, action: 'account:read', mobileTab: 6, group: 'system' },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, action: 'audit:read', mobileTab: 7, group: 'system' },
  // 星级评定: the county rates and publishes, townships enter post assessments, stations and villages read their cadres' stars
  { path: '/stars', label: 'menu.stars', icon: <StarOutlined />, action: 'recognition:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 党员积分·支部积星: the branch proposes manual items, the levels above approve; everyone reads the board of their scope
  { path: '/points', label: 'menu.points', icon: <StarOutlined />, action: 'recognition:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
  // 称号认定 (四创建四争当, 示范点, 示范户): townships nominate, the county approves and publishes; stations and villages read theirs
  { path: '/designations', label: 'menu.designations', icon: <TrophyOutlined />, action: 'recognition:read', group: 'manage', roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'] },
];

export function menuFor(permissions: readonly string[], roles?: readonly Role[]): MenuEntry[] {
  return MENU.filter((m) => (!m.action || permissions.includes(m.action)) && (!m.roles || !roles || m.roles.some((r) => roles.includes(r))));
}

/**
 * The phone's bottom tabs of each role, in the order that role uses them most: a village its
 * problems, the week's tasks and citizens; a department its whistles (吹哨报到).
 */
const TABS_BY_ROLE: Partial<Record<Role, string[]>> = {
  village_admin: ['/', '/ledger', '/dispatch', '/citizens'],
  station_admin: ['/', '/dispatch', '/ledger', '/citizens'],
  township_admin: ['/', '/dispatch', '/ledger', '/citizens'],
  county_admin: ['/', '/dispatch', '/ledger', '/orgs'],
  department_admin: ['/', '/whistles', '/dispatch', '/ledger'],
};

/** The phone's bottom tabs: the role's four, else the first four entries with a tab order. */
export function mobileTabs(entries: MenuEntry[], roles: readonly Role[] = []): MenuEntry[] {
  const preset = roles.map((r) => TABS_BY_ROLE[r]).find(Boolean);
  if (preset) {
    const tabs = preset.map((p) => entries.find((m) => m.path === p)).filter((m): m is MenuEntry => !!m);
    if (tabs.length >= 2) return tabs.slice(0, 4);
  }
  return entries
    .filter((m) => m.mobileTab !== undefined)
    .sort((a, b) => a.mobileTab! - b.mobileTab!)
    .slice(0, 4);
}

/** The menu entry a path belongs to: the longest matching prefix. */
export function entryOf(pathname: string, entries: MenuEntry[]): MenuEntry | undefined {
  return [...entries]
    .filter((m) => (m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
