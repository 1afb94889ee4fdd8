// The posts of a person or an org with their actions (调整、免职) and a 任职 button, for roles
// that may write posts; current posts first, ended ones greyed.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Empty, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { POST_ROLE_LABELS, SELECTION_CHANNEL_LABELS, type PostRecord } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert } from '../../../app/ui';
import { useOrgPosts, type OrgPost } from '../cadres.api';
import { AssignPostModal, ChangePostModal, EndPostModal } from './PostDialogs';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const current = (p: PostRecord) => !p.endDate || p.endDate >= today();

export function PostsTable({ posts, personId, orgId, compact }: { posts: (PostRecord | OrgPost)[]; personId?: number; orgId?: number; compact?: boolean }) {
  const { label } = useI18n();
  const can = useCan();
  const writable = can('person:post');
  const [assigning, setAssigning] = useState(false);
  const [changing, setChanging] = useState<PostRecord>();
  const [ending, setEnding] = useState<PostRecord>();
  const sorted = [...posts].sort((a, b) => Number(current(b)) - Number(current(a)));
  return (
    <div data-testid="posts-table">
      {writable && (
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} style={{ marginBottom: 8 }} data-testid="post-assign">
          任职
        </Button>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={sorted}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (current(p) ? '' : 'lx-row-ended')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无任职" /> }}
        columns={[
          {
            title: '岗位', dataIndex: 'role',
            render: (_: unknown, p) => (
              <Space size={4} wrap>
                {label(POST_ROLE_LABELS[p.role])}
                {p.concurrent && <Tag>一肩挑</Tag>}
                {p.civilService && <Tag color="purple" title={`${p.civilServiceDate ?? ''} ${p.civilServiceBasis ?? ''}`}>公职化</Tag>}
              </Space>
            ),
          },
          'person' in (posts[0] ?? {})
            ? { title: '姓名', key: 'person', render: (_: unknown, p) => <Link to={`/people/${(p as OrgPost).person.id}`}>{(p as OrgPost).person.name}</Link> }
            : { title: '组织', key: 'org', render: (_: unknown, p) => p.org.name },
          ...(compact ? [] : [
            { title: '选任方式', key: 'channel', render: (_: unknown, p: PostRecord) => (p.selectionChannel ? label(SELECTION_CHANNEL_LABELS[p.selectionChannel]) : '—') },
            { title: '选派单位', key: 'sentFrom', render: (_: unknown, p: PostRecord) => p.sentFrom ?? '—' },
          ]),
          { title: '任期', key: 'term', render: (_: unknown, p) => <>{p.startDate} 至 {p.endDate ?? <Tag color="green">在任</Tag>}</> },
          ...(writable ? [{
            title: '', key: 'actions',
            render: (_: unknown, p: PostRecord) => current(p) && (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setChanging(p)}>调整</Button>
                <Button type="link" size="small" danger onClick={() => setEnding(p)} data-testid="post-end">免职</Button>
              </Space>
            ),
          }] : []),
        ]}
      />
      {assigning && <AssignPostModal open personId={personId} orgId={orgId} onClose={() => setAssigning(false)} />}
      {changing && <ChangePostModal open post={changing} onClose={() => setChanging(undefined)} />}
      {ending && <EndPostModal open post={ending} onClose={() => setEnding(undefined)} />}
    </div>
  );
}

/** An org's posts (its 班子成员), loaded on its own. */
export function OrgPostsTable({ orgId, compact }: { orgId: number; compact?: boolean }) {
  const posts = useOrgPosts(orgId);
  if (posts.error) return <ApiErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />;
  return <PostsTable posts={posts.data ?? []} orgId={orgId} compact={compact} />;
}
