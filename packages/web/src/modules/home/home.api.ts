import { useQuery } from '@tanstack/react-query';
import type { TodoSummary } from '@lianxin/contract';
import { api } from '../../app/api';

export const homeKeys = { todos: ['home', 'todos'] as const };

/** What waits for the account's org, counted by the server from each module's records. */
export function useTodos() {
  return useQuery({ queryKey: homeKeys.todos, queryFn: () => api.get<TodoSummary>('/api/home/todos'), staleTime: 15_000 });
}
