// API hooks of 两下两上 (directives, assignments, reports, boards) and 督查问责 (inspections,
// bulletins, accountability), typed from the contract, with one query-key factory.
import type { ResponseOf } from '@lianxin/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountabilityKind,
  CreateAccountabilityBody,
  CreateInspectionBody,
  DirectiveKind,
  InboxTab,
  InspectionKind,
  FanOutBody,
  IssueDirectiveBody,
  ReportBody,
} from '@lianxin/contract';
import { api } from '../../app/api';
import { usePagedList } from '../../app/pager';
import type { FollowedDirective, SentDirective as ContractSentDirective } from '@lianxin/contract';

/** A directive I sent, or (with `issuer`) one from above that the levels below me received. */
export type SentDirective = ContractSentDirective & { issuer?: FollowedDirective['issuer'] };

export type Series = ResponseOf<'GET', '/api/directives/series'>['items'][number];

export type Compiled = ResponseOf<'GET', `/api/assignments/${number}/compile`>;

export type Bulletin = ResponseOf<'GET', '/api/bulletins'>['items'][number];

export type Accountability = ResponseOf<'GET', '/api/accountability'>['items'][number];

export const dispatchKeys = {
  all: ['dispatch'] as const,
  inbox: (f: InboxFilter) => [...dispatchKeys.all, 'inbox', f] as const,
  sent: (f: DirectiveFilter = {}) => [...dispatchKeys.all, 'sent', f] as const,
  following: (f: DirectiveFilter = {}) => [...dispatchKeys.all, 'following', f] as const,
  series: () => [...dispatchKeys.all, 'series'] as const,
  assignment: (id: number) => [...dispatchKeys.all, 'assignment', id] as const,
  compile: (id: number) => [...dispatchKeys.all, 'compile', id] as const,
  board: (id: number) => [...dispatchKeys.all, 'board', id] as const,
};

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (f: { q?: string; kind?: string } = {}) => [...inspectionKeys.all, 'list', f] as const,
  detail: (id: number) => [...inspectionKeys.all, 'detail', id] as const,
  bulletins: (q?: string) => [...inspectionKeys.all, 'bulletins', q ?? ''] as const,
  accountability: (kind?: string) => [...inspectionKeys.all, 'accountability', kind ?? ''] as const,
};

/** Rows a page of the inbox and the directive lists (they are read page after page, "more"). */
export const DISPATCH_PAGE_SIZE = 50;
/** One tab of the inbox with its title and kind filters (the server filters and counts every tab in SQL). */
export type InboxFilter = { tab: InboxTab; q?: string; kind?: string };
/** A tab of the inbox, soonest due first, page after page; `first.counts` holds every tab's count with the same filters. */
export const useInbox = (f: InboxFilter) =>
  usePagedList(dispatchKeys.inbox(f), (page) => api.get('/api/inbox', { tab: f.tab, q: f.q || undefined, kind: (f.kind || undefined) as DirectiveKind | undefined, page, pageSize: DISPATCH_PAGE_SIZE }));
/** 已下发 and 下级收到的: searched by title, filtered by kind and status on the server; `first.counts` holds the open and closed counts with the same title and kind. */
export type DirectiveFilter = { q?: string; kind?: string; status?: string };
const directiveQuery = (f: DirectiveFilter, page: number) => ({
  q: f.q || undefined, kind: (f.kind || undefined) as DirectiveKind | undefined, status: f.status === 'open' || f.status === 'closed' ? (f.status as 'open' | 'closed') : undefined, page, pageSize: DISPATCH_PAGE_SIZE,
});
export const useSent = (f: DirectiveFilter = {}, enabled = true) => usePagedList(dispatchKeys.sent(f), (page) => api.get('/api/directives/sent', directiveQuery(f, page)), enabled);
export const useFollowing = (f: DirectiveFilter = {}) => usePagedList(dispatchKeys.following(f), (page) => api.get('/api/directives/following', directiveQuery(f, page)));
export const useSeries = (enabled = true) => usePagedList(dispatchKeys.series(), (page) => api.get('/api/directives/series', { page, pageSize: DISPATCH_PAGE_SIZE }), enabled);
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
/** Rows a page of the inspection, bulletin and accountability lists. */
export const INSPECTION_PAGE_SIZE = 20;
/** The inspections, newest first, page after page ("more"; the search and kind filter work over the rows loaded). */
/** Inspections, newest first, searched and filtered by kind on the server. */
export const useInspections = (f: { q?: string; kind?: string } = {}) =>
  usePagedList(inspectionKeys.list(f), (page) => api.get('/api/inspections', { q: f.q || undefined, kind: (f.kind || undefined) as InspectionKind | undefined, page, pageSize: INSPECTION_PAGE_SIZE }));
/** The latest inspections to link a bulletin or an accountability record to (the newest 200). */
export const useRecentInspections = () => useQuery({ queryKey: [...inspectionKeys.list(), 'recent'], queryFn: () => api.get('/api/inspections', { pageSize: 200 }) });
export const useInspection = (id: number) => useQuery({ queryKey: inspectionKeys.detail(id), queryFn: () => api.get(`/api/inspections/${id}`), enabled: Number.isFinite(id) });
/** The bulletins reaching the scope, newest first, page after page ("more"), searched by title and text on the server. */
export const useBulletins = (q?: string) => usePagedList(inspectionKeys.bulletins(q), (page) => api.get('/api/bulletins', { q: q || undefined, page, pageSize: INSPECTION_PAGE_SIZE }));
/** The accountability records in the scope, newest first, page after page ("more"), of one kind (filtered on the server; `first.counts` per kind). */
export const useAccountabilityList = (kind?: string) =>
  usePagedList(inspectionKeys.accountability(kind), (page) => api.get('/api/accountability', { kind: (kind || undefined) as AccountabilityKind | undefined, page, pageSize: INSPECTION_PAGE_SIZE }));
/** The bulletins and accountability records of one inspection (asked of the server, not filtered from a page). */
export const useInspectionLinks = (inspectionId: number) =>
  useQuery({
    queryKey: [...inspectionKeys.detail(inspectionId), 'links'],
    queryFn: async () => {
      const [bulletins, accountability] = await Promise.all([api.get('/api/bulletins', { inspectionId, pageSize: 200 }), api.get('/api/accountability', { inspectionId, pageSize: 200 })]);
      return { bulletins: bulletins.items, accountability: accountability.items };
    },
    enabled: Number.isFinite(inspectionId),
  });

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
