// API hooks of 两下两上 (directives, assignments, reports, boards) and 督查问责 (inspections,
// bulletins, accountability), typed from the contract, with one query-key factory.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignmentView,
  Board,
  CreateAccountabilityBody,
  CreateInspectionBody,
  FanOutBody,
  InspectionView,
  IssueDirectiveBody,
  ReportBody,
  AccountabilityKind,
} from '@lianxin/contract';
import { api } from '../../app/api';
import type { FollowedDirective, SentDirective as ContractSentDirective } from '@lianxin/contract';

/** A directive I sent, or (with `issuer`) one from above that the levels below me received. */
export type SentDirective = ContractSentDirective & { issuer?: FollowedDirective['issuer'] };

export type Series = { id: number; kind: string; title: string; frequency: string; weekday: number | null; dueDays: number; active: boolean; targets: unknown; mine: boolean };

export type Compiled = { outcome: string | null; text: string; figures: Record<string, number | string>; reported: number; targets: number; missing: string[] };

export type Bulletin = { id: number; issuer: { id: number; name: string; type: string }; title: string; content: string; inspectionId: number | null; publishedAt: string };

export type Accountability = {
  id: number;
  kind: AccountabilityKind;
  targetOrg: { id: number; name: string; type: string } | null;
  targetPerson: { id: number; name: string } | null;
  reason: string;
  inspectionId: number | null;
  problemId: number | null;
  decidedOn: string;
  decidedBy: { id: number; name: string; type: string };
};

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

export const useInbox = (all: boolean) => useQuery({ queryKey: dispatchKeys.inbox(all), queryFn: () => api.get<AssignmentView[]>('/api/inbox', { all: all || undefined }) });
export const useSent = (enabled = true) => useQuery({ queryKey: dispatchKeys.sent(), queryFn: () => api.get<SentDirective[]>('/api/directives/sent'), enabled });
export const useFollowing = () => useQuery({ queryKey: dispatchKeys.following(), queryFn: () => api.get<SentDirective[]>('/api/directives/following') });
export const useSeries = (enabled = true) => useQuery({ queryKey: dispatchKeys.series(), queryFn: () => api.get<Series[]>('/api/directives/series'), enabled });
export const useAssignment = (id: number) => useQuery({ queryKey: dispatchKeys.assignment(id), queryFn: () => api.get<AssignmentView>(`/api/assignments/${id}`), enabled: Number.isFinite(id) });
export const useBoard = (id: number | undefined) =>
  useQuery({ queryKey: dispatchKeys.board(id ?? 0), queryFn: () => api.get<Board>(`/api/directives/${id}/board`), enabled: !!id && Number.isFinite(id) });
export const fetchCompiled = (id: number) => api.get<Compiled>(`/api/assignments/${id}/compile`);

function useDispatchMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: dispatchKeys.all }) });
}

export const useIssueDirective = () =>
  useDispatchMutation((body: IssueDirectiveBody) => api.post<{ directiveId: number | null; seriesId: number | null; targets: number }>('/api/directives', body));
/** Stops or resumes a recurring directive (issuer only). */
export const useSetSeriesActive = () =>
  useDispatchMutation(({ id, active }: { id: number; active: boolean }) => api.patch<{ id: number; active: boolean }>(`/api/directives/series/${id}`, { active }));
export const useFanOut = (assignmentId: number) =>
  useDispatchMutation((body: FanOutBody) => api.post<{ directiveId: number; targets: number }>(`/api/assignments/${assignmentId}/fan-out`, body));
export const useReport = (assignmentId: number) => useDispatchMutation((body: ReportBody) => api.post<AssignmentView>(`/api/assignments/${assignmentId}/report`, body));
export const useCloseDirective = (directiveId: number) => useDispatchMutation((version: number) => api.post<void>(`/api/directives/${directiveId}/close`, { version }));

// ---- 督查问责 ----
export const useInspections = () => useQuery({ queryKey: inspectionKeys.list(), queryFn: () => api.get<InspectionView[]>('/api/inspections') });
export const useInspection = (id: number) => useQuery({ queryKey: inspectionKeys.detail(id), queryFn: () => api.get<InspectionView>(`/api/inspections/${id}`), enabled: Number.isFinite(id) });
export const useBulletins = () => useQuery({ queryKey: inspectionKeys.bulletins(), queryFn: () => api.get<Bulletin[]>('/api/bulletins') });
export const useAccountabilityList = () => useQuery({ queryKey: inspectionKeys.accountability(), queryFn: () => api.get<Accountability[]>('/api/accountability') });

function useInspectionMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: inspectionKeys.all }) });
}

export const useCreateInspection = () => useInspectionMutation((body: CreateInspectionBody) => api.post<InspectionView>('/api/inspections', body));
export const useFindingToProblem = (inspectionId: number) =>
  useInspectionMutation((v: { findingId: number; body: { category: string; deadline: string; measures?: string; responsiblePerson?: string } }) =>
    api.post<{ problemId: number }>(`/api/inspections/${inspectionId}/findings/${v.findingId}/problem`, v.body),
  );
export const usePublishBulletin = () => useInspectionMutation((body: { title: string; content: string; inspectionId?: number }) => api.post<{ id: number }>('/api/bulletins', body));
export const useRecordAccountability = () => useInspectionMutation((body: CreateAccountabilityBody) => api.post<{ id: number }>('/api/accountability', body));
