// Org tree API hooks and their query keys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOrgBody, OrgDetail, OrgNode, UpdateOrgBody } from '@lianxin/contract';
import { api } from '../../app/api';

export const orgKeys = {
  all: ['orgs'] as const,
  tree: () => [...orgKeys.all, 'tree'] as const,
  detail: (id: number) => [...orgKeys.all, 'detail', id] as const,
};

export function useOrgTree(enabled = true) {
  return useQuery({ queryKey: orgKeys.tree(), queryFn: () => api.get('/api/orgs/tree'), enabled, staleTime: 60_000 });
}

export function useOrgDetail(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: () => api.get(`/api/orgs/${id ?? 0}`),
    enabled: id !== undefined,
  });
}

function useOrgMutation<V>(fn: (v: V) => Promise<OrgDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}

export const useCreateOrg = () => useOrgMutation((body: CreateOrgBody) => api.post('/api/orgs', body));
export const useUpdateOrg = () =>
  useOrgMutation(({ id, ...body }: UpdateOrgBody & { id: number }) => api.patch(`/api/orgs/${id}`, body));
export const useMoveOrg = () =>
  useOrgMutation(({ id, ...body }: { id: number; version: number; newParentId: number }) => api.post(`/api/orgs/${id}/move`, body));
export const useCloseOrg = () =>
  useOrgMutation(({ id, version }: { id: number; version: number }) => api.post(`/api/orgs/${id}/close`, { version }));

export type TreeIndex = {
  byId: Map<number, OrgNode>;
  children: Map<number, OrgNode[]>;
  root: OrgNode | undefined;
};

export function indexTree(nodes: OrgNode[] | undefined, rootId?: number): TreeIndex {
  const byId = new Map<number, OrgNode>();
  const children = new Map<number, OrgNode[]>();
  for (const n of nodes ?? []) {
    byId.set(n.id, n);
    if (n.parentId !== null) {
      const list = children.get(n.parentId) ?? [];
      list.push(n);
      children.set(n.parentId, list);
    }
  }
  return { byId, children, root: rootId !== undefined ? byId.get(rootId) : nodes?.[0] };
}

/** The chain of names from the scope root down to a node. */
export function pathOf(index: TreeIndex, id: number): OrgNode[] {
  const out: OrgNode[] = [];
  let n = index.byId.get(id);
  while (n) {
    out.unshift(n);
    n = n.parentId !== null ? index.byId.get(n.parentId) : undefined;
  }
  return out;
}
