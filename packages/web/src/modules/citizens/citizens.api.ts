// Serving citizens: API hooks and their query keys (requests, whistles, diary, households, grids,
// 连心卡) and the public pages' calls. Types come from the contract.
import type { ResponseOf } from '@lianxin/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateHouseholdBody,
  CreateRequestBody,
  CreateVisitBody,
  ListRequestsQuery,
  RequestTransition,
  WhistlePartActionT,
} from '@lianxin/contract';
import { usePagedList } from '../../app/pager';
import { api, type Query } from '../../app/api';

export type RequestsPage = ResponseOf<'GET', '/api/requests'>;
export type Stats = ResponseOf<'GET', '/api/requests/stats'>;
export type Load = ResponseOf<'GET', '/api/whistles/load'>;
export type Visits = ResponseOf<'GET', '/api/visits'>;
export type GridView = ResponseOf<'GET', `/api/grids/${number}`>;
export type Card = ResponseOf<'GET', `/api/cards/${number}`>;
export type PostCard = ResponseOf<'GET', `/api/cards/${number}/posts`>[number];

/** The queue's filters as they appear in the URL. */
export const REQUEST_FILTER_KEYS = ['status', 'channel', 'overdue', 'orgId', 'q', 'mine', 'open', 'month', 'metric', 'page', 'tab'] as const;
export type RequestUrl = Partial<Record<(typeof REQUEST_FILTER_KEYS)[number], string>>;

export function requestQuery(v: RequestUrl): ListRequestsQuery {
  const num = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  return {
    status: v.status as ListRequestsQuery['status'],
    channel: v.channel as ListRequestsQuery['channel'],
    overdue: v.overdue === '1' ? true : undefined,
    orgId: num(v.orgId),
    q: v.q,
    mine: v.mine === '1' ? true : undefined,
    open: v.open === '1' ? true : undefined,
    month: v.month && /^\d{4}-\d{2}$/.test(v.month) ? v.month : undefined,
    metric: v.metric as ListRequestsQuery['metric'],
    page: num(v.page),
    pageSize: 20,
  };
}

export const citizenKeys = {
  all: ['citizens'] as const,
  requests: (q: ListRequestsQuery) => [...citizenKeys.all, 'requests', q] as const,
  request: (id: number) => [...citizenKeys.all, 'request', id] as const,
  stats: (orgId?: number, month?: string) => [...citizenKeys.all, 'stats', orgId ?? 0, month ?? ''] as const,
  whistles: () => [...citizenKeys.all, 'whistles'] as const,
  load: () => [...citizenKeys.all, 'load'] as const,
  departments: () => [...citizenKeys.all, 'departments'] as const,
  visits: (q: Query) => [...citizenKeys.all, 'visits', q] as const,
  households: (orgId?: number) => [...citizenKeys.all, 'households', orgId ?? 0] as const,
  grid: (id: number, year: number) => [...citizenKeys.all, 'grid', id, year] as const,
  card: (id: number) => [...citizenKeys.all, 'card', id] as const,
  postCards: (id: number) => [...citizenKeys.all, 'post-cards', id] as const,
  candidates: (id: number) => [...citizenKeys.all, 'candidates', id] as const,
};

export function useRequests(q: ListRequestsQuery) {
  return useQuery({ queryKey: citizenKeys.requests(q), queryFn: () => api.get('/api/requests', q as Query), placeholderData: keepPreviousData });
}
export function useRequest(id: number) {
  return useQuery({ queryKey: citizenKeys.request(id), queryFn: () => api.get(`/api/requests/${id}`) });
}
export function useStats(orgId?: number, month?: string) {
  return useQuery({ queryKey: citizenKeys.stats(orgId, month), queryFn: () => api.get('/api/requests/stats', { orgId, month }), placeholderData: keepPreviousData });
}
/** Rows a page of the whistle board (read page after page, "more"). */
export const WHISTLE_PAGE_SIZE = 30;
/** Which whistles a list shows: open or done ones (or all), searched by matter or unit name — filtered on the server. */
export type WhistleFilter = { status?: 'open' | 'done'; q?: string };
/** The whistles the account's level blew or was called to, newest first, page after page. */
export function useWhistles(f: WhistleFilter = {}, enabled = true) {
  return usePagedList([...citizenKeys.whistles(), 'list', f], (page) => api.get('/api/whistles', { status: f.status, q: f.q || undefined, page, pageSize: WHISTLE_PAGE_SIZE }), enabled);
}
/** 待本部门报到/办理: whistles still waiting on the account's department (finished and declined ones drop out). */
export function useAwaitingWhistles(enabled: boolean, q?: string) {
  return usePagedList([...citizenKeys.whistles(), 'awaiting', q ?? ''], (page) => api.get('/api/whistles', { awaiting: true, q: q || undefined, page, pageSize: WHISTLE_PAGE_SIZE }), enabled);
}
/** One whistle (a link to a whistle older than the pages loaded). */
export function useWhistle(id: number | undefined) {
  return useQuery({ queryKey: [...citizenKeys.whistles(), 'one', id], queryFn: () => api.get(`/api/whistles/${id ?? 0}`), enabled: !!id });
}
/** What a whistle was blown for, read-only (the request or problem, for the departments on it). */
export function useWhistleSource(id: number | undefined) {
  return useQuery({ queryKey: [...citizenKeys.whistles(), 'source', id], queryFn: () => api.get(`/api/whistles/${id ?? 0}/source`), enabled: !!id });
}
export function useWhistleLoad() {
  return useQuery({ queryKey: citizenKeys.load(), queryFn: () => api.get('/api/whistles/load') });
}
export function useDepartments(enabled = true) {
  return useQuery({ queryKey: citizenKeys.departments(), queryFn: () => api.get('/api/whistles/departments'), enabled, staleTime: 300_000 });
}
export function useHandOverCandidates(id: number, enabled: boolean) {
  return useQuery({ queryKey: citizenKeys.candidates(id), queryFn: () => api.get(`/api/requests/${id}/hand-over-candidates`), enabled });
}
/** Rows a page of the visit diary and the household list. */
export const DIARY_PAGE_SIZE = 24;
export function useVisits(q: { mine?: boolean; orgId?: number; householdId?: number; page?: number }) {
  return useQuery({ queryKey: citizenKeys.visits(q), queryFn: () => api.get('/api/visits', { ...q, pageSize: DIARY_PAGE_SIZE }), placeholderData: keepPreviousData });
}
/** A page of 包保户 (pageSize 200: a village's households to pick from). */
export function useHouseholds(orgId?: number, page = 1, pageSize = DIARY_PAGE_SIZE) {
  return useQuery({ queryKey: [...citizenKeys.households(orgId), page, pageSize], queryFn: () => api.get('/api/households', { orgId, page, pageSize }), placeholderData: keepPreviousData });
}
/** One 包保户 by id (a deep link /grids?tab=households&id=… opens it after a reload). */
export function useHousehold(id: number | undefined) {
  return useQuery({ queryKey: [...citizenKeys.all, 'household', id ?? 0], queryFn: () => api.get(`/api/households/${id ?? 0}`), enabled: !!id });
}
/** One visit of the diary by id (/diary?visit=… opens it after a reload). */
export function useVisit(id: number | undefined) {
  return useQuery({ queryKey: [...citizenKeys.all, 'visit', id ?? 0], queryFn: () => api.get(`/api/visits/${id ?? 0}`), enabled: !!id });
}
export function useGrid(id: number | undefined, year: number) {
  return useQuery({ queryKey: citizenKeys.grid(id ?? 0, year), queryFn: () => api.get(`/api/grids/${id ?? 0}`, { year }), enabled: id !== undefined });
}
export function useCard(id: number) {
  return useQuery({ queryKey: citizenKeys.card(id), queryFn: () => api.get(`/api/cards/${id}`), staleTime: 300_000 });
}

export function usePostCards(id: number) {
  return useQuery({ queryKey: citizenKeys.postCards(id), queryFn: () => api.get(`/api/cards/${id}/posts`), staleTime: 300_000 });
}

/** Every write refreshes the module's lists and details. */
function useCitizenMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: citizenKeys.all });
    },
  });
}

export const useCreateRequest = () => useCitizenMutation((body: CreateRequestBody) => api.post('/api/requests', body));
export const useFireRequest = () =>
  useCitizenMutation(({ id, transition, ...body }: { id: number; transition: RequestTransition; version: number; comment?: string; promisedDate?: string; resolved?: boolean }) =>
    api.post(`/api/requests/${id}/transitions/${transition}`, body),
  );
export const useHandOver = () =>
  useCitizenMutation(({ id, ...body }: { id: number; toAccountId: number; note: string }) => api.post(`/api/requests/${id}/hand-over`, body));
export const useMessage = () =>
  useCitizenMutation(({ id, ...body }: { id: number; text: string; public: boolean }) => api.post(`/api/requests/${id}/messages`, body));
/** 办结后电话告知: the handler of record shows the citizen's full phone (audited on the server); nothing is cached. */
export const useRevealPhone = () => useMutation({ mutationFn: (id: number) => api.post(`/api/requests/${id}/reveal-phone`, {}) });
export const useReportUp = () => useCitizenMutation(({ id, text }: { id: number; text: string }) => api.post(`/api/requests/${id}/report-up`, { text }));
export const useBlowWhistle = () =>
  useCitizenMutation((body: { sourceCaseId: number; matter: string; departmentIds: number[] }) => api.post('/api/whistles', body));
export const usePartAction = () =>
  useCitizenMutation(({ partId, ...body }: WhistlePartActionT & { partId: number }) => api.post(`/api/whistle-parts/${partId}/actions`, body));
export const useReroute = () =>
  useCitizenMutation(({ partId, departmentId }: { partId: number; departmentId: number }) => api.post(`/api/whistle-parts/${partId}/reroute`, { departmentId }));
/** 移交公检法, marked by the whistling org on a department's part. */
export const useJudicialTransfer = () =>
  useCitizenMutation(({ partId, ...body }: { partId: number; version: number; note?: string }) => api.post(`/api/whistle-parts/${partId}/judicial-transfer`, body));
export const useRecordVisit = () => useCitizenMutation((body: CreateVisitBody) => api.post('/api/visits', body));
export const useAddHousehold = () => useCitizenMutation((body: CreateHouseholdBody) => api.post('/api/households', body));
export const useRegisterMember = () =>
  useCitizenMutation(({ gridId, ...body }: { gridId: number; personId: number; registeredOn: string }) => api.post(`/api/grids/${gridId}/registrations`, body));
export const useAddDeed = () =>
  useCitizenMutation(({ registrationId, ...body }: { registrationId: number; doneOn: string; description: string }) =>
    api.post(`/api/grid-registrations/${registrationId}/deeds`, body),
  );
