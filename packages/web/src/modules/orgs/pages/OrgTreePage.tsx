// 组织体系: the scope's tree (searchable, virtualized), and the selected node's detail. The
// selection and the search live in the URL.
import { useEffect, useMemo, useState, type Key, type ReactNode } from 'react';
import { Card, Checkbox, Col, Drawer, Empty, Grid, Input, Row, Skeleton, Tag, Tooltip, Tree, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { ORG_TYPE_LABELS, type OrgNode } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { indexTree, pathOf, useOrgTree, type TreeIndex } from '../orgs.api';
import { OrgDetailPanel } from '../components/OrgDetailPanel';
import '../orgs.css';

type TreeItem = { key: number; title: ReactNode; children?: TreeItem[]; isLeaf?: boolean };

function highlight(name: string, q: string): ReactNode {
  if (!q) return name;
  const i = name.indexOf(q);
  if (i < 0) return name;
  return (
    <>
      {name.slice(0, i)}
      <mark className="lx-mark">{q}</mark>
      {name.slice(i + q.length)}
    </>
  );
}

function buildTree(index: TreeIndex, q: string, showClosed: boolean, typeLabel: (n: OrgNode) => string): { items: TreeItem[]; matches: number[] } {
  const matches: number[] = [];
  const visible = (n: OrgNode) => showClosed || n.status === 'active';
  // With a search, keep matching nodes and their ancestors only.
  const keep = new Set<number>();
  if (q) {
    for (const n of index.byId.values()) {
      if (!visible(n) || !n.name.includes(q)) continue;
      matches.push(n.id);
      for (const a of pathOf(index, n.id)) keep.add(a.id);
    }
  }
  const build = (n: OrgNode): TreeItem => {
    const kids = (index.children.get(n.id) ?? []).filter((c) => visible(c) && (!q || keep.has(c.id)));
    return {
      key: n.id,
      title: (
        <span className={n.status === 'closed' ? 'lx-node closed' : 'lx-node'} data-testid={`org-node-${n.id}`}>
          <span className="lx-node-name">{highlight(n.name, q)}</span>
          <span className="lx-node-type">{typeLabel(n)}</span>
          {n.warnings.length > 0 && (
            <Tooltip title={n.warnings.join('；')}>
              <WarningFilled style={{ color: '#fa8c16', marginInlineStart: 4 }} />
            </Tooltip>
          )}
        </span>
      ),
      children: kids.length ? kids.map(build) : undefined,
      isLeaf: kids.length === 0,
    };
  };
  const root = index.root;
  return { items: root && (!q || keep.has(root.id)) ? [build(root)] : [], matches };
}

export function OrgTreePage() {
  const { t, label } = useI18n();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const { values, update } = useUrlState(['id', 'q', 'closed'] as const);
  const selected = toInt(values.id);
  const q = (values.q ?? '').trim();
  const showClosed = values.closed === '1';
  const tree = useOrgTree();
  const index = useMemo(() => indexTree(tree.data?.nodes, tree.data?.rootId), [tree.data]);
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const { items, matches } = useMemo(
    () => buildTree(index, q, showClosed, (n) => label(ORG_TYPE_LABELS[n.type])),
    [index, q, showClosed, label],
  );

  const [expanded, setExpanded] = useState<Key[]>([]);
  // Open the first two levels, every match's ancestors, and the selected node's ancestors.
  useEffect(() => {
    if (!index.root) return;
    const keys = new Set<number>([index.root.id]);
    if (q) for (const id of matches) for (const a of pathOf(index, id).slice(0, -1)) keys.add(a.id);
    if (selected !== undefined) for (const a of pathOf(index, selected).slice(0, -1)) keys.add(a.id);
    setExpanded((prev) => [...new Set([...(q ? [] : prev.map(Number)), ...keys])]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, q, matches.length, selected]);

  const select = (id: number | undefined) => update({ id }, { resetPage: false });
  const scopeRootId = tree.data?.rootId ?? 0;
  const detail =
    selected !== undefined && index.byId.has(selected) ? (
      <OrgDetailPanel id={selected} index={index} scopeRootId={scopeRootId} onSelect={(id) => select(id)} compact={isMobile} />
    ) : (
      <Empty description={t('orgs.pick')} style={{ padding: '48px 0' }} />
    );

  const treeCard = (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Input.Search
        allowClear
        placeholder={t('orgs.search')}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          if (!e.target.value) update({ q: undefined }, { resetPage: false });
        }}
        onSearch={(v) => update({ q: v.trim() || undefined }, { resetPage: false })}
        data-testid="org-search"
        style={{ marginBottom: 8 }}
      />
      <div className="lx-tree-meta">
        {q ? (
          <Typography.Text type={matches.length ? 'secondary' : 'danger'}>
            {matches.length ? t('orgs.matches', { n: matches.length }) : t('orgs.noMatch', { q })}
          </Typography.Text>
        ) : (
          <span />
        )}
        <Checkbox checked={showClosed} onChange={(e) => update({ closed: e.target.checked ? '1' : undefined }, { resetPage: false })}>
          {t('orgs.showClosed')}
        </Checkbox>
      </div>
      {tree.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : tree.error ? (
        <ApiErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree<TreeItem>
          blockNode
          showLine
          height={isMobile ? undefined : 620}
          virtual={!isMobile}
          treeData={items}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selected !== undefined ? [selected] : []}
          onSelect={(keys) => keys[0] !== undefined && select(Number(keys[0]))}
          data-testid="org-tree"
          className="lx-tree"
        />
      )}
    </Card>
  );

  const selectedNode = selected !== undefined ? index.byId.get(selected) : undefined;
  return (
    <div data-testid="orgs-page">
      <PageHead title={t('menu.orgs')} extra={index.root ? <Tag color="red">{index.root.name}</Tag> : undefined} />
      {isMobile ? (
        <>
          {treeCard}
          <Drawer
            open={selected !== undefined}
            onClose={() => select(undefined)}
            placement="bottom"
            size="88%"
            title={selectedNode?.name}
            styles={{ body: { paddingTop: 12 } }}
          >
            {detail}
          </Drawer>
        </>
      ) : (
        <Row gutter={16}>
          <Col span={9} xxl={8}>
            {treeCard}
          </Col>
          <Col span={15} xxl={16}>
            <Card size="small" styles={{ body: { padding: 20, minHeight: 300 } }}>
              {detail}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
