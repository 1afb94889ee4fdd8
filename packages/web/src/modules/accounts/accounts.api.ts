import type { AccountLinkQuery, ResponseOf } from '@lianxin/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type AccountRow = AccountPage['items'][number];
export type AccountPage = ResponseOf<'GET', '/api/accounts'>;

export const accountKeys = { all: ['accounts'] as const, list: (page: number) => ['accounts', 'list', page] as const };

export function useAccounts(page: number) {
  return useQuery({ queryKey: accountKeys.list(page), queryFn: () => api.get('/api/accounts', { page, pageSize: 20 }), placeholderData: keepPreviousData });
}

export function useUnlockAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.patch(`/api/accounts/${id}`, { unlock: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

/** 安全管理员: clears a lost authenticator; the account binds a new one at its next sign-in. */
export function useResetTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.patch(`/api/accounts/${id}`, { resetTotp: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

// 账号关联人员 (县委组织部): the work accounts with their linked person, and linking or unlinking one.
export const accountLinkKeys = {
  all: ['account-links'] as const,
  list: (q: AccountLinkQuery) => [...accountLinkKeys.all, q] as const,
};
export const useAccountLinks = (q: AccountLinkQuery, enabled = true) =>
  useQuery({
    queryKey: accountLinkKeys.list(q),
    queryFn: () => api.get('/api/account-links', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as AccountLinkQuery),
    placeholderData: keepPreviousData,
    enabled,
  });
export function useLinkAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, personId }: { id: number; personId: number | null }) => api.put(`/api/account-links/${id}`, { personId }),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: accountLinkKeys.all }), client.invalidateQueries({ queryKey: ['people'] })]);
    },
  });
}
