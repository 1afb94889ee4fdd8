// The signed-in account: GET /api/auth/me once at start, kept in the query cache under ['me'].
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Action, Me } from '@lianxin/contract';
import { api, call, setCsrfToken } from './api';

export const meKey = ['me'] as const;

// A hint (not a secret: the session cookie is HttpOnly) that this browser signed in, so a first
// visit does not ask the API for a session it cannot have.
const HINT = 'lianxin.signedIn';
function setHint(on: boolean) {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    // storage unavailable: we simply ask the API every time
  }
}
function hasHint(): boolean {
  try {
    return localStorage.getItem(HINT) !== null;
  } catch {
    return true;
  }
}
export function forgetSession() {
  setCsrfToken(undefined);
  setHint(false);
}

async function fetchMe(): Promise<Me | null> {
  if (!hasHint()) return null;
  try {
    const me = await call('GET', '/api/auth/me', { silent401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if ((error as { status?: number }).status === 401) {
      forgetSession();
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

/** The signed-in account; only call below RequireAuth. */
export function useAccount(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useAccount without a session');
  return data;
}

export function useCan() {
  const { data } = useMe();
  return (action: Action) => !!data?.permissions.includes(action);
}

export function useAuthActions() {
  const client = useQueryClient();
  return {
    async login(username: string, password: string, otp?: string) {
      const me = await call('POST', '/api/auth/login', { body: otp ? { username, password, otp } : { username, password }, silent401: true });
      setCsrfToken(me.csrfToken);
      setHint(true);
      client.clear();
      client.setQueryData(meKey, me);
      return me;
    },
    async logout() {
      try {
        await api.post('/api/auth/logout');
      } finally {
        forgetSession();
        client.clear();
        client.setQueryData(meKey, null);
      }
    },
    async enableTotp(code: string) {
      await api.post('/api/auth/totp/enable', { code });
      await client.invalidateQueries({ queryKey: meKey });
    },
    async changePassword(currentPassword: string, newPassword: string) {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      await client.invalidateQueries({ queryKey: meKey });
    },
  };
}
