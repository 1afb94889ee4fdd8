// 岗位职责清单: the county's template (13 posts × 67 duties as the sample) and each village's copy,
// which the village rewords and extends within the county's limits (posts fixed, 1–15 duties
// each). What is saved is shown on the village's public page.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Input, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DUTY_LIMITS, type DutyPost } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useDutyList, useDutyTemplate, useSaveDutyList, useSaveDutyTemplate } from '../flows.api';
import { useFlowsT } from '../flows.messages';
import { FlowsNav } from '../components/FlowsNav';

function PostsEditor({ posts, onChange, editable, fixedPosts }: { posts: DutyPost[]; onChange: (p: DutyPost[]) => void; editable: boolean; fixedPosts: boolean }) {
  const t = useFlowsT();
  const setItems = (i: number, items: string[]) => onChange(posts.map((p, j) => (j === i ? { ...p, items } : p)));
  return (
    <Row gutter={[12, 12]}>
      {posts.map((p, i) => (
        <Col xs={24} lg={12} key={`${i}-${fixedPosts ? p.post : ''}`}>
          <Card size="small" data-testid="duty-post" title={fixedPosts || !editable ? p.post : <Input value={p.post} maxLength={30} onChange={(e) => onChange(posts.map((x, j) => (j === i ? { ...x, post: e.target.value } : x)))} />}
            extra={<Tag bordered={false}>{t('duties.items', { n: p.items.length })}</Tag>}>
            <ol style={{ paddingInlineStart: 20, margin: 0 }}>
              {p.items.map((item, k) => (
                <li key={k} style={{ marginBottom: 4 }}>
                  {editable ? (
                    <Space.Compact style={{ width: '100%' }}>
                      <Input.TextArea autoSize value={item} maxLength={200} onChange={(e) => setItems(i, p.items.map((x, m) => (m === k ? e.target.value : x)))} data-testid="duty-item" />
                      <Button icon={<DeleteOutlined />} disabled={p.items.length <= 1} onClick={() => setItems(i, p.items.filter((_, m) => m !== k))} />
                    </Space.Compact>
                  ) : item}
                </li>
              ))}
            </ol>
            {editable && <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={p.items.length >= DUTY_LIMITS.maxItemsPerPost} onClick={() => setItems(i, [...p.items, ''])} style={{ marginTop: 6 }} data-testid="duty-add">{t('duties.addItem')}</Button>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function DutiesPage() {
  const t = useFlowsT();
  const me = useAccount();
  const can = useCan();
  const { message } = AntApp.useApp();
  const { values, update } = useUrlState(['orgId'] as const);
  const own = me.scopeOrg.type === 'village' || me.scopeOrg.type === 'community' ? me.scopeOrg.id : undefined;
  const orgId = toInt(values.orgId) ?? own;
  const list = useDutyList(orgId);
  const template = useDutyTemplate();
  const saveList = useSaveDutyList(orgId ?? 0);
  const saveTemplate = useSaveDutyTemplate();
  const source = orgId ? list.data : template.data;
  const [posts, setPosts] = useState<DutyPost[]>([]);
  useEffect(() => {
    if (source) setPosts(source.posts);
  }, [source]);
  usePageCrumb(orgId ? list.data?.org.name : undefined);
  const editable = orgId ? can('flow:act') : can('flow:configure');
  const error = orgId ? list.error : template.error;
  const saving = orgId ? saveList : saveTemplate;
  const problem = saving.error instanceof ApiError ? [saving.error.message, ...saving.error.fields.map((f) => f.message)].filter((x, i, a) => a.indexOf(x) === i).join('；') : null;

  return (
    <div data-testid="flows-duties">
      <PageHead title={orgId && list.data ? `${t('duties.title')} · ${list.data.org.name}` : `${t('duties.title')} · ${t('duties.template')}`} record />
      <FlowsNav />
      {!own && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Typography.Text>{t('duties.unit')}</Typography.Text>
            <div style={{ minWidth: 280 }}><OrgTreeSelect value={orgId} selectable={['village', 'community']} onChange={(v) => update({ orgId: v })} placeholder={t('duties.template')} testId="duties-org" /></div>
          </Space>
        </Card>
      )}
      {error && <ApiErrorAlert error={error} />}
      {!source ? <Card><Skeleton active /></Card> : (
        <>
          <Alert
            type={orgId ? (list.data?.own ? 'success' : 'info') : template.data?.sample ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={orgId ? (list.data?.own ? t('duties.own') : t('duties.fromTemplate')) : template.data?.sample ? t('duties.sample') : t('duties.template')}
            description={orgId && editable ? t('duties.rules') : undefined}
          />
          <PostsEditor posts={posts} onChange={setPosts} editable={editable} fixedPosts={!!orgId} />
          {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="duties-error" />}
          {editable && (
            <Button type="primary" size="large" style={{ marginTop: 12 }} loading={saving.isPending} data-testid="duties-save"
              onClick={() => {
                const body = { posts, version: source.version };
                const done = { onSuccess: () => message.success(t('duties.saved')) };
                if (orgId) saveList.mutate(body, done);
                else saveTemplate.mutate(body, done);
              }}>
              {t('duties.save')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
