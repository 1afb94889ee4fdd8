// A searchable org picker over the scope's tree.
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { ORG_TYPE_LABELS, type OrgNode, type OrgType } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { indexTree, useOrgTree } from '../orgs.api';

export type OrgOption = { value: number; title: string; label: string; typeName: string; disabled?: boolean; children?: OrgOption[] };

/**
 * The scope's active orgs as tree options for antd's TreeSelect: the whole tree from its root, or
 * only the orgs strictly below `below`. Types outside `selectable` show, disabled, to keep the shape.
 */
export function useOrgTreeOptions(selectable?: readonly OrgType[], below?: number) {
  const { label } = useI18n();
  const tree = useOrgTree();
  const options = useMemo(() => {
    const index = indexTree(tree.data?.nodes, tree.data?.rootId);
    const build = (n: OrgNode): OrgOption => {
      const kids = (index.children.get(n.id) ?? []).filter((c) => c.status === 'active').map(build);
      return {
        value: n.id,
        title: n.name,
        label: n.name,
        typeName: label(ORG_TYPE_LABELS[n.type]),
        disabled: selectable ? !selectable.includes(n.type) : false,
        children: kids.length ? kids : undefined,
      };
    };
    if (below !== undefined) return (index.children.get(below) ?? []).filter((c) => c.status === 'active').map(build);
    return index.root ? [build(index.root)] : [];
  }, [tree.data, selectable, below, label]);
  return { options, tree };
}

/** An option's name with its org type in grey. */
export function orgOptionTitle(node: OrgOption) {
  return (
    <span>
      {node.title}
      <span style={{ color: '#999', fontSize: 12, marginInlineStart: 6 }}>{node.typeName}</span>
    </span>
  );
}

export function OrgTreeSelect({
  value,
  onChange,
  placeholder,
  selectable,
  allowClear = true,
  id,
  testId,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  /** Only these types may be picked (others show, disabled, to keep the shape of the tree). */
  selectable?: readonly OrgType[];
  allowClear?: boolean;
  id?: string;
  testId?: string;
}) {
  const { options, tree } = useOrgTreeOptions(selectable);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v === undefined || v === null ? undefined : Number(v))}
      treeData={options}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={placeholder}
      loading={tree.isPending}
      treeDefaultExpandedKeys={tree.data ? [tree.data.rootId] : []}
      listHeight={360}
      style={{ width: '100%' }}
      data-testid={testId}
      treeTitleRender={orgOptionTitle}
    />
  );
}
