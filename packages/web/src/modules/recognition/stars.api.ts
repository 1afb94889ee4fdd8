// 星级化管理 API hooks and their query keys: the county's rules, ratings, rows (post assessments) and the board.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListStarRowsQuery, SavePostScoreBody, SaveStarRulesBody, StarBoardQuery } from '@lianxin/contract';
import { api } from '../../app/api';

export const starKeys = {
  all: ['stars'] as const,
  rules: () => [...starKeys.all, 'rules'] as const,
  ratings: (year: number) => [...starKeys.all, 'ratings', year] as const,
  rating: (id: number) => [...starKeys.all, 'rating', id] as const,
  rows: (q: ListStarRowsQuery) => [...starKeys.all, 'rows', q] as const,
  row: (id: number) => [...starKeys.all, 'row', id] as const,
  board: (q: StarBoardQuery) => [...starKeys.all, 'board', q] as const,
};

export const useStarRules = () => useQuery({ queryKey: starKeys.rules(), queryFn: () => api.get('/api/recognition/star-rules') });
export const useStarRatings = (year: number) => useQuery({ queryKey: starKeys.ratings(year), queryFn: () => api.get('/api/recognition/star-ratings', { year, pageSize: 20 }) });
export const useStarRating = (id: number | undefined) =>
  useQuery({ queryKey: starKeys.rating(id ?? 0), queryFn: () => api.get(`/api/recognition/star-ratings/${id!}`), enabled: !!id });
export const useStarRows = (q: ListStarRowsQuery, enabled = true) =>
  useQuery({ queryKey: starKeys.rows(q), queryFn: () => api.get('/api/recognition/star-rows', q), enabled, placeholderData: keepPreviousData });
export const useStarRow = (id: number | undefined) => useQuery({ queryKey: starKeys.row(id ?? 0), queryFn: () => api.get(`/api/recognition/star-rows/${id!}`), enabled: !!id });
export const useStarBoard = (q: StarBoardQuery) => useQuery({ queryKey: starKeys.board(q), queryFn: () => api.get('/api/recognition/star-board', q), placeholderData: keepPreviousData });

/** Every change refreshes what the stars module shows (figures move together). */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: starKeys.all });
}

export function useSaveStarRules() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: SaveStarRulesBody) => api.put('/api/recognition/star-rules', body), onSuccess: refresh });
}
export function useCreateStarRating() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (year: number) => api.post('/api/recognition/star-ratings', { year }), onSuccess: refresh });
}
export function usePublishStarRating() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (r: { id: number; version: number }) => api.post(`/api/recognition/star-ratings/${r.id}/publish`, { version: r.version }), onSuccess: refresh });
}
export function useCorrectStarRating() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => api.post(`/api/recognition/star-ratings/${id}/correct`), onSuccess: refresh });
}
export function useSavePostScore() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (r: { id: number; body: SavePostScoreBody }) => api.put(`/api/recognition/star-rows/${r.id}`, r.body), onSuccess: refresh });
}
