// 称号认定 API hooks: the county's kinds, the register (drill-down), the list behind a figure, one
// designation, nominating, ticking criteria, evidence and the workflow's steps.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DesignationRegisterQuery, DesignationTransition, ListDesignationRecordsQuery, NominateBody, SaveChecksBody, SaveDesignationKindsBody } from '@lianxin/contract';
import { api } from '../../app/api';

export const designationKeys = {
  all: ['designations'] as const,
  kinds: () => [...designationKeys.all, 'kinds'] as const,
  register: (q: DesignationRegisterQuery) => [...designationKeys.all, 'register', q] as const,
  list: (q: ListDesignationRecordsQuery) => [...designationKeys.all, 'list', q] as const,
  one: (id: number) => [...designationKeys.all, 'one', id] as const,
};

export const useDesignationKinds = () => useQuery({ queryKey: designationKeys.kinds(), queryFn: () => api.get('/api/recognition/designation-kinds') });
export const useDesignationRegister = (q: DesignationRegisterQuery) =>
  useQuery({ queryKey: designationKeys.register(q), queryFn: () => api.get('/api/recognition/designation-register', q), placeholderData: keepPreviousData });
export const useDesignations = (q: ListDesignationRecordsQuery, enabled = true) =>
  useQuery({ queryKey: designationKeys.list(q), queryFn: () => api.get('/api/recognition/designations', q), enabled, placeholderData: keepPreviousData });
export const useDesignation = (id: number) => useQuery({ queryKey: designationKeys.one(id), queryFn: () => api.get(`/api/recognition/designations/${id}`) });

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: designationKeys.all });
}
export function useSaveDesignationKinds() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: SaveDesignationKindsBody) => api.put('/api/recognition/designation-kinds', body), onSuccess: refresh });
}
export function useNominate() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: NominateBody) => api.post('/api/recognition/designations', body), onSuccess: refresh });
}
export function useSaveChecks(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: SaveChecksBody) => api.put(`/api/recognition/designations/${id}/criteria`, body), onSuccess: refresh });
}
export function useUploadEvidence(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/api/recognition/designations/${id}/evidence`, form);
    },
    onSuccess: refresh,
  });
}
export function useFireDesignation(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (r: { transition: DesignationTransition; version: number; body?: string; awardFen?: number }) =>
      api.post(`/api/recognition/designations/${id}/transitions/${r.transition}`, { version: r.version, ...(r.body ? { body: r.body } : {}), ...(r.awardFen !== undefined ? { awardFen: r.awardFen } : {}) }),
    onSuccess: refresh,
  });
}
