// A person's linked work accounts on their page (账号关联人员): what those accounts record — diaries,
// requests handled, closure signatures, scores — is this person's own. The county's organization
// department links another account here or unlinks one; everyone else reads.
import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Card, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { PersonDetail } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useAccountLinks, useLinkAccount } from '../accounts.api';

export function PersonAccountsCard({ person }: { person: PersonDetail }) {
  const can = useCan();
  const link = useLinkAccount();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const editable = can('account:link');
  return (
    <Card
      title="关联账号"
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="person-accounts"
      extra={editable && <Button size="small" icon={<LinkOutlined />} onClick={() => setAdding(true)} data-testid="person-accounts-link">关联账号</Button>}
    >
      {person.accounts.length === 0 ? (
        <Typography.Text type="secondary">未关联工作账号：此人的民情日记、经办事项、签字和积分无法归属本人。</Typography.Text>
      ) : (
        <Space wrap>
          {person.accounts.map((a) => (
            <Tag key={a.id} color="blue" data-testid="person-account">
              {a.displayName}（{a.username}）
              {editable && (
                <Popconfirm title={`解除 ${a.username} 与 ${person.name} 的关联？`} onConfirm={async () => {
                  await link.mutateAsync({ id: a.id, personId: null });
                  message.success('已解除关联');
                }}>
                  <Button type="link" size="small" style={{ padding: '0 0 0 4px', height: 'auto' }}>解除</Button>
                </Popconfirm>
              )}
            </Tag>
          ))}
        </Space>
      )}
      {editable && <div style={{ marginTop: 8 }}><Link to="/account-links">全部工作账号的关联</Link></div>}
      {adding && <LinkModal person={person} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function LinkModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [id, setId] = useState<number>();
  const [error, setError] = useState<string>();
  const accounts = useAccountLinks({ q, pageSize: 30 });
  const link = useLinkAccount();
  const { message } = AntApp.useApp();
  const chosen = accounts.data?.items.find((a) => a.id === id);
  const submit = async () => {
    if (!id) return setError('请选择账号');
    try {
      await link.mutateAsync({ id, personId: person.id });
      message.success(`已关联：${person.name}`);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title={`为 ${person.name} 关联工作账号`} onCancel={onClose} onOk={() => void submit()} confirmLoading={link.isPending} okText="关联" okButtonProps={{ 'data-testid': 'account-link-submit' } as never} destroyOnHidden>
      <Select
        showSearch
        style={{ width: '100%' }}
        value={id}
        onChange={(v) => { setId(v); setError(undefined); }}
        filterOption={false}
        onSearch={setQ}
        loading={accounts.isPending}
        placeholder="输入用户名或姓名查找账号"
        data-testid="account-link-select"
        options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}，${a.scopeOrg.name}）${a.person ? ` · 现关联：${a.person.name}` : ''}` }))}
      />
      {chosen?.person && chosen.person.id !== person.id && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>该账号现关联 {chosen.person.name}，关联后改为 {person.name}。</Typography.Paragraph>
      )}
      {error && <div role="alert" style={{ color: '#cf1322', marginTop: 8 }}>{error}</div>}
    </Modal>
  );
}
