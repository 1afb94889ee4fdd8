// 评议与调研 API hooks (民主评议党员, 述职评议, 调查研究) and their query keys, typed from the contract.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BallotBody,
  CorrectAppraisalBody,
  FireResearchBody,
  FollowupBody,
  GradeMembersBody,
  ListAppraisalsQuery,
  OpenSessionBody,
  UpdateSessionBody,
  PlanResearchBody,
  ResearchTransition,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const appraisalKeys = {
  all: ['orglife', 'appraisal'] as const,
  results: (orgId: number | undefined, year: number) => [...appraisalKeys.all, 'results', orgId ?? 0, year] as const,
  list: (q: ListAppraisalsQuery) => [...appraisalKeys.all, 'list', q] as const,
  one: (id: number) => [...appraisalKeys.all, 'one', id] as const,
  reporters: (orgId: number) => [...appraisalKeys.all, 'reporters', orgId] as const,
  sessions: (page: number) => [...appraisalKeys.all, 'sessions', page] as const,
  session: (id: number) => [...appraisalKeys.all, 'session', id] as const,
  research: (year: number, page: number) => [...appraisalKeys.all, 'research', year, page] as const,
  round: (id: number) => [...appraisalKeys.all, 'round', id] as const,
  board: (orgId: number | undefined, year: number) => [...appraisalKeys.all, 'board', orgId ?? 0, year] as const,
};

export const APPRAISAL_PAGE_SIZE = 20;

export const useAppraisalResults = (orgId: number | undefined, year: number) =>
  useQuery({ queryKey: appraisalKeys.results(orgId, year), queryFn: () => api.get('/api/orglife/appraisal-results', { orgId, year }) });
export const useAppraisals = (q: ListAppraisalsQuery) =>
  useQuery({ queryKey: appraisalKeys.list(q), queryFn: () => api.get('/api/orglife/appraisals', q), placeholderData: keepPreviousData });
/** One member's appraisal (the score sheet links to it by `?id=`). */
export const useAppraisal = (id: number | undefined) =>
  useQuery({ queryKey: appraisalKeys.one(id ?? 0), queryFn: () => api.get(`/api/orglife/appraisals/${id!}`), enabled: id !== undefined });
export const useReporters = (orgId: number, enabled: boolean) =>
  useQuery({ queryKey: appraisalKeys.reporters(orgId), queryFn: () => api.get(`/api/orglife/units/${orgId}/reporters`), enabled });
export const useSessions = (page: number) =>
  useQuery({ queryKey: appraisalKeys.sessions(page), queryFn: () => api.get('/api/orglife/report-sessions', { page, pageSize: APPRAISAL_PAGE_SIZE }), placeholderData: keepPreviousData });
export const useSession = (id: number) => useQuery({ queryKey: appraisalKeys.session(id), queryFn: () => api.get(`/api/orglife/report-sessions/${id}`) });
export const useResearchList = (year: number, page: number) =>
  useQuery({ queryKey: appraisalKeys.research(year, page), queryFn: () => api.get('/api/orglife/research', { year, page, pageSize: APPRAISAL_PAGE_SIZE }), placeholderData: keepPreviousData });
export const useResearch = (id: number) => useQuery({ queryKey: appraisalKeys.round(id), queryFn: () => api.get(`/api/orglife/research/${id}`) });
export const useResearchBoard = (orgId: number | undefined, year: number) =>
  useQuery({ queryKey: appraisalKeys.board(orgId, year), queryFn: () => api.get('/api/orglife/research-board', { orgId, year }) });

/** A write changes the results, the lists, the board and the home page: refresh them. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: appraisalKeys.all });
    void client.invalidateQueries({ queryKey: ['home'] });
  };
}

export function useGradeMembers() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: GradeMembersBody) => api.post('/api/orglife/appraisals', body), onSuccess: refresh });
}
export function useCorrectAppraisal() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: CorrectAppraisalBody }) => api.patch(`/api/orglife/appraisals/${id}`, body), onSuccess: refresh });
}
export function useSaveFollowup() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: FollowupBody }) => api.put(`/api/orglife/appraisals/${id}/follow-up`, body), onSuccess: refresh });
}
export function useOpenSession() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: OpenSessionBody) => api.post('/api/orglife/report-sessions', body), onSuccess: refresh });
}
/** 修改评议会: date, place, reporters and participants, until the first ballot. */
export function useUpdateSession(id: number) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: UpdateSessionBody) => api.put(`/api/orglife/report-sessions/${id}`, body),
    onSuccess: (s) => {
      client.setQueryData(appraisalKeys.session(id), s);
      refresh();
    },
  });
}
export function useCastBallot(id: number) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BallotBody) => api.post(`/api/orglife/report-sessions/${id}/ballots`, body),
    onSuccess: (s) => {
      client.setQueryData(appraisalKeys.session(id), s);
      refresh();
    },
  });
}
export function usePlanResearch() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: PlanResearchBody) => api.post('/api/orglife/research', body), onSuccess: refresh });
}
export function useFireResearch(id: number) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ transition, body }: { transition: ResearchTransition; body: FireResearchBody }) => api.post(`/api/orglife/research/${id}/transitions/${transition}`, body),
    onSuccess: (r) => {
      client.setQueryData(appraisalKeys.round(id), r);
      refresh();
    },
  });
}
export function useUploadResearchFile(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload(`/api/orglife/research/${id}/attachments`, form);
    },
    onSuccess: refresh,
  });
}
