// 公开选拔 · 换届 · 结对培养 API hooks: one key factory, so every change refreshes the lists, the
// selection, the round's board and the pairs (and people, whose posts a selection or election writes).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplySelectionBody, CreateMentoringBody, ElectBody, FireSelectionBody, InspectBody, ListElectionsQuery, ListMentoringQuery, ListSelectionsQuery,
  MentoringContactBody, OpenElectionBody, RecommendBody, RegisterCandidateBody, ScoreCandidateBody, SelectionTransition, VetCandidateBody,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const selectionKeys = {
  all: ['selection'] as const,
  list: (q: ListSelectionsQuery) => [...selectionKeys.all, 'list', q] as const,
  one: (id: number) => [...selectionKeys.all, 'one', id] as const,
  rounds: (q: ListElectionsQuery) => [...selectionKeys.all, 'rounds', q] as const,
  board: (id: number) => [...selectionKeys.all, 'board', id] as const,
  village: (id: number) => [...selectionKeys.all, 'village', id] as const,
  pairs: (q: ListMentoringQuery) => [...selectionKeys.all, 'pairs', q] as const,
  pair: (id: number) => [...selectionKeys.all, 'pair', id] as const,
  summary: () => [...selectionKeys.all, 'summary'] as const,
};

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const useSelections = (q: ListSelectionsQuery) =>
  useQuery({ queryKey: selectionKeys.list(q), queryFn: () => api.get('/api/selections', clean(q)), placeholderData: keepPreviousData });
export const useSelection = (id: number) => useQuery({ queryKey: selectionKeys.one(id), queryFn: () => api.get(`/api/selections/${id}`) });
export const useRounds = (q: ListElectionsQuery) => useQuery({ queryKey: selectionKeys.rounds(q), queryFn: () => api.get('/api/elections', clean(q)) });
export const useBoard = (id: number | undefined) =>
  useQuery({ queryKey: selectionKeys.board(id ?? 0), queryFn: () => api.get(`/api/elections/${id!}`), enabled: Boolean(id) });
export const useElectionVillage = (id: number | undefined) =>
  useQuery({ queryKey: selectionKeys.village(id ?? 0), queryFn: () => api.get(`/api/election-villages/${id!}`), enabled: Boolean(id) });
export const usePairs = (q: ListMentoringQuery) =>
  useQuery({ queryKey: selectionKeys.pairs(q), queryFn: () => api.get('/api/mentoring', clean(q)), placeholderData: keepPreviousData });
export const usePair = (id: number | undefined) => useQuery({ queryKey: selectionKeys.pair(id ?? 0), queryFn: () => api.get(`/api/mentoring/${id!}`), enabled: Boolean(id) });
export const useMentoringSummary = () => useQuery({ queryKey: selectionKeys.summary(), queryFn: () => api.get('/api/mentoring/summary') });

function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: selectionKeys.all }), qc.invalidateQueries({ queryKey: ['people'] })]);
}
const useWrite = <B, R>(fn: (body: B) => Promise<R>) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: fn, onSuccess: refresh });
};

export const useApplySelection = () => useWrite((body: ApplySelectionBody) => api.post('/api/selections', body));
export const useRegisterCandidate = (id: number) => useWrite((body: RegisterCandidateBody) => api.post(`/api/selections/${id}/candidates`, body));
export const useVet = (id: number) => useWrite(({ candidateId, ...body }: VetCandidateBody & { candidateId: number }) => api.post(`/api/selections/${id}/candidates/${candidateId}/vetting`, body));
export const useScore = (id: number) => useWrite(({ candidateId, ...body }: ScoreCandidateBody & { candidateId: number }) => api.post(`/api/selections/${id}/candidates/${candidateId}/score`, body));
export const useFireSelection = (id: number) =>
  useWrite(({ transition, ...body }: FireSelectionBody & { transition: SelectionTransition }) => api.post(`/api/selections/${id}/transitions/${transition}`, body));
export const useOpenRound = () => useWrite((body: OpenElectionBody) => api.post('/api/elections', body));
export const useVillageStep = (id: number) =>
  useWrite((b: { step: 'recommend'; body: RecommendBody } | { step: 'inspect'; body: InspectBody } | { step: 'elect'; body: ElectBody }) =>
    b.step === 'recommend' ? api.post(`/api/election-villages/${id}/recommend`, b.body)
      : b.step === 'inspect' ? api.post(`/api/election-villages/${id}/inspect`, b.body)
        : api.post(`/api/election-villages/${id}/elect`, b.body));
export const useCreatePair = () => useWrite((body: CreateMentoringBody) => api.post('/api/mentoring', body));
export const useAddContact = (id: number) => useWrite((body: MentoringContactBody) => api.post(`/api/mentoring/${id}/contacts`, body));
