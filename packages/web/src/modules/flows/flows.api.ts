// 小微权力 API hooks and their query keys, typed from the contract's endpoint table.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompleteStepBody, FlowBody, ListMattersQuery, MatterReasonBody, OpenMatterBody, SaveDutyListBody, SaveDutyTemplateBody, UpdateFlowBody } from '@lianxin/contract';
import { api } from '../../app/api';

export const flowKeys = {
  all: ['flows'] as const,
  flows: () => [...flowKeys.all, 'list'] as const,
  flow: (id: number) => [...flowKeys.all, 'flow', id] as const,
  matters: (q: ListMattersQuery) => [...flowKeys.all, 'matters', q] as const,
  matter: (id: number) => [...flowKeys.all, 'matter', id] as const,
  board: (orgId?: number) => [...flowKeys.all, 'board', orgId ?? 0] as const,
  overdue: (orgId?: number, page?: number) => [...flowKeys.all, 'overdue', orgId ?? 0, page ?? 1] as const,
  template: () => [...flowKeys.all, 'duty-template'] as const,
  duties: (orgId: number) => [...flowKeys.all, 'duties', orgId] as const,
};

export const useFlows = () => useQuery({ queryKey: flowKeys.flows(), queryFn: () => api.get('/api/flows') });
export const useFlow = (id: number | undefined) => useQuery({ queryKey: flowKeys.flow(id ?? 0), queryFn: () => api.get(`/api/flows/${id!}`), enabled: !!id });
export const useMatters = (q: ListMattersQuery) => useQuery({ queryKey: flowKeys.matters(q), queryFn: () => api.get('/api/flow-matters', q) });
export const useMatter = (id: number) => useQuery({ queryKey: flowKeys.matter(id), queryFn: () => api.get(`/api/flow-matters/${id}`) });
export const useMatterBoard = (orgId?: number) => useQuery({ queryKey: flowKeys.board(orgId), queryFn: () => api.get('/api/flow-matters/board', { orgId }) });
export const useOverdue = (orgId?: number, page?: number) => useQuery({ queryKey: flowKeys.overdue(orgId, page), queryFn: () => api.get('/api/flow-matters/overdue', { orgId, page, pageSize: 50 }) });
export const useDutyTemplate = () => useQuery({ queryKey: flowKeys.template(), queryFn: () => api.get('/api/duty-template') });
export const useDutyList = (orgId: number | undefined) =>
  useQuery({ queryKey: flowKeys.duties(orgId ?? 0), queryFn: () => api.get(`/api/duty-lists/${orgId!}`), enabled: !!orgId });

/** Every write changes the lists, the board, the warnings and the home page: refresh them all. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: flowKeys.all });
    void client.invalidateQueries({ queryKey: ['home'] });
  };
}

export function useSaveFlow(id: number | undefined) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: FlowBody & { version?: number }) =>
      id ? api.put(`/api/flows/${id}`, body as UpdateFlowBody) : api.post('/api/flows', body),
    onSuccess: refresh,
  });
}

export function useOpenMatter() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: OpenMatterBody) => api.post('/api/flow-matters', body), onSuccess: refresh });
}

export function useMatterActions(id: number) {
  const refresh = useRefresh();
  const client = useQueryClient();
  const done = (m: unknown) => {
    client.setQueryData(flowKeys.matter(id), m);
    refresh();
  };
  return {
    complete: useMutation({ mutationFn: (body: CompleteStepBody) => api.post(`/api/flow-matters/${id}/steps`, body), onSuccess: done }),
    back: useMutation({ mutationFn: (body: MatterReasonBody) => api.post(`/api/flow-matters/${id}/return`, body), onSuccess: done }),
    cancel: useMutation({ mutationFn: (body: MatterReasonBody) => api.post(`/api/flow-matters/${id}/cancel`, body), onSuccess: done }),
    upload: useMutation({
      mutationFn: ({ document, file }: { document: string; file: File }) => {
        const form = new FormData();
        form.append('document', document);
        form.append('file', file);
        return api.upload(`/api/flow-matters/${id}/documents`, form);
      },
      onSuccess: () => void client.invalidateQueries({ queryKey: flowKeys.matter(id) }),
    }),
  };
}

export function useSaveDutyTemplate() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: SaveDutyTemplateBody) => api.put('/api/duty-template', body), onSuccess: refresh });
}

export function useSaveDutyList(orgId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: SaveDutyListBody) => api.put(`/api/duty-lists/${orgId}`, body), onSuccess: refresh });
}
