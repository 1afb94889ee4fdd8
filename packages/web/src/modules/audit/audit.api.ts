import type { ResponseOf } from '@lianxin/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListAuditQuery } from '@lianxin/contract';
import { api, type Query } from '../../app/api';

export type AuditPage = ResponseOf<'GET', '/api/audit'>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (q: ListAuditQuery) => [...auditKeys.all, 'list', q] as const,
  verify: () => [...auditKeys.all, 'verify'] as const,
};

export function useAuditLog(query: ListAuditQuery) {
  return useQuery({ queryKey: auditKeys.list(query), queryFn: () => api.get('/api/audit', query as Query), placeholderData: keepPreviousData });
}

export function verifyAudit() {
  return api.get('/api/audit/verify');
}
