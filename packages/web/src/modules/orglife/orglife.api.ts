// 组织生活 API hooks and their query keys.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConsultationTransition,
  ConsultationView,
  FireConsultationBody,
  OpenConsultationBody,
  BoardView,
  FileThemeDayBody,
  FilingState,
  FilingTransition,
  FilingView,
  FireFilingBody,
  ListMeetingsQuery,
  MeetingDetail,
  MeetingPage,
  OrglifeSettings,
  RecordMeetingBody,
  Roster,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const orglifeKeys = {
  all: ['orglife'] as const,
  settings: () => [...orglifeKeys.all, 'settings'] as const,
  roster: (orgId: number) => [...orglifeKeys.all, 'roster', orgId] as const,
  meetings: (q: ListMeetingsQuery) => [...orglifeKeys.all, 'meetings', q] as const,
  meeting: (id: number) => [...orglifeKeys.all, 'meeting', id] as const,
  board: (orgId: number | undefined, year: number | undefined, month: number | undefined) => [...orglifeKeys.all, 'board', orgId ?? 0, year ?? 0, month ?? 0] as const,
  filings: (status: string | undefined, page: number) => [...orglifeKeys.all, 'filings', status ?? '', page] as const,
  filing: (id: number) => [...orglifeKeys.all, 'filing', id] as const,
};

export const useOrglifeSettings = () => useQuery({ queryKey: orglifeKeys.settings(), queryFn: () => api.get('/api/orglife/settings') });

export const useRoster = (orgId: number | undefined) =>
  useQuery({ queryKey: orglifeKeys.roster(orgId ?? 0), queryFn: () => api.get(`/api/orglife/units/${orgId!}/roster`), enabled: !!orgId });

export const useMeetings = (q: ListMeetingsQuery) =>
  useQuery({ queryKey: orglifeKeys.meetings(q), queryFn: () => api.get('/api/orglife/meetings', q) });

export const useMeeting = (id: number) => useQuery({ queryKey: orglifeKeys.meeting(id), queryFn: () => api.get(`/api/orglife/meetings/${id}`) });

export const useBoard = (orgId?: number, year?: number, month?: number) =>
  useQuery({ queryKey: orglifeKeys.board(orgId, year, month), queryFn: () => api.get('/api/orglife/board', { orgId, year, month }) });

/** The page size of the filing and consultation lists (a page at a time, newest first). */
export const ORGLIFE_PAGE_SIZE = 20;

export const useFilings = (status: string | undefined, page = 1) =>
  useQuery({ queryKey: orglifeKeys.filings(status, page), queryFn: () => api.get('/api/orglife/filings', { status: status as FilingState | undefined, page, pageSize: ORGLIFE_PAGE_SIZE }), placeholderData: keepPreviousData });

export const useFiling = (id: number) => useQuery({ queryKey: orglifeKeys.filing(id), queryFn: () => api.get(`/api/orglife/filings/${id}`) });

/** Every write changes what the board, the lists and the home page show: refresh them all. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: orglifeKeys.all });
    void client.invalidateQueries({ queryKey: ['home'] });
  };
}

export function useRecordMeeting() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: RecordMeetingBody) => api.post('/api/orglife/meetings', body), onSuccess: refresh });
}

export function useSitIn(meetingId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { attendee: string; opinion: string }) => api.post(`/api/orglife/meetings/${meetingId}/sit-ins`, body),
    onSuccess: (m) => client.setQueryData(orglifeKeys.meeting(meetingId), m),
  });
}

export const useConsultations = (page = 1) =>
  useQuery({ queryKey: [...orglifeKeys.all, 'consultations', page], queryFn: () => api.get('/api/orglife/consultations', { page, pageSize: ORGLIFE_PAGE_SIZE }), placeholderData: keepPreviousData });

export function useOpenConsultation() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: OpenConsultationBody) => api.post('/api/orglife/consultations', body), onSuccess: refresh });
}

export function useFireConsultation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, transition, body }: { id: number; transition: ConsultationTransition; body: FireConsultationBody }) => api.post(`/api/orglife/consultations/${id}/transitions/${transition}`, body),
    onSuccess: refresh,
  });
}

export function useFileThemeDay() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: FileThemeDayBody) => api.post('/api/orglife/filings', body), onSuccess: refresh });
}

export function useFireFiling(id: number) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ transition, body }: { transition: FilingTransition; body: FireFilingBody }) => api.post(`/api/orglife/filings/${id}/transitions/${transition}`, body),
    onSuccess: (f) => {
      client.setQueryData(orglifeKeys.filing(id), f);
      refresh();
    },
  });
}
