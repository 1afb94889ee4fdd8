// 党员积分·党支部积星 API hooks: the year's rules, the board (drill-down), a member's points, the manual items.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPointAwardsQuery, PointRules, PointsBoardQuery, ProposePointAwardBody, SavePointRulesBody } from '@lianxin/contract';
import { api } from '../../app/api';

export const pointKeys = {
  all: ['points'] as const,
  rules: (year: number) => [...pointKeys.all, 'rules', year] as const,
  board: (q: PointsBoardQuery) => [...pointKeys.all, 'board', q] as const,
  member: (id: number, year: number) => [...pointKeys.all, 'member', id, year] as const,
  awards: (q: ListPointAwardsQuery) => [...pointKeys.all, 'awards', q] as const,
};

export const usePointRules = (year: number) => useQuery({ queryKey: pointKeys.rules(year), queryFn: () => api.get('/api/recognition/point-rules', { year }) });
export const usePointsBoard = (q: PointsBoardQuery) => useQuery({ queryKey: pointKeys.board(q), queryFn: () => api.get('/api/recognition/points-board', q), placeholderData: keepPreviousData });
export const useMemberPoints = (id: number | undefined, year: number) =>
  useQuery({ queryKey: pointKeys.member(id ?? 0, year), queryFn: () => api.get(`/api/recognition/member-points/${id!}`, { year }), enabled: !!id });
export const usePointAwards = (q: ListPointAwardsQuery, enabled = true) =>
  useQuery({ queryKey: pointKeys.awards(q), queryFn: () => api.get('/api/recognition/point-awards', q), enabled, placeholderData: keepPreviousData });

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: pointKeys.all });
}
export function useProposePointAward() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ProposePointAwardBody) => api.post('/api/recognition/point-awards', body), onSuccess: refresh });
}
/** 积分规则: the county saves a year's rules as a new version (at the version it saw; 0 when the year has none yet). */
export function useSavePointRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SavePointRulesBody): Promise<PointRules> => api.put('/api/recognition/point-rules', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: pointKeys.all }),
  });
}
export function useDecidePointAward() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (r: { id: number; verdict: 'approve' | 'return'; version: number; reason?: string }) =>
      api.post(`/api/recognition/point-awards/${r.id}/${r.verdict}`, { version: r.version, ...(r.reason ? { reason: r.reason } : {}) }),
    onSuccess: refresh,
  });
}
