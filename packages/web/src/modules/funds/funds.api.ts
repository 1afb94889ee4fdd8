// 经费与阵地 API hooks: standards, allocations and spending, the roll-up, allowances, former
// cadres, awards; checklists, venues and duty rosters — one query-key factory, every change
// refreshing what shows it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdjustAllocationBody, ChecklistKind, FundLine, CreateAllocationBody, CreateAwardBody, CreateDutyShiftBody, CreateVenueBody, FormerCadreRule,
  RecordSpendingBody, SaveAllowanceStandardsBody, SaveChecklistBody, SaveFundStandardsBody, UpdateVenueBody,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const fundsKeys = {
  all: ['funds'] as const,
  standards: (year: number) => [...fundsKeys.all, 'standards', year] as const,
  allocations: (year: number, orgId?: number, line?: string) => [...fundsKeys.all, 'allocations', year, orgId ?? 0, line ?? ''] as const,
  allocation: (id: number) => [...fundsKeys.all, 'allocation', id] as const,
  rollup: (year: number, orgId?: number) => [...fundsKeys.all, 'rollup', year, orgId ?? 0] as const,
  allowances: (year: number, page: number) => [...fundsKeys.all, 'allowances', year, page] as const,
  former: (year: number, page: number) => [...fundsKeys.all, 'former', year, page] as const,
  awards: (year: number) => [...fundsKeys.all, 'awards', year] as const,
  allowanceStandards: (year: number) => [...fundsKeys.all, 'allowance-standards', year] as const,
};
export const facilityKeys = {
  all: ['facilities'] as const,
  templates: () => [...facilityKeys.all, 'templates'] as const,
  board: (kind: ChecklistKind, orgId?: number) => [...facilityKeys.all, 'board', kind, orgId ?? 0] as const,
  checklist: (orgId: number, kind: ChecklistKind) => [...facilityKeys.all, 'checklist', orgId, kind] as const,
  venues: (orgId?: number) => [...facilityKeys.all, 'venues', orgId ?? 0] as const,
  shifts: (venueId: number, from?: string, to?: string) => [...facilityKeys.all, 'shifts', venueId, from ?? '', to ?? ''] as const,
  candidates: (venueId: number) => [...facilityKeys.all, 'candidates', venueId] as const,
};

const clean = <T extends object>(q: T): T => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;

export const useFundStandards = (year: number) => useQuery({ queryKey: fundsKeys.standards(year), queryFn: () => api.get('/api/funds/standards', { year }) });
export const useAllocations = (year: number, orgId?: number, line?: FundLine) =>
  useQuery({ queryKey: fundsKeys.allocations(year, orgId, line), queryFn: () => api.get('/api/funds/allocations', clean({ year, orgId, line, pageSize: 200 })), placeholderData: keepPreviousData });
export const useAllocation = (id: number) => useQuery({ queryKey: fundsKeys.allocation(id), queryFn: () => api.get(`/api/funds/allocations/${id}`) });
export const useRollup = (year: number, orgId?: number) =>
  useQuery({ queryKey: fundsKeys.rollup(year, orgId), queryFn: () => api.get('/api/funds/rollup', clean({ year, orgId })), placeholderData: keepPreviousData });
/** The allowances and former cadres of a year, one page at a time (the sums are of the whole year). */
export const REPORT_PAGE_SIZE = 50;
export const useAllowances = (year: number, page = 1) =>
  useQuery({ queryKey: fundsKeys.allowances(year, page), queryFn: () => api.get('/api/funds/allowances', { year, page, pageSize: REPORT_PAGE_SIZE }), placeholderData: keepPreviousData });
export const useFormerCadres = (year: number, page = 1) =>
  useQuery({ queryKey: fundsKeys.former(year, page), queryFn: () => api.get('/api/funds/former-cadres', { year, page, pageSize: REPORT_PAGE_SIZE }), placeholderData: keepPreviousData });
export const useAwards = (year: number) => useQuery({ queryKey: fundsKeys.awards(year), queryFn: () => api.get('/api/funds/awards', { year }) });

function useRefresh(keys: readonly (readonly string[])[] = [fundsKeys.all]) {
  const client = useQueryClient();
  return async () => {
    await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
  };
}

export function useSaveStandards() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: SaveFundStandardsBody) => api.put('/api/funds/standards', body), onSuccess });
}
export function useCopyStandards() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: { fromYear: number; toYear: number }) => api.post('/api/funds/standards/copy', body), onSuccess });
}
export function useApplyStandards() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (year: number) => api.post('/api/funds/allocations/apply', { year }), onSuccess });
}
export function useCreateAllocation() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: CreateAllocationBody) => api.post('/api/funds/allocations', body), onSuccess });
}
export function useAdjustAllocation() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: ({ id, ...body }: AdjustAllocationBody & { id: number }) => api.patch(`/api/funds/allocations/${id}`, body), onSuccess });
}
export function useRecordSpending() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: async ({ id, voucher, ...body }: RecordSpendingBody & { id: number; voucher?: File }) => {
      const spending = await api.post(`/api/funds/allocations/${id}/spendings`, body);
      if (voucher) {
        const form = new FormData();
        form.append('file', voucher);
        await api.upload(`/api/funds/spendings/${spending.id}/voucher`, form);
      }
      return spending;
    },
    onSuccess,
  });
}
export function useSaveFormerRule() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: FormerCadreRule) => api.put('/api/funds/former-cadre-rule', body), onSuccess });
}
export function useCreateAward() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: CreateAwardBody) => api.post('/api/funds/awards', body), onSuccess });
}

// ---- facilities

export const useChecklistTemplates = () => useQuery({ queryKey: facilityKeys.templates(), queryFn: () => api.get('/api/facilities/templates') });
export const useFacilityBoard = (kind: ChecklistKind, orgId?: number) =>
  useQuery({ queryKey: facilityKeys.board(kind, orgId), queryFn: () => api.get('/api/facilities/board', clean({ kind, orgId })), placeholderData: keepPreviousData });
export const useChecklist = (orgId: number, kind: ChecklistKind) =>
  useQuery({ queryKey: facilityKeys.checklist(orgId, kind), queryFn: () => api.get(`/api/facilities/units/${orgId}/checklists/${kind}`) });
export const useVenues = (orgId?: number) => useQuery({ queryKey: facilityKeys.venues(orgId), queryFn: () => api.get('/api/venues', clean({ orgId })) });
export const useShifts = (venueId: number, from?: string, to?: string) =>
  useQuery({ queryKey: facilityKeys.shifts(venueId, from, to), queryFn: () => api.get(`/api/venues/${venueId}/shifts`, clean({ from, to })) });
export const useDutyCandidates = (venueId: number) => useQuery({ queryKey: facilityKeys.candidates(venueId), queryFn: () => api.get(`/api/venues/${venueId}/duty-candidates`) });

export function useSaveChecklist(orgId: number, kind: ChecklistKind) {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({ mutationFn: (body: SaveChecklistBody) => api.put(`/api/facilities/units/${orgId}/checklists/${kind}`, body), onSuccess });
}
export function useChecklistPhoto(orgId: number, kind: ChecklistKind) {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({
    mutationFn: ({ key, file }: { key: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload(`/api/facilities/units/${orgId}/checklists/${kind}/items/${key}/photo`, form);
    },
    onSuccess,
  });
}
export function useSaveTemplate() {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({ mutationFn: ({ kind, items }: { kind: ChecklistKind; items: { key: string; name: string }[] }) => api.put(`/api/facilities/templates/${kind}`, { items }), onSuccess });
}
export function useCreateVenue() {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({ mutationFn: (body: CreateVenueBody) => api.post('/api/venues', body), onSuccess });
}
export function useUpdateVenue() {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({ mutationFn: ({ id, ...body }: UpdateVenueBody & { id: number }) => api.patch(`/api/venues/${id}`, body), onSuccess });
}
export function useAddShift(venueId: number) {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({ mutationFn: (body: CreateDutyShiftBody) => api.post(`/api/venues/${venueId}/shifts`, body), onSuccess });
}
export function useRemoveShift() {
  const onSuccess = useRefresh([facilityKeys.all]);
  return useMutation({ mutationFn: (id: number) => api.delete(`/api/duty-shifts/${id}`), onSuccess });
}

/** 村干部报酬标准 of a year (the table in force: its own, carried over, or the seeds'); saving refreshes allowances too. */
export const useAllowanceStandards = (year: number) => useQuery({ queryKey: fundsKeys.allowanceStandards(year), queryFn: () => api.get('/api/funds/allowance-standards', { year }) });
export function useSaveAllowanceStandards() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: SaveAllowanceStandardsBody) => api.put('/api/funds/allowance-standards', body), onSuccess });
}
