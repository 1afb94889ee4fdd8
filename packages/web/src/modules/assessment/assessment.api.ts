// 考核 API hooks and their query keys: schemes, score sheets, results.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AppealSheetBody,
  AssessmentSettings,
  SaveAssessmentSettingsBody,
  CreateSchemeBody,
  FireSheetBody,
  ListSchemesQuery,
  ListSheetsQuery,
  OpenSheetBody,
  Results,
  ResultsQuery,
  SaveSchemeBody,
  SaveScoresBody,
  SchemeDetail,
  SchemeSummary,
  SheetDetail,
  SheetTransition,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const assessmentKeys = {
  all: ['assessment'] as const,
  schemes: (q?: ListSchemesQuery) => (q ? ([...assessmentKeys.all, 'schemes', q] as const) : ([...assessmentKeys.all, 'schemes'] as const)),
  scheme: (id: number) => [...assessmentKeys.all, 'scheme', id] as const,
  sheets: (q: ListSheetsQuery) => [...assessmentKeys.all, 'sheets', q] as const,
  sheet: (id: number) => [...assessmentKeys.all, 'sheet', id] as const,
  results: (q: ResultsQuery) => [...assessmentKeys.all, 'results', q] as const,
};

/** The page size of the scheme list (a county has a few schemes a year). */
export const SCHEMES_PAGE_SIZE = 20;

export function useSchemes(q: ListSchemesQuery = { pageSize: SCHEMES_PAGE_SIZE }) {
  return useQuery({ queryKey: assessmentKeys.schemes(q), queryFn: () => api.get('/api/assessment/schemes', q), placeholderData: keepPreviousData });
}

export function useScheme(id: number) {
  return useQuery({ queryKey: assessmentKeys.scheme(id), queryFn: () => api.get(`/api/assessment/schemes/${id}`) });
}

export function useCreateScheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSchemeBody) => api.post('/api/assessment/schemes', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentKeys.schemes() }),
  });
}

export function useSaveScheme(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSchemeBody) => api.put(`/api/assessment/schemes/${id}`, body),
    onSuccess: (s) => {
      qc.setQueryData(assessmentKeys.scheme(id), s);
      void qc.invalidateQueries({ queryKey: assessmentKeys.schemes() });
    },
  });
}

export function usePublishScheme(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post(`/api/assessment/schemes/${id}/publish`, { version }),
    onSuccess: (s) => {
      qc.setQueryData(assessmentKeys.scheme(id), s);
      void qc.invalidateQueries({ queryKey: assessmentKeys.schemes() });
    },
  });
}

export function useCopyScheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, year }: { id: number; year: number }) => api.post(`/api/assessment/schemes/${id}/copy`, { year }),
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentKeys.schemes() }),
  });
}

export function useSheets(q: ListSheetsQuery) {
  return useQuery({ queryKey: assessmentKeys.sheets(q), queryFn: () => api.get('/api/assessment/sheets', q), placeholderData: keepPreviousData });
}

export function useSheet(id: number) {
  return useQuery({ queryKey: assessmentKeys.sheet(id), queryFn: () => api.get(`/api/assessment/sheets/${id}`) });
}

/** 一键生成本月评分表: every unit of the scheme's type in the scope without a sheet of the month. */
export function useOpenSheets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { schemeId: number; period: string }) => api.post('/api/assessment/sheets/batch', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...assessmentKeys.all, 'sheets'] }),
  });
}

export function useOpenSheet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenSheetBody) => api.post('/api/assessment/sheets', body),
    onSuccess: (s) => {
      qc.setQueryData(assessmentKeys.sheet(s.id), s);
      void qc.invalidateQueries({ queryKey: [...assessmentKeys.all, 'sheets'] });
    },
  });
}

function useSheetUpdate<V>(id: number, fn: (v: V) => Promise<SheetDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (s) => {
      qc.setQueryData(assessmentKeys.sheet(id), s);
      void qc.invalidateQueries({ queryKey: [...assessmentKeys.all, 'sheets'] });
      void qc.invalidateQueries({ queryKey: [...assessmentKeys.all, 'results'] });
    },
  });
}

export function useSaveScores(id: number) {
  return useSheetUpdate(id, (body: SaveScoresBody) => api.put(`/api/assessment/sheets/${id}/scores`, body));
}

export function useFireSheet(id: number) {
  return useSheetUpdate(id, ({ transition, ...body }: FireSheetBody & { transition: SheetTransition }) => api.post(`/api/assessment/sheets/${id}/transitions/${transition}`, body));
}

export function useAppealSheet(id: number) {
  return useSheetUpdate(id, (body: AppealSheetBody) => api.post(`/api/assessment/sheets/${id}/appeal`, body));
}

/** 申诉材料: one file added to the sheet's open appeal; the sheet is read again (its appeal lists the file). */
export function useUploadAppealFile(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/api/assessment/sheets/${id}/appeal/files`, form);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: assessmentKeys.sheet(id) }),
  });
}

export function useAssessmentSettings() {
  return useQuery({ queryKey: [...assessmentKeys.all, 'settings'], queryFn: (): Promise<AssessmentSettings> => api.get('/api/assessment/settings') });
}

export function useSaveAssessmentSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveAssessmentSettingsBody): Promise<AssessmentSettings> => api.put('/api/assessment/settings', body),
    onSuccess: (s) => qc.setQueryData([...assessmentKeys.all, 'settings'], s),
  });
}

export function useCorrectSheet(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/assessment/sheets/${id}/correct`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...assessmentKeys.all, 'sheets'] }),
  });
}

export function useResults(q: ResultsQuery) {
  return useQuery({ queryKey: assessmentKeys.results(q), queryFn: () => api.get('/api/assessment/results', q), placeholderData: keepPreviousData });
}

/** The subjects a scheme scores in a month (units, first secretaries or projects of the scope), with the sheets already opened. */
export function useSubjects(q: { schemeId?: number; period?: string; q?: string }) {
  return useQuery({
    queryKey: [...assessmentKeys.all, 'subjects', q],
    queryFn: () => api.get('/api/assessment/subjects', { schemeId: q.schemeId!, period: q.period!, q: q.q || undefined, pageSize: 50 }),
    placeholderData: keepPreviousData,
    enabled: Boolean(q.schemeId && q.period && /^\d{4}-\d{2}$/.test(q.period)),
  });
}

/** 年度评选: the year's projects ranked by their 年交账 score within the county (rows of the scope). */
export function useProjectRanking(year: number) {
  return useQuery({ queryKey: [...assessmentKeys.all, 'project-ranking', year], queryFn: () => api.get('/api/assessment/project-ranking', { year }), placeholderData: keepPreviousData });
}
