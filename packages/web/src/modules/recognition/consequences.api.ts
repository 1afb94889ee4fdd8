// 奖惩 API hooks and their query keys: a unit's or a person's consequences, and recording one.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Consequence, ConsequencePage, CreateConsequenceBody, ListConsequencesQuery } from '@lianxin/contract';
import { api } from '../../app/api';

export const consequenceKeys = {
  all: ['consequences'] as const,
  list: (q: ListConsequencesQuery) => [...consequenceKeys.all, 'list', q] as const,
};

export const useConsequences = (q: ListConsequencesQuery, enabled = true) =>
  useQuery({ queryKey: consequenceKeys.list(q), queryFn: (): Promise<ConsequencePage> => api.get('/api/recognition/consequences', q), enabled, placeholderData: keepPreviousData });

export function useRecordConsequence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConsequenceBody): Promise<Consequence> => api.post('/api/recognition/consequences', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: consequenceKeys.all }),
  });
}
