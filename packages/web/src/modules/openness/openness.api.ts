// 三务公开 · 财务审计 · 台账 API hooks, typed from the contract's endpoint table, with one query-key
// factory so a publish refreshes the board, the lists, the registers and the home page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddRegisterRowBody, AuditFindingToProblemBody, ComposeDisclosureBody, CreateFinanceAuditBody, DisclosureView, ListDisclosuresQuery, SaveOpennessSettingsBody,
} from '@lianxin/contract';
import { api } from '../../app/api';

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const opennessKeys = {
  all: ['openness'] as const,
  settings: () => [...opennessKeys.all, 'settings'] as const,
  board: (orgId?: number, month?: string) => [...opennessKeys.all, 'board', orgId ?? 0, month ?? ''] as const,
  disclosures: (q: ListDisclosuresQuery) => [...opennessKeys.all, 'disclosures', q] as const,
  disclosure: (id: number) => [...opennessKeys.all, 'disclosure', id] as const,
  audits: (orgId?: number) => [...opennessKeys.all, 'audits', orgId ?? 0] as const,
  registers: (orgId?: number, year?: number) => [...opennessKeys.all, 'registers', orgId ?? 0, year ?? 0] as const,
  register: (code: string, orgId?: number, year?: number) => [...opennessKeys.all, 'register', code, orgId ?? 0, year ?? 0] as const,
};

export const useOpennessSettings = () => useQuery({ queryKey: opennessKeys.settings(), queryFn: () => api.get('/api/openness/settings') });
export const useDisclosureBoard = (orgId?: number, month?: string) =>
  useQuery({ queryKey: opennessKeys.board(orgId, month), queryFn: () => api.get('/api/openness/board', clean({ orgId, month })) });
export const useDisclosures = (q: ListDisclosuresQuery) =>
  useQuery({ queryKey: opennessKeys.disclosures(q), queryFn: () => api.get('/api/openness/disclosures', clean(q)) });
export const useDisclosure = (id: number) => useQuery({ queryKey: opennessKeys.disclosure(id), queryFn: () => api.get(`/api/openness/disclosures/${id}`) });
export const useFinanceAudits = (orgId?: number) =>
  useQuery({ queryKey: opennessKeys.audits(orgId), queryFn: () => api.get('/api/openness/audits', clean({ orgId, pageSize: 200 })) });
export const useRegisters = (orgId?: number, year?: number) =>
  useQuery({ queryKey: opennessKeys.registers(orgId, year), queryFn: () => api.get('/api/openness/registers', clean({ orgId, year })) });
export const useRegister = (code: string, orgId?: number, year?: number) =>
  useQuery({ queryKey: opennessKeys.register(code, orgId, year), queryFn: () => api.get(`/api/openness/registers/${code}`, clean({ orgId, year })) });

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await Promise.all([client.invalidateQueries({ queryKey: opennessKeys.all }), client.invalidateQueries({ queryKey: ['home'] })]);
  };
}
/** A disclosure's answer replaces the cached one at once; the rest is refreshed. */
function useDisclosureWrite<A>(fn: (a: A) => Promise<DisclosureView>) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (d) => {
      client.setQueryData(opennessKeys.disclosure(d.id), d);
      await refresh();
    },
  });
}

export const useComposeDisclosure = () => useDisclosureWrite((body: ComposeDisclosureBody) => api.post('/api/openness/disclosures', body));
export const useSaveDraft = (id: number) => useDisclosureWrite((body: { version: number; items: ComposeDisclosureBody['items'] }) => api.put(`/api/openness/disclosures/${id}/draft`, body));
export const useUploadPhoto = (id: number) => useDisclosureWrite((file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload(`/api/openness/disclosures/${id}/photo`, form);
});
export const useUploadAttachment = (id: number) => useDisclosureWrite((file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload(`/api/openness/disclosures/${id}/attachments`, form);
});
export const usePublishDisclosure = (id: number) => useDisclosureWrite((version: number) => api.post(`/api/openness/disclosures/${id}/publish`, { version }));
export const useCorrectDisclosure = (id: number) => useDisclosureWrite((reason: string) => api.post(`/api/openness/disclosures/${id}/corrections`, { reason }));

export function useCreateAudit() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: CreateFinanceAuditBody) => api.post('/api/openness/audits', body), onSuccess });
}
export function useFindingToProblem() {
  const onSuccess = useRefresh();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ auditId, findingId, ...body }: AuditFindingToProblemBody & { auditId: number; findingId: number }) => api.post(`/api/openness/audits/${auditId}/findings/${findingId}/problem`, body),
    onSuccess: async () => {
      await Promise.all([onSuccess(), client.invalidateQueries({ queryKey: ['ledger'] })]);
    },
  });
}
export function useAddRegisterRow(code: string) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: AddRegisterRowBody) => api.post(`/api/openness/registers/${code}/rows`, body), onSuccess });
}
export function useSaveOpennessSettings() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: SaveOpennessSettingsBody) => api.put('/api/openness/settings', body), onSuccess });
}
