// The shell: a side menu on a desktop, a top bar with a drawer and a bottom tab bar on a phone;
// the account, its scope org and breadcrumbs; the page below.
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App as AntApp, Avatar, Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@lianxin/contract';
import { useAccount, useAuthActions } from './auth';
import { useI18n, type MessageKey } from './i18n';
import { LangSwitch } from './LangSwitch';
import { Logo } from './Logo';
import { entryOf, MENU_GROUP_LABELS, menuFor, mobileTabs, type MenuEntry } from './menu';
import { PageCrumbProvider, useCurrentCrumb } from './page-context';
import { Loading } from './Loading';
import './shell.css';

function useLogout() {
  const { logout } = useAuthActions();
  const navigate = useNavigate();
  const { modal } = AntApp.useApp();
  const { t } = useI18n();
  return () =>
    modal.confirm({
      title: t('shell.logoutConfirm'),
      okText: t('shell.logout'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        await logout().catch(() => undefined);
        navigate('/login?reason=logout', { replace: true });
      },
    });
}

function AccountCard() {
  const me = useAccount();
  const { t, label } = useI18n();
  return (
    <div className="lx-account-card" data-testid="account-card">
      <Avatar size={40} icon={<UserOutlined />} style={{ background: '#b7161b' }} />
      <div style={{ minWidth: 0 }}>
        <div className="lx-account-name">{me.displayName}</div>
        <div className="lx-account-meta">
          {me.username} · {me.roles.map((r) => label(ROLE_LABELS[r])).join('、')}
        </div>
        <div className="lx-account-meta">
          <ApartmentOutlined /> {t('shell.scope')}：<span data-testid="scope-org">{me.scopeOrg.name}</span>
        </div>
      </div>
    </div>
  );
}

function Crumbs() {
  const me = useAccount();
  const { t } = useI18n();
  const location = useLocation();
  const entries = menuFor(me.permissions, me.roles);
  const entry = entryOf(location.pathname, entries);
  // a page whose own name is its menu entry's (教育培训, 星级评定) adds nothing to the trail
  const crumb = useCurrentCrumb();
  const extra = entry && typeof crumb === 'string' && crumb === t(entry.label) ? undefined : crumb;
  const items: { title: React.ReactNode }[] = [{ title: <Link to="/">{t('menu.home')}</Link> }];
  if (entry && entry.path !== '/') {
    // /people/import sits under /people.
    const parent = entries.find((m) => m.path !== '/' && m.path !== entry.path && entry.path.startsWith(`${m.path}/`));
    if (parent) items.push({ title: <Link to={parent.path}>{t(parent.label)}</Link> });
    items.push({ title: extra ? <Link to={entry.path}>{t(entry.label)}</Link> : t(entry.label) });
  }
  if (extra) items.push({ title: extra });
  return <Breadcrumb items={items} className="lx-crumbs" />;
}

/** Menu items in their groups (a group's title is shown only when it has entries). */
function groupedItems(entries: MenuEntry[], t: (key: MessageKey) => string) {
  const item = (m: MenuEntry) => ({ key: m.path, icon: m.icon, label: t(m.label) });
  const top = entries.filter((m) => !m.group).map(item);
  const groups = (Object.keys(MENU_GROUP_LABELS) as (keyof typeof MENU_GROUP_LABELS)[])
    .map((g) => ({ g, children: entries.filter((m) => m.group === g).map(item) }))
    .filter((x) => x.children.length > 0)
    .map((x) => ({ type: 'group' as const, key: `group-${x.g}`, label: t(MENU_GROUP_LABELS[x.g]), children: x.children }));
  return [...top, ...groups];
}

export function AppShell() {
  const me = useAccount();
  const { t, label } = useI18n();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const entries = menuFor(me.permissions, me.roles);
  const current = entryOf(location.pathname, entries);
  const menuItems = groupedItems(entries, t);
  const go = (path: string) => {
    setDrawerOpen(false);
    navigate(path);
  };

  const accountMenu = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('shell.changePassword') },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
    ],
    onClick: ({ key }: { key: string }) => (key === 'logout' ? logout() : navigate('/change-password')),
  };

  const page = (
    <PageCrumbProvider>
      {!isMobile && <Crumbs />}
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </PageCrumbProvider>
  );

  // One tree for both sizes: the page keeps its position in it, so crossing the phone/desktop
  // breakpoint (a rotated tablet, a resized window) does not remount the page and lose a form.
  const tabs = isMobile ? mobileTabs(entries, me.roles) : [];
  return (
    <Layout className={isMobile ? 'lx-mobile' : 'lx-desktop'}>
      {isMobile ? null : (
        <Layout.Sider width={220} collapsible collapsed={collapsed} trigger={null} theme="light" className="lx-sider">
          <Link to="/" className="lx-brand">
            <Logo size={30} />
            {!collapsed && (
              <span>
                {t('app.name')}
                <small>{t('app.title')}</small>
              </span>
            )}
          </Link>
          <Menu mode="inline" selectedKeys={current ? [current.path] : []} items={menuItems} onClick={({ key }) => navigate(key)} data-testid="side-menu" />
        </Layout.Sider>
      )}
      <Layout>
        {isMobile ? (
          <>
            <header className="lx-mobile-header">
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('shell.menu')} data-testid="mobile-menu" style={{ color: '#fff' }} />
              <div className="lx-mobile-title">{current ? t(current.label) : t('app.name')}</div>
              <LangSwitch dark />
            </header>
            <div className="lx-mobile-scope">
              <ApartmentOutlined /> <span data-testid="scope-org">{me.scopeOrg.name}</span>
            </div>
          </>
        ) : (
          <Layout.Header className="lx-header">
            <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} aria-label={t('shell.menu')} />
            <Tag color="red" icon={<ApartmentOutlined />} className="lx-scope-tag">
              {t('shell.scope')}：<span data-testid="scope-org">{me.scopeOrg.name}</span>
            </Tag>
            <div style={{ flex: 1 }} />
            <LangSwitch />
            <Dropdown menu={accountMenu} placement="bottomRight" trigger={['click']}>
              <Button type="text" className="lx-account-button" data-testid="account-menu">
                <Avatar size={28} icon={<UserOutlined />} style={{ background: '#b7161b' }} />
                <span className="lx-account-text">
                  <Typography.Text strong>{me.displayName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {me.roles.map((r) => label(ROLE_LABELS[r])).join('、')}
                  </Typography.Text>
                </span>
              </Button>
            </Dropdown>
          </Layout.Header>
        )}
        <Layout.Content className={isMobile ? 'lx-mobile-content' : 'lx-content'}>{page}</Layout.Content>
        {isMobile ? (
          <nav className="lx-tabbar" aria-label={t('shell.menu')} data-testid="tabbar">
            {tabs.map((m) => (
              <Link key={m.path} to={m.path} className={current?.path === m.path ? 'active' : undefined}>
                <span className="icon">{m.icon}</span>
                <span>{t(m.label)}</span>
              </Link>
            ))}
            <button type="button" onClick={() => setDrawerOpen(true)}>
              <span className="icon">
                <UserOutlined />
              </span>
              <span>{t('menu.me')}</span>
            </button>
          </nav>
        ) : (
          <Layout.Footer className="lx-footer">{t('app.footer')}</Layout.Footer>
        )}
      </Layout>
      {isMobile ? (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={300} title={t('app.name') + ' · ' + t('app.title')}>
          <AccountCard />
          <Menu mode="inline" selectedKeys={current ? [current.path] : []} items={menuItems} onClick={({ key }) => go(key)} data-testid="side-menu" style={{ borderInlineEnd: 0 }} />
          <div style={{ padding: 16 }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button block icon={<KeyOutlined />} onClick={() => go('/change-password')}>
                {t('shell.changePassword')}
              </Button>
              <Button block danger icon={<LogoutOutlined />} onClick={logout} data-testid="logout">
                {t('shell.logout')}
              </Button>
            </Space>
          </div>
        </Drawer>
      ) : null}
    </Layout>
  );
}
