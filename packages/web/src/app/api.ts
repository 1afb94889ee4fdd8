// The one fetch wrapper of the web app: JSON in and out, the CSRF token on every write, the
// chosen language in Accept-Language, and the API's {code, message, details} as an ApiError.
import type { BodyOf, HttpMethod, PathsOf, QueryOf, ResponseOf } from '@lianxin/contract';
import { currentLang } from './i18n';

export type FieldError = { field: string; message: string; in?: 'body' | 'query' | 'path' };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
  // another account (or none) from now on: nothing kept for the last one is answered again
  tagged.clear();
}

/**
 * GET answers kept with their ETag (the org tree's: up to 130 KB a county, unchanged most of the
 * day). The next GET of the same URL asks If-None-Match and a 304 answers the kept body — the API
 * sends no-store, so the browser's own cache keeps nothing to revalidate. A few URLs at most, the
 * last used kept; forgotten when the account changes.
 */
const tagged = new Map<string, { etag: string; text: string }>();
const TAGGED_MAX = 8;

function keepTagged(url: string, etag: string, text: string) {
  tagged.delete(url);
  tagged.set(url, { etag, text });
  if (tagged.size > TAGGED_MAX) tagged.delete(tagged.keys().next().value!);
}

type UnauthorizedListener = (error: ApiError) => void;
let onUnauthorized: UnauthorizedListener | undefined;
/** Called when a request of a signed-in user answers 401 (session expired or ended elsewhere). */
export function setUnauthorizedListener(listener: UnauthorizedListener | undefined) {
  onUnauthorized = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: { fields?: FieldError[] } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON (a proxy error page): fall back to the status
  }
  return new ApiError(
    response.status,
    body.code ?? `http_${response.status}`,
    body.message ?? `${response.status} ${response.statusText}`,
    body.details?.fields ?? [],
  );
}

async function send<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown; form?: FormData; silent401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang === 'en' ? 'en' : 'zh-CN',
  };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const url = withQuery(path, options.query);
  const kept = method === 'GET' ? tagged.get(url) : undefined;
  if (kept) headers['If-None-Match'] = kept.etag;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', currentLang === 'en' ? 'Cannot reach the server; check the network and retry' : '无法连接服务器，请检查网络后重试');
  }
  // parsed afresh: a caller that sorted or changed the last answer in place does not change the next one
  if (response.status === 304 && kept) return JSON.parse(kept.text) as T;
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.silent401) onUnauthorized?.(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return (await response.blob()) as T;
  const etag = method === 'GET' ? response.headers.get('etag') : null;
  if (!etag) return (await response.json()) as T;
  const text = await response.text();
  keepTagged(url, etag, text);
  return JSON.parse(text) as T;
}

type Paths<M extends HttpMethod> = PathsOf<M>;
type Args<M extends HttpMethod, P extends string> = QueryOf<M, P> extends undefined ? [query?: Query] : [query?: QueryOf<M, P> & Query];

/**
 * Typed from the contract's endpoint table: `api.get('/api/ledger/problems', …)` answers a
 * ProblemPage, `api.post(`/api/requests/${id}/hand-over`, body)` checks the body against
 * HandOverBody. A path that is not in the table does not compile.
 */
/** One call with its options (a sign-in check that must not trigger the expired-session listener). */
export function call<M extends HttpMethod, P extends Paths<M>>(
  method: M,
  path: P,
  options: { query?: QueryOf<M, P> & Query; body?: BodyOf<M, P>; silent401?: boolean } = {},
): Promise<ResponseOf<M, P>> {
  return send<ResponseOf<M, P>>(method, path, options);
}

export const api = {
  get: <P extends Paths<'GET'>>(path: P, ...[query]: Args<'GET', P>) => send<ResponseOf<'GET', P>>('GET', path, { query: query as Query | undefined }),
  post: <P extends Paths<'POST'>>(path: P, ...[body, query]: BodyOf<'POST', P> extends undefined ? [body?: Record<string, never>, query?: Query] : [body: BodyOf<'POST', P>, query?: Query]) =>
    send<ResponseOf<'POST', P>>('POST', path, { body: body ?? {}, query }),
  put: <P extends Paths<'PUT'>>(path: P, body: BodyOf<'PUT', P>) => send<ResponseOf<'PUT', P>>('PUT', path, { body }),
  patch: <P extends Paths<'PATCH'>>(path: P, body: BodyOf<'PATCH', P>) => send<ResponseOf<'PATCH', P>>('PATCH', path, { body }),
  delete: <P extends Paths<'DELETE'>>(path: P, ...[query]: Args<'DELETE', P>) => send<ResponseOf<'DELETE', P>>('DELETE', path, { query: query as Query | undefined }),
  upload: <P extends Paths<'POST'>>(path: P, form: FormData, query?: QueryOf<'POST', P> & Query) => send<ResponseOf<'POST', P>>('POST', path, { form, query }),
};

/** Downloads a file from the API (e.g. an .xlsx export) under the given name. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const response = await fetch(withQuery(path, query), {
    headers: { 'Accept-Language': currentLang === 'en' ? 'en' : 'zh-CN' },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) onUnauthorized?.(error);
    throw error;
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
