// 账号管理 (system and security administrators): the accounts with roles, scope and lock state.
import { App as AntApp, Button, Card, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { needsSecondFactor, ROLE_LABELS } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useAccounts, useResetTotp, useUnlockAccount, type AccountRow } from '../accounts.api';

export function AccountsPage() {
  const { t, label } = useI18n();
  const can = useCan();
  const { message, modal } = AntApp.useApp();
  const resetTotp = useResetTotp();
  const screens = Grid.useBreakpoint();
  const { values, update } = useUrlState(['page'] as const);
  const page = toInt(values.page) ?? 1;
  const accounts = useAccounts(page);
  const unlock = useUnlockAccount();
  const locked = (a: AccountRow) => !!a.lockedUntil && dayjs(a.lockedUntil).isAfter(dayjs());
  const statusOf = (a: AccountRow) => (
    <Space size={4} wrap>
      {a.status === 'active' ? <Tag color="green">{t('accounts.active')}</Tag> : <Tag>{t('accounts.disabled')}</Tag>}
      {locked(a) && <Tag color="orange">{t('accounts.locked', { t: dayjs(a.lockedUntil).format('HH:mm') })}</Tag>}
      {a.totpEnabled ? <Tag color="blue">{t('accounts.totpOn')}</Tag> : needsSecondFactor(a.roles) ? <Tag color="gold">{t('accounts.totpPending')}</Tag> : null}
    </Space>
  );
  // 三员分立: the security administrator does not act on the system or audit administrator's account.
  const actsOn = (a: AccountRow) => can('account:grant') && !a.roles.some((r) => r === 'sys_admin' || r === 'audit_admin');
  const resetTotpButton = (a: AccountRow) =>
    actsOn(a) && a.totpEnabled ? (
      <Button
        size="small"
        onClick={() =>
          modal.confirm({
            title: t('accounts.resetTotpConfirm', { name: a.displayName }),
            content: t('accounts.resetTotpHint'),
            okText: t('accounts.resetTotp'),
            cancelText: t('common.cancel'),
            onOk: () => resetTotp.mutateAsync(a.id).then(() => message.success(t('accounts.resetTotpDone')), (e: Error) => message.error(e.message)),
          })
        }
      >
        {t('accounts.resetTotp')}
      </Button>
    ) : null;
  const unlockButton = (a: AccountRow) =>
    actsOn(a) && locked(a) ? (
      <Button size="small" onClick={() => unlock.mutateAsync(a.id).then(() => message.success(t('accounts.unlocked')), (e: Error) => message.error(e.message))}>
        {t('accounts.unlock')}
      </Button>
    ) : null;
  const pagination = {
    current: page,
    pageSize: 20,
    total: accounts.data?.total ?? 0,
    showTotal: (n: number) => t('common.total', { n }),
    onChange: (p: number) => update({ page: p === 1 ? undefined : p }, { resetPage: false }),
  };
  return (
    <div data-testid="accounts-page">
      <PageHead title={t('accounts.title')} />
      <ApiErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      <Card size="small" styles={{ body: { padding: screens.md === false ? 12 : 0 } }}>
        {screens.md === false ? (
          <SimpleList<AccountRow>
            loading={accounts.isFetching}
            items={accounts.data?.items ?? []}
            rowKey={(a) => a.id}
            render={(a) => (
                <div>
                  <Typography.Text strong>{a.displayName}</Typography.Text> <Typography.Text type="secondary">{a.username}</Typography.Text>
                  <div style={{ fontSize: 13, color: '#666' }}>
                    {a.roles.map((r) => label(ROLE_LABELS[r])).join('、')} · {a.scopeOrg.name}
                  </div>
                  {statusOf(a)} {unlockButton(a)} {resetTotpButton(a)}
                </div>
            )}
          />
        ) : (
          <Table<AccountRow>
            rowKey="id"
            loading={accounts.isFetching}
            dataSource={accounts.data?.items ?? []}
            pagination={pagination}
            locale={{ emptyText: <Empty description={t('common.empty')} /> }}
            columns={[
              { title: t('accounts.username'), dataIndex: 'username' },
              { title: t('accounts.displayName'), dataIndex: 'displayName' },
              { title: t('accounts.roles'), dataIndex: 'roles', render: (roles: AccountRow['roles']) => roles.map((r) => <Tag key={r}>{label(ROLE_LABELS[r])}</Tag>) },
              { title: t('accounts.scope'), dataIndex: ['scopeOrg', 'name'] },
              { title: t('accounts.status'), key: 'status', render: (_: unknown, a) => statusOf(a) },
              { title: t('common.actions'), key: 'actions', render: (_: unknown, a) => <Space size={4}>{unlockButton(a)}{resetTotpButton(a)}</Space> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
