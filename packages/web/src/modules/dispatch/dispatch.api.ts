// API hooks of 两下两上 (directives, assignments, reports, boards) and 督查问责 (inspections,
// bulletins, accountability), typed from the contract, with one query-key factory.
import type { ResponseOf } from '@lianxin/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateAccountabilityBody,
  CreateInspectionBody,
  FanOutBody,
  IssueDirectiveBody,
  ReportBody,
} from '@lianxin/contract';
import { api } from '../../app/api';
import type { FollowedDirective, SentDirective as ContractSentDirective } from '@lianxin/contract';

/** A directive I sent, or (with `issuer`) one from above that the levels below me received. */
export type SentDirective = ContractSentDirective & { issuer?: FollowedDirective['issuer'] };

export type Series = ResponseOf<'GET', '/api/directives/series'>[number];

export type Compiled = ResponseOf<'GET', `/api/assignments/${number}/compile`>;

export type Bulletin = ResponseOf<'GET', '/api/bulletins'>[number];

export type Accountability = ResponseOf<'GET', '/api/accountability'>[number];

export const dispatchKeys = {
  all: ['dispatch'] as const,
  inbox: (all: boolean) => [...dispatchKeys.all, 'inbox', all] as const,
  sent: () => [...dispatchKeys.all, 'sent'] as const,
  following: () => [...dispatchKeys.all, 'following'] as const,
  series: () => [...dispatchKeys.all, 'series'] as const,
  assignment: (id: number) => [...dispatchKeys.all, 'assignment', id] as const,
  compile: (id: number) => [...dispatchKeys.all, 'compile', id] as const,
  board: (id: number) => [...dispatchKeys.all, 'board', id] as const,
};

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: () => [...inspectionKeys.all, 'list'] as const,
  detail: (id: number) => [...inspectionKeys.all, 'detail', id] as const,
  bulletins: () => [...inspectionKeys.all, 'bulletins'] as const,
  accountability: () => [...inspectionKeys.all, 'accountability'] as const,
};

export const useInbox = (all: boolean) => useQuery({ queryKey: dispatchKeys.inbox(all), queryFn: () => api.get('/api/inbox', { all: all || undefined }) });
export const useSent = (enabled = true) => useQuery({ queryKey: dispatchKeys.sent(), queryFn: () => api.get('/api/directives/sent'), enabled });
export const useFollowing = () => useQuery({ queryKey: dispatchKeys.following(), queryFn: () => api.get('/api/directives/following') });
export const useSeries = (enabled = true) => useQuery({ queryKey: dispatchKeys.series(), queryFn: () => api.get('/api/directives/series'), enabled });
export const useAssignment = (id: number) => useQuery({ queryKey: dispatchKeys.assignment(id), queryFn: () => api.get(`/api/assignments/${id}`), enabled: Number.isFinite(id) });
export const useBoard = (id: number | undefined) =>
  useQuery({ queryKey: dispatchKeys.board(id ?? 0), queryFn: () => api.get(`/api/directives/${id ?? 0}/board`), enabled: !!id && Number.isFinite(id) });
export const fetchCompiled = (id: number) => api.get(`/api/assignments/${id}/compile`);

function useDispatchMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: dispatchKeys.all }) });
}

export const useIssueDirective = () =>
  useDispatchMutation((body: IssueDirectiveBody) => api.post('/api/directives', body));
/** Stops or resumes a recurring directive (issuer only). */
export const useSetSeriesActive = () =>
  useDispatchMutation(({ id, active }: { id: number; active: boolean }) => api.patch(`/api/directives/series/${id}`, { active }));
export const useFanOut = (assignmentId: number) =>
  useDispatchMutation((body: FanOutBody) => api.post(`/api/assignments/${assignmentId}/fan-out`, body));
export const useReport = (assignmentId: number) => useDispatchMutation((body: ReportBody) => api.post(`/api/assignments/${assignmentId}/report`, body));
export const useCloseDirective = (directiveId: number) => useDispatchMutation((version: number) => api.post(`/api/directives/${directiveId}/close`, { version }));

// ---- 督查问责 ----
export const useInspections = () => useQuery({ queryKey: inspectionKeys.list(), queryFn: () => api.get('/api/inspections') });
export const useInspection = (id: number) => useQuery({ queryKey: inspectionKeys.detail(id), queryFn: () => api.get(`/api/inspections/${id}`), enabled: Number.isFinite(id) });
export const useBulletins = () => useQuery({ queryKey: inspectionKeys.bulletins(), queryFn: () => api.get('/api/bulletins') });
export const useAccountabilityList = () => useQuery({ queryKey: inspectionKeys.accountability(), queryFn: () => api.get('/api/accountability') });

function useInspectionMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: inspectionKeys.all }) });
}

export const useCreateInspection = () => useInspectionMutation((body: CreateInspectionBody) => api.post('/api/inspections', body));
export const useFindingToProblem = (inspectionId: number) =>
  useInspectionMutation((v: { findingId: number; body: { category: string; deadline: string; measures?: string; responsiblePerson?: string } }) =>
    api.post(`/api/inspections/${inspectionId}/findings/${v.findingId}/problem`, v.body),
  );
export const usePublishBulletin = () => useInspectionMutation((body: { title: string; content: string; inspectionId?: number }) => api.post('/api/bulletins', body));
export const useRecordAccountability = () => useInspectionMutation((body: CreateAccountabilityBody) => api.post('/api/accountability', body));
