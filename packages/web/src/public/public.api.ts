// The public pages' fetch: JSON in and out, the chosen language, the API's {code, message,
// details.fields} as a PublicError. No session, no CSRF token: these routes are public.
import type { PublicClosure, PublicClosureCounty, PublicProgress, PublicUnit, Rating } from '@lianxin/contract';

export type { PublicUnit };
import { currentLang } from './public.messages';

export type FieldError = { field: string; message: string };
export class PublicError extends Error {
  readonly status: number;
  readonly fields: FieldError[];
  constructor(status: number, message: string, fields: FieldError[] = []) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, form?: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)), credentials: 'same-origin' });
  } catch {
    throw new PublicError(0, currentLang() === 'en' ? 'Cannot reach the server; check the network and retry' : '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    let b: { message?: string; details?: { fields?: FieldError[] } } = {};
    try {
      b = (await res.json()) as typeof b;
    } catch {
      /* not JSON */
    }
    throw new PublicError(res.status, b.message ?? `${res.status} ${res.statusText}`, b.details?.fields ?? []);
  }
  return (await res.json()) as T;
}

export type ClosurePage = { items: PublicClosure[]; total: number; page: number; pageSize: number };

const code = (c: string) => encodeURIComponent(c);

export const publicApi = {
  unit: (id: number) => call<PublicUnit>('GET', `/api/public/units/${id}`),
  challenge: () => call<{ token: string; question: string }>('GET', '/api/public/challenge'),
  submit: (body: { unitId: number; name: string; phone: string; matter: string; category?: string; challengeToken: string; challengeAnswer: string }) =>
    call<{ trackingCode: string; unit: string }>('POST', '/api/public/requests', body),
  photo: (trackingCode: string, phone: string, file: File) => {
    const form = new FormData();
    form.append('phone', phone);
    form.append('file', file);
    return call<{ ok: boolean }>('POST', `/api/public/requests/${code(trackingCode)}/photo`, undefined, form);
  },
  // the tracking code and the phone go in the body, never in a URL (access logs, proxies, history)
  progress: (trackingCode: string, phone: string) =>
    call<PublicProgress>('POST', '/api/public/track', { code: trackingCode, phone }),
  rate: (trackingCode: string, body: { phone: string; rating: Rating; comment?: string }) =>
    call<PublicProgress>('POST', '/api/public/track/rating', { code: trackingCode, ...body }),
  counties: () => call<PublicClosureCounty[]>('GET', '/api/public/ledger/counties'),
  closures: (countyId: number, page: number) => call<ClosurePage>('GET', `/api/public/counties/${countyId}/closures?page=${page}&pageSize=10`),
};
