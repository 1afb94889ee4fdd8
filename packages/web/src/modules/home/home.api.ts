import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const homeKeys = { todos: ['home', 'todos'] as const, today: ['home', 'today'] as const };

/** What waits for the account's org, counted by the server from each module's records. */
export function useTodos() {
  return useQuery({ queryKey: homeKeys.todos, queryFn: () => api.get('/api/home/todos'), staleTime: 15_000 });
}

/** 今日待办: each record that waits for the account's org, most urgent first. */
export function useToday() {
  return useQuery({ queryKey: homeKeys.today, queryFn: () => api.get('/api/home/today'), staleTime: 15_000 });
}
