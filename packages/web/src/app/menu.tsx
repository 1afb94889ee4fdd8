// The menu: one entry per page, shown only when the account's permissions include its action.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Action } from '@lianxin/contract';
import type { MessageKey } from './i18n';

export type MenuEntry = { path: string; label: MessageKey; icon: ReactNode; action?: Action; mobileTab?: boolean };

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, mobileTab: true },
  { path: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, action: 'org:read', mobileTab: true },
  { path: '/people', label: 'menu.people', icon: <TeamOutlined />, action: 'person:read', mobileTab: true },
  { path: '/people/import', label: 'menu.import', icon: <CloudUploadOutlined />, action: 'person:import' },
  { path: '/accounts', label: 'menu.accounts', icon: <SafetyCertificateOutlined />, action: 'account:read', mobileTab: true },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, action: 'audit:read', mobileTab: true },
];

export function menuFor(permissions: readonly string[]): MenuEntry[] {
  return MENU.filter((m) => !m.action || permissions.includes(m.action));
}

/** The menu entry a path belongs to: the longest matching prefix. */
export function entryOf(pathname: string, entries: MenuEntry[]): MenuEntry | undefined {
  return [...entries]
    .filter((m) => (m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
