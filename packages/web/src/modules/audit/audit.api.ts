import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditRecord, ListAuditQuery } from '@lianxin/contract';
import { api, type Query } from '../../app/api';

export type AuditPage = { items: AuditRecord[]; total: number; page: number; pageSize: number };

export const auditKeys = {
  all: ['audit'] as const,
  list: (q: ListAuditQuery) => [...auditKeys.all, 'list', q] as const,
  verify: () => [...auditKeys.all, 'verify'] as const,
};

export function useAuditLog(query: ListAuditQuery) {
  return useQuery({ queryKey: auditKeys.list(query), queryFn: () => api.get<AuditPage>('/api/audit', query as Query), placeholderData: keepPreviousData });
}

export function verifyAudit() {
  return api.get<{ ok: boolean; checked: number; brokenAt?: number }>('/api/audit/verify');
}
