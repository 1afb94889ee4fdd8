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
  CreatePartyGroupBody,
  SaveOrglifeSettingsBody,
  UpdatePartyGroupBody,
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
  partyGroups: (orgId: number) => [...orglifeKeys.all, 'party-groups', orgId] as const,
};

export const useOrglifeSettings = () => useQuery({ queryKey: orglifeKeys.settings(), queryFn: () => api.get('/api/orglife/settings') });

/** The county's rules (县委组织部): saved whole; the answer is the rules as they now stand. */
export function useSaveOrglifeSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveOrglifeSettingsBody) => api.put('/api/orglife/settings', body),
    onSuccess: (s) => client.setQueryData(orglifeKeys.settings(), s),
  });
}

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

// ---- 会议照片和附件 ----

export function useUploadMeetingFile(meetingId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/api/orglife/meetings/${meetingId}/files`, form);
    },
    onSuccess: (m) => client.setQueryData(orglifeKeys.meeting(meetingId), m),
  });
}

export function useRemoveMeetingFile(meetingId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fileId: number) => api.delete(`/api/orglife/meetings/${meetingId}/files/${fileId}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: orglifeKeys.meeting(meetingId) }),
  });
}

// ---- 党小组 ----

export const usePartyGroups = (orgId: number | undefined) =>
  useQuery({ queryKey: orglifeKeys.partyGroups(orgId ?? 0), queryFn: () => api.get(`/api/orglife/units/${orgId!}/party-groups`), enabled: !!orgId });

/** A group's change moves members between groups: the branch's list and the rosters are read afresh. */
function useGroupsChanged() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: orglifeKeys.all });
}

export function useCreatePartyGroup(orgId: number) {
  const changed = useGroupsChanged();
  return useMutation({ mutationFn: (body: CreatePartyGroupBody) => api.post(`/api/orglife/units/${orgId}/party-groups`, body), onSuccess: changed });
}

export function useUpdatePartyGroup() {
  const changed = useGroupsChanged();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: UpdatePartyGroupBody }) => api.put(`/api/orglife/party-groups/${id}`, body), onSuccess: changed });
}

export function useDissolvePartyGroup() {
  const changed = useGroupsChanged();
  return useMutation({ mutationFn: ({ id, version }: { id: number; version: number }) => api.delete(`/api/orglife/party-groups/${id}`, { version }), onSuccess: changed });
}
