// Problem ledger (问题台账) and three-lists (三个清单) API hooks, their query keys, and the ledger
// filters as they appear in the URL.
import type { ResponseOf } from '@lianxin/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateResponsibilityBody,
  CreateTaskBody,
  FireProblemBody,
  ListProblemsQuery,
  ProblemTransition,
  RegisterProblemBody,
  TaskTransition,
} from '@lianxin/contract';
import { builtInSourceLabel } from '@lianxin/contract';
import { api, type Query } from '../../app/api';
import { useI18n } from '../../app/i18n';

export type ProblemPage = ResponseOf<'GET', '/api/ledger/problems'>;
export type PublicClosurePage = ResponseOf<'GET', `/api/public/counties/${number}/closures`>;
export type Verify = ResponseOf<'GET', `/api/ledger/problems/${number}/verify`>;

export const ledgerKeys = {
  all: ['ledger'] as const,
  list: (q: ListProblemsQuery) => [...ledgerKeys.all, 'list', q] as const,
  counts: (q: ListProblemsQuery) => [...ledgerKeys.all, 'counts', q] as const,
  detail: (id: number) => [...ledgerKeys.all, 'detail', id] as const,
  verify: (id: number) => [...ledgerKeys.all, 'verify', id] as const,
  stats: (orgId: number | undefined) => [...ledgerKeys.all, 'stats', orgId ?? 0] as const,
  settings: () => [...ledgerKeys.all, 'settings'] as const,
};
export const listKeys = {
  all: ['lists'] as const,
  tasks: (orgId: number | undefined, year: number) => [...listKeys.all, 'tasks', orgId ?? 0, year] as const,
  responsibilities: (orgId: number | undefined, year: number) => [...listKeys.all, 'resp', orgId ?? 0, year] as const,
};

/** The ledger filters, as URL parameters and as API query parameters. */
export const LEDGER_FILTER_KEYS = ['orgId', 'status', 'open', 'source', 'category', 'overdue', 'supervisionDue', 'escalated', 'q', 'page', 'pageSize'] as const;
export type LedgerUrl = Partial<Record<(typeof LEDGER_FILTER_KEYS)[number], string>>;

export function ledgerQuery(v: LedgerUrl): ListProblemsQuery {
  const int = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  const flag = (s: string | undefined) => (s === '1' || s === 'true' ? true : undefined);
  const q: Record<string, unknown> = {
    orgId: int(v.orgId),
    status: v.status,
    open: flag(v.open),
    source: v.source,
    category: v.category,
    overdue: flag(v.overdue),
    supervisionDue: flag(v.supervisionDue),
    escalated: flag(v.escalated),
    q: v.q?.trim() || undefined,
    page: int(v.page) ?? 1,
    pageSize: int(v.pageSize) ?? 20,
  };
  for (const k of Object.keys(q)) if (q[k] === undefined) delete q[k];
  return q as ListProblemsQuery;
}

export function useProblems(query: ListProblemsQuery, enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.list(query),
    queryFn: () => api.get('/api/ledger/problems', query as Query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProblemCounts(query: ListProblemsQuery) {
  const { status: _s, page: _p, pageSize: _z, ...filter } = query;
  return useQuery({
    queryKey: ledgerKeys.counts(filter),
    queryFn: () => api.get('/api/ledger/problems/counts', filter as Query),
    placeholderData: keepPreviousData,
  });
}

export function useProblem(id: number | undefined) {
  return useQuery({ queryKey: ledgerKeys.detail(id ?? 0), queryFn: () => api.get(`/api/ledger/problems/${id ?? 0}`), enabled: id !== undefined });
}

export function useVerify(id: number | undefined) {
  return useQuery({ queryKey: ledgerKeys.verify(id ?? 0), queryFn: () => api.get(`/api/ledger/problems/${id ?? 0}/verify`), enabled: id !== undefined });
}

export function useLedgerSettings() {
  return useQuery({ queryKey: ledgerKeys.settings(), queryFn: () => api.get('/api/ledger/settings'), staleTime: 5 * 60_000 });
}

/**
 * The county's problem sources as select options (in use only, or with the retired ones for
 * filtering old problems); a built-in source keeps its English label when the county kept its name.
 */
export function useSourceOptions(withRetired = false) {
  const settings = useLedgerSettings();
  const { label } = useI18n();
  return (settings.data?.sources ?? [])
    .filter((x) => withRetired || x.active)
    .map((x) => ({ value: x.code, label: sourceLabel(x.code, x.label, label) }));
}

/** A source's label in the reader's language: the county's own name, or the built-in one's translation. */
export function sourceLabel(code: string, countyLabel: string, label: (l: { zh: string; en: string } | undefined) => string) {
  const builtIn = builtInSourceLabel(code);
  return builtIn && builtIn.zh === countyLabel ? label(builtIn) : countyLabel;
}

export function useLedgerStats(orgId: number | undefined) {
  return useQuery({
    queryKey: ledgerKeys.stats(orgId),
    queryFn: () => api.get('/api/ledger/stats', { orgId }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateLedger() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: ledgerKeys.all });
  };
}

export function useRegisterProblem() {
  const invalidate = useInvalidateLedger();
  return useMutation({ mutationFn: (body: RegisterProblemBody) => api.post('/api/ledger/problems', body), onSuccess: invalidate });
}

/** Fires a step; the answer is the problem as it is now (put straight into the cache). */
export function useFireProblem(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ transition, ...body }: FireProblemBody & { transition: ProblemTransition }) =>
      api.post(`/api/ledger/problems/${id}/transitions/${transition}`, body),
    onSuccess: async (detail) => {
      client.setQueryData(ledgerKeys.detail(id), detail);
      await client.invalidateQueries({ queryKey: ledgerKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== id });
    },
  });
}

export function useNote(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, text }: { kind: 'comments' | 'supervisions'; text: string }) => api.post(`/api/ledger/problems/${id}/${kind}`, { text }),
    onSuccess: async (detail) => {
      client.setQueryData(ledgerKeys.detail(id), detail);
      await client.invalidateQueries({ queryKey: ledgerKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== id });
    },
  });
}

/** A supervision (督办) from a list row. */
export function useSupervise() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ id, text }: { id: number; text: string }) => api.post(`/api/ledger/problems/${id}/supervisions`, { text }),
    onSuccess: invalidate,
  });
}

export function useAttach(id: number) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/api/ledger/problems/${id}/attachments`, form);
    },
    onSuccess: invalidate,
  });
}

export const attachmentUrl = (problemId: number, attachmentId: number) => `/api/ledger/problems/${problemId}/attachments/${attachmentId}`;

export const bulletinImport = {
  run: (file: File, options: { dryRun: boolean; mode: 'all_or_nothing' | 'valid_only'; source?: string; sourceRef?: string }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload('/api/ledger/problems/import', form, options);
  },
};

export function useInvalidateLedgerAll() {
  return useInvalidateLedger();
}

// ---- 三个清单: tasks and responsibilities ----
/** Rows per page of the two lists (the server pages them: {items, total, page, pageSize}). */
export const LIST_PAGE_SIZE = 20;

/** A year's tasks, or with `open` the unfinished ones of every year (工作台's 任务清单未完成). */
export function useTasks(orgId: number | undefined, year: number, page = 1, open = false) {
  return useQuery({
    queryKey: [...listKeys.tasks(orgId, open ? 0 : year), open, page],
    queryFn: () => api.get('/api/tasks', open ? { orgId, open, page, pageSize: LIST_PAGE_SIZE } : { orgId, year, page, pageSize: LIST_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useResponsibilities(orgId: number | undefined, year: number, page = 1) {
  return useQuery({
    queryKey: [...listKeys.responsibilities(orgId, year), page],
    queryFn: () => api.get('/api/responsibilities', { orgId, year, page, pageSize: LIST_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateLists() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: listKeys.all });
  };
}

export function useCreateTask() {
  const invalidate = useInvalidateLists();
  return useMutation({ mutationFn: (body: CreateTaskBody) => api.post('/api/tasks', body), onSuccess: invalidate });
}

export function useFireTask() {
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: ({ id, transition, ...body }: { id: number; transition: TaskTransition; version: number; comment?: string }) =>
      api.post(`/api/tasks/${id}/transitions/${transition}`, body),
    onSuccess: invalidate,
  });
}

export function useAddResponsibility() {
  const invalidate = useInvalidateLists();
  return useMutation({ mutationFn: (body: CreateResponsibilityBody) => api.post('/api/responsibilities', body), onSuccess: invalidate });
}

export function useRemoveResponsibility() {
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => api.delete(`/api/responsibilities/${id}`, { version }),
    onSuccess: invalidate,
  });
}
