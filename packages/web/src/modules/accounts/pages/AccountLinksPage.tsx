// 账号关联人员 (县委组织部): every work account of the county with the person it belongs to; link an
// unlinked one to a person of the roster, or unlink. The three administrators' accounts are not
// work accounts and are not listed. Filters are URL state.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App as AntApp, Button, Card, Col, Input, Modal, Popconfirm, Row, Segmented, Table, Typography } from 'antd';
import { ROLE_LABELS, type AccountLinkRow } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { PersonSelect } from '../../cadres/components/PostDialogs';
import { useAccountLinks, useLinkAccount } from '../accounts.api';

export function AccountLinksPage() {
  const { label } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const linkedParam = params.get('linked');
  const page = Number(params.get('page')) || 1;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useAccountLinks({ q, ...(linkedParam ? { linked: linkedParam === 'true' } : {}), page, pageSize: 20 });
  const link = useLinkAccount();
  const { message } = AntApp.useApp();
  const [linking, setLinking] = useState<AccountLinkRow>();
  return (
    <div data-testid="account-links-page">
      <PageHead title="账号关联人员" />
      <Typography.Paragraph type="secondary">工作账号关联到使用它的人员后，该账号记录的民情日记、经办的群众事项、销号签字和积分归属本人。</Typography.Paragraph>
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={8}><Input.Search allowClear defaultValue={q} placeholder="用户名或显示名" onSearch={(v) => set('q', v.trim())} /></Col>
          <Col>
            <Segmented value={linkedParam ?? ''} onChange={(v) => set('linked', String(v))} options={[{ value: '', label: '全部' }, { value: 'false', label: '未关联' }, { value: 'true', label: '已关联' }]} data-testid="account-links-filter" />
          </Col>
        </Row>
        {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        <Table<AccountLinkRow>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
          columns={[
            { title: '账号', render: (_, a) => <>{a.displayName}<Typography.Text type="secondary">（{a.username}）</Typography.Text></> },
            { title: '管辖范围', render: (_, a) => a.scopeOrg.name },
            { title: '角色', render: (_, a) => a.roles.map((r) => label(ROLE_LABELS[r])).join('、') },
            { title: '关联人员', render: (_, a) => (a.person ? <Link to={`/people/${a.person.id}`}>{a.person.name}</Link> : <Typography.Text type="secondary">未关联</Typography.Text>) },
            {
              title: '操作',
              render: (_, a) => (
                <>
                  <Button type="link" size="small" onClick={() => setLinking(a)} data-testid="account-link-open">{a.person ? '改为他人' : '关联人员'}</Button>
                  {a.person && (
                    <Popconfirm title={`解除 ${a.username} 与 ${a.person.name} 的关联？`} onConfirm={async () => {
                      await link.mutateAsync({ id: a.id, personId: null });
                      message.success('已解除关联');
                    }}>
                      <Button type="link" size="small" danger>解除</Button>
                    </Popconfirm>
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      {linking && <PersonModal account={linking} onClose={() => setLinking(undefined)} />}
    </div>
  );
}

function PersonModal({ account, onClose }: { account: AccountLinkRow; onClose: () => void }) {
  const [personId, setPersonId] = useState<number>();
  const [error, setError] = useState<string>();
  const link = useLinkAccount();
  const { message } = AntApp.useApp();
  const submit = async () => {
    if (!personId) return setError('请选择人员');
    try {
      const r = await link.mutateAsync({ id: account.id, personId });
      message.success(`${r.username} 已关联 ${r.person?.name ?? ''}`);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title={`${account.displayName}（${account.username}）关联人员`} onCancel={onClose} onOk={() => void submit()} confirmLoading={link.isPending} okText="关联" destroyOnHidden>
      <PersonSelect value={personId} onChange={(v) => { setPersonId(v); setError(undefined); }} testId="account-link-person" />
      {error && <div role="alert" style={{ color: '#cf1322', marginTop: 8 }}>{error}</div>}
    </Modal>
  );
}
