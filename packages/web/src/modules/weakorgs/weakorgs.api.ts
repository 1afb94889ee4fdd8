// 软弱涣散整顿 API hooks: the signals board, the list, one rectification and its steps — one key
// factory so every change refreshes the list, the board and the record (and the ledger, which
// holds the rectification problems).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FireWeakBody, ListWeakOrgsQuery, ProposeWeakOrgBody, WeakPlanBody, WeakProblemBody, WeakTransition } from '@lianxin/contract';
import { api } from '../../app/api';

export const weakKeys = {
  all: ['weak-orgs'] as const,
  list: (q: ListWeakOrgsQuery) => [...weakKeys.all, 'list', q] as const,
  signals: (orgId?: number) => [...weakKeys.all, 'signals', orgId ?? 0] as const,
  one: (id: number) => [...weakKeys.all, 'one', id] as const,
};

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const useWeakOrgs = (q: ListWeakOrgsQuery) =>
  useQuery({ queryKey: weakKeys.list(q), queryFn: () => api.get('/api/weak-orgs', clean(q)), placeholderData: keepPreviousData });
export const useWeakSignals = (orgId?: number) =>
  useQuery({ queryKey: weakKeys.signals(orgId), queryFn: () => api.get('/api/weak-orgs/signals', clean({ orgId })) });
export const useWeakOrg = (id: number) => useQuery({ queryKey: weakKeys.one(id), queryFn: () => api.get(`/api/weak-orgs/${id}`) });

function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: weakKeys.all }), qc.invalidateQueries({ queryKey: ['ledger'] })]);
}

export function usePropose() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ProposeWeakOrgBody) => api.post('/api/weak-orgs', body), onSuccess: refresh });
}
export function useWeakPlan(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: WeakPlanBody) => api.put(`/api/weak-orgs/${id}/plan`, body), onSuccess: refresh });
}
export function useWeakProblem(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: WeakProblemBody) => api.post(`/api/weak-orgs/${id}/problems`, body), onSuccess: refresh });
}
export function useWeakFire(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ transition, ...body }: FireWeakBody & { transition: WeakTransition }) => api.post(`/api/weak-orgs/${id}/transitions/${transition}`, body), onSuccess: refresh });
}
