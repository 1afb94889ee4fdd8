// Cadres API hooks: posts (assign, change, end), the cadre ledger and its structure, the reserve
// pool's life cycle, and member development — with one query-key factory so every change
// refreshes what shows it (a person's page, an org's page, the ledger, the pool, the board).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CadreLedgerQuery, CreatePostBody, DevelopmentListQuery, DevelopmentStepBody, OpenDevelopmentBody, PostRecord, PutDevelopmentPathBody,
  ReserveAppointBody, ReserveListQuery, ReserveRemoveBody, ReserveTrainBody, UpdatePostBody,
} from '@lianxin/contract';
import { api } from '../../app/api';
import { peopleKeys } from '../people/people.api';
import { orgKeys } from '../orgs/orgs.api';

export type OrgPost = PostRecord & { person: { id: number; name: string } };

export const cadreKeys = {
  all: ['cadres'] as const,
  ledger: (q: CadreLedgerQuery) => [...cadreKeys.all, 'ledger', q] as const,
  structure: (orgId?: number) => [...cadreKeys.all, 'structure', orgId ?? 0] as const,
  orgPosts: (orgId: number) => [...cadreKeys.all, 'org-posts', orgId] as const,
  reserve: (q: ReserveListQuery) => [...cadreKeys.all, 'reserve', q] as const,
  developments: (q: DevelopmentListQuery) => [...cadreKeys.all, 'developments', q] as const,
  path: () => [...cadreKeys.all, 'development-path'] as const,
};

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const useCadres = (q: CadreLedgerQuery) =>
  useQuery({ queryKey: cadreKeys.ledger(q), queryFn: () => api.get('/api/cadres', clean(q)), placeholderData: keepPreviousData });
export const useCadreStructure = (orgId?: number) =>
  useQuery({ queryKey: cadreKeys.structure(orgId), queryFn: () => api.get('/api/cadres/structure', clean({ orgId })) });
export const useOrgPosts = (orgId: number) =>
  useQuery({ queryKey: cadreKeys.orgPosts(orgId), queryFn: () => api.get(`/api/orgs/${orgId}/posts`) });
export const useReserve = (q: ReserveListQuery) =>
  useQuery({ queryKey: cadreKeys.reserve(q), queryFn: () => api.get('/api/reserve-cadres', clean(q)), placeholderData: keepPreviousData });
export const useDevelopments = (q: DevelopmentListQuery) =>
  useQuery({ queryKey: cadreKeys.developments(q), queryFn: () => api.get('/api/developments', clean(q)) });
export const useDevelopment = (id: number | undefined) =>
  useQuery({ queryKey: [...cadreKeys.all, 'development', id] as const, queryFn: () => api.get(`/api/developments/${id!}`), enabled: id !== undefined });
export const useDevelopmentPath = () => useQuery({ queryKey: cadreKeys.path(), queryFn: () => api.get('/api/development-path') });

/** After any change: the cadres views, people (a person's posts, membership) and orgs (posts, warnings). */
function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: cadreKeys.all }),
      client.invalidateQueries({ queryKey: peopleKeys.all }),
      client.invalidateQueries({ queryKey: orgKeys.all }),
    ]);
  };
}

/** After an .xlsx import: everything that shows posts or the pool. */
export const useCadreImportRefresh = useRefresh;

export function useAssignPost() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: CreatePostBody) => api.post('/api/posts', body), onSuccess });
}
export function useUpdatePost() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: ({ id, ...body }: UpdatePostBody & { id: number }) => api.patch(`/api/posts/${id}`, body), onSuccess });
}
export function useEndPost() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: ({ id, endDate }: { id: number; endDate: string }) => api.post(`/api/posts/${id}/end`, { endDate }), onSuccess });
}
export function useReserveAction() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (a: { id: number; kind: 'train'; body: ReserveTrainBody } | { id: number; kind: 'appoint'; body: ReserveAppointBody } | { id: number; kind: 'remove'; body: ReserveRemoveBody }) =>
      api.post(`/api/reserve-cadres/${a.id}/${a.kind}`, a.body),
    onSuccess,
  });
}
export function useAddReserve() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: { personId: number; targetRole: string; addedOn: string; note?: string }) => api.post('/api/reserve-cadres', body), onSuccess });
}
export function useOpenDevelopment() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: OpenDevelopmentBody) => api.post('/api/developments', body), onSuccess });
}
export function useDevelopmentStep() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: ({ id, ...body }: DevelopmentStepBody & { id: number }) => api.post(`/api/developments/${id}/steps`, body), onSuccess });
}
export function useSaveDevelopmentPath() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: PutDevelopmentPathBody) => api.put('/api/development-path', body), onSuccess });
}
