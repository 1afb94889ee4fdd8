// The menu: one entry per page, shown only when the account's permissions include its action,
// in groups on a desktop. On a phone the first four `mobileTab` entries the account may use are
// the bottom tabs — ordered for a village secretary: this week's tasks, problems, citizens.
import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CloudUploadOutlined,
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
} from '@ant-design/icons';
import type { Action } from '@lianxin/contract';
import type { MessageKey } from './i18n';

export type MenuGroup = 'work' | 'citizens' | 'org' | 'system';
export type MenuEntry = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  action?: Action;
  /** Order among the phone's bottom tabs (lower first); absent = only in the drawer. */
  mobileTab?: number;
  group?: MenuGroup;
};

export const MENU_GROUP_LABELS: Record<MenuGroup, MessageKey> = {
  work: 'menu.group.work',
  citizens: 'menu.group.citizens',
  org: 'menu.group.org',
  system: 'menu.group.system',
};

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, mobileTab: 0 },
  { path: '/dispatch', label: 'menu.dispatch', icon: <SendOutlined />, action: 'dispatch:read', mobileTab: 1, group: 'work' },
  { path: '/ledger', label: 'menu.ledger', icon: <FileSearchOutlined />, action: 'ledger:read', mobileTab: 2, group: 'work' },
  { path: '/lists', label: 'menu.lists', icon: <OrderedListOutlined />, action: 'ledger:read', group: 'work' },
  { path: '/inspections', label: 'menu.inspections', icon: <AlertOutlined />, action: 'dispatch:read', group: 'work' },
  { path: '/citizens', label: 'menu.citizens', icon: <SolutionOutlined />, action: 'citizen:read', mobileTab: 3, group: 'citizens' },
  { path: '/whistles', label: 'menu.whistles', icon: <UnorderedListOutlined />, action: 'citizen:read', group: 'citizens' },
  { path: '/diary', label: 'menu.diary', icon: <BookOutlined />, action: 'citizen:read', group: 'citizens' },
  { path: '/grids', label: 'menu.grids', icon: <ContactsOutlined />, action: 'citizen:read', group: 'citizens' },
  { path: '/cards', label: 'menu.cards', icon: <IdcardOutlined />, action: 'citizen:read', group: 'citizens' },
  { path: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, action: 'org:read', mobileTab: 4, group: 'org' },
  { path: '/people', label: 'menu.people', icon: <TeamOutlined />, action: 'person:read', mobileTab: 5, group: 'org' },
  { path: '/people/import', label: 'menu.import', icon: <CloudUploadOutlined />, action: 'person:import', group: 'org' },
  { path: '/accounts', label: 'menu.accounts', icon: <SafetyCertificateOutlined />, action: 'account:read', mobileTab: 6, group: 'system' },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, action: 'audit:read', mobileTab: 7, group: 'system' },
];

export function menuFor(permissions: readonly string[]): MenuEntry[] {
  return MENU.filter((m) => !m.action || permissions.includes(m.action));
}

/** The phone's bottom tabs: the first four entries with a tab order. */
export function mobileTabs(entries: MenuEntry[]): MenuEntry[] {
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
