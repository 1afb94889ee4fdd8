// 组织生活 API hooks and their query keys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConsultationTransition,
  ConsultationView,
  FireConsultationBody,
  OpenConsultationBody,
  BoardView,
  FileThemeDayBody,
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
import { untypedApi as api, type Query } from '../../app/api';

export const orglifeKeys = {
  all: ['orglife'] as const,
  settings: () => [...orglifeKeys.all, 'settings'] as const,
  roster: (orgId: number) => [...orglifeKeys.all, 'roster', orgId] as const,
  meetings: (q: ListMeetingsQuery) => [...orglifeKeys.all, 'meetings', q] as const,
  meeting: (id: number) => [...orglifeKeys.all, 'meeting', id] as const,
  board: (orgId: number | undefined, year: number | undefined, month: number | undefined) => [...orglifeKeys.all, 'board', orgId ?? 0, year ?? 0, month ?? 0] as const,
  filings: (status: string | undefined) => [...orglifeKeys.all, 'filings', status ?? ''] as const,
  filing: (id: number) => [...orglifeKeys.all, 'filing', id] as const,
};

export const useOrglifeSettings = () => useQuery({ queryKey: orglifeKeys.settings(), queryFn: () => api.get<OrglifeSettings>('/api/orglife/settings') });

export const useRoster = (orgId: number | undefined) =>
  useQuery({ queryKey: orglifeKeys.roster(orgId ?? 0), queryFn: () => api.get<Roster>(`/api/orglife/units/${orgId}/roster`), enabled: !!orgId });

export const useMeetings = (q: ListMeetingsQuery) =>
  useQuery({ queryKey: orglifeKeys.meetings(q), queryFn: () => api.get<MeetingPage>('/api/orglife/meetings', q as Query) });

export const useMeeting = (id: number) => useQuery({ queryKey: orglifeKeys.meeting(id), queryFn: () => api.get<MeetingDetail>(`/api/orglife/meetings/${id}`) });

export const useBoard = (orgId?: number, year?: number, month?: number) =>
  useQuery({ queryKey: orglifeKeys.board(orgId, year, month), queryFn: () => api.get<BoardView>('/api/orglife/board', { orgId, year, month }) });

export const useFilings = (status?: string) =>
  useQuery({ queryKey: orglifeKeys.filings(status), queryFn: () => api.get<FilingView[]>('/api/orglife/filings', { status }) });

export const useFiling = (id: number) => useQuery({ queryKey: orglifeKeys.filing(id), queryFn: () => api.get<FilingView>(`/api/orglife/filings/${id}`) });

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
  return useMutation({ mutationFn: (body: RecordMeetingBody) => api.post<MeetingDetail>('/api/orglife/meetings', body), onSuccess: refresh });
}

export function useSitIn(meetingId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { attendee: string; opinion: string }) => api.post<MeetingDetail>(`/api/orglife/meetings/${meetingId}/sit-ins`, body),
    onSuccess: (m) => client.setQueryData(orglifeKeys.meeting(meetingId), m),
  });
}

export const useConsultations = () => useQuery({ queryKey: [...orglifeKeys.all, 'consultations'], queryFn: () => api.get<ConsultationView[]>('/api/orglife/consultations') });

export function useOpenConsultation() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: OpenConsultationBody) => api.post<ConsultationView>('/api/orglife/consultations', body), onSuccess: refresh });
}

export function useFireConsultation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, transition, body }: { id: number; transition: ConsultationTransition; body: FireConsultationBody }) => api.post<ConsultationView>(`/api/orglife/consultations/${id}/transitions/${transition}`, body),
    onSuccess: refresh,
  });
}

export function useFileThemeDay() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: FileThemeDayBody) => api.post<FilingView>('/api/orglife/filings', body), onSuccess: refresh });
}

export function useFireFiling(id: number) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ transition, body }: { transition: FilingTransition; body: FireFilingBody }) => api.post<FilingView>(`/api/orglife/filings/${id}/transitions/${transition}`, body),
    onSuccess: (f) => {
      client.setQueryData(orglifeKeys.filing(id), f);
      refresh();
    },
  });
}
