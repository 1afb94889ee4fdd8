// Reads the configuration from the environment. Every setting has a safe default.
import path from 'node:path';
import { pdfFontFrom, type PdfFont } from './core/pdf.js';

export type ServerConfig = {
  port: number;
  host: string;
  /** postgres://… for PostgreSQL; otherwise the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  keyFile: string;
  dataKey: string | undefined;
  allowUnsafeDb: boolean;
  adminPassword: string | undefined;
  demoPassword: string | undefined;
  loadDemo: boolean;
  secureCookies: boolean;
  /**
   * Which reverse proxies' X-Forwarded-* headers to believe: false (none), a hop count (the
   * nearest N proxies), or the proxies' addresses/CIDRs. Never "every hop".
   */
  trustProxy: TrustProxy;
  webDir: string;
  /** `required` (default): administrators sign in with a TOTP second factor. */
  adminTotp: 'required' | 'off';
  /** How long a resolved session is reused before it is read again (modules/auth/session-cache.ts). */
  sessionCacheMs: number;
  /** Bytes of org tree answers kept between writes (LIANXIN_TREE_CACHE_MB, default 64; 0 keeps none). */
  treeCacheBytes: number;
  /** Bytes of the boards' kept answers (LIANXIN_KEPT_ANSWERS_MB, default 64; 0 keeps none). */
  keptAnswerBytes: number;
  /** The CJK font printable PDFs are set in (LIANXIN_PDF_FONT, LIANXIN_PDF_FONT_NAME; Noto Sans CJK by default). */
  pdfFont: PdfFont;
  /** Scheduled dumps of the embedded database (ignored on PostgreSQL). */
  backup: { dir: string; keep: number; intervalHours: number };
};

export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY: empty or 0 → trust no proxy; a whole number N → the N proxies nearest to the server
 * (1: one nginx in front); otherwise a comma-separated list of proxy addresses or CIDRs.
 * `true`/`all` is refused: it would let a client's own X-Forwarded-For become its address.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n > 10) throw new Error(`TRUST_PROXY 的代理层数过大（${v}）`);
    return n;
  }
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  for (const item of list) {
    if (!address.test(item) && !named.includes(item)) {
      throw new Error(
        `TRUST_PROXY 应为代理层数（如 1）或代理地址列表（如 10.0.0.1,10.0.0.2 或 10.0.0.0/24），不能是 ${item}`,
      );
    }
  }
  return list;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} 必须是不小于 0 的数字（现在是 ${value}）`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const dataDir = path.resolve(cwd, env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    // The key lives beside, not inside, the database folder: a copied data folder alone is useless.
    keyFile: path.resolve(cwd, env.LIANXIN_KEY_FILE ?? `${dataDir}.key`),
    dataKey: env.LIANXIN_DATA_KEY || undefined,
    allowUnsafeDb: env.LIANXIN_ALLOW_UNSAFE_DB === '1',
    adminPassword: env.LIANXIN_ADMIN_PASSWORD || undefined,
    demoPassword: env.LIANXIN_DEMO_PASSWORD || undefined,
    loadDemo: env.LIANXIN_DEMO !== '0',
    pdfFont: pdfFontFrom(env),
    secureCookies: env.LIANXIN_INSECURE_COOKIES !== '1',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    webDir: path.resolve(cwd, env.WEB_DIR ?? 'packages/web/dist'),
    adminTotp: env.LIANXIN_ADMIN_TOTP === 'off' ? 'off' : 'required',
    sessionCacheMs: nonNegative(env.LIANXIN_SESSION_CACHE_SECONDS, 5, 'LIANXIN_SESSION_CACHE_SECONDS') * 1000,
    treeCacheBytes: Math.floor(nonNegative(env.LIANXIN_TREE_CACHE_MB, 64, 'LIANXIN_TREE_CACHE_MB') * 1024 * 1024),
    keptAnswerBytes: Math.floor(nonNegative(env.LIANXIN_KEPT_ANSWERS_MB, 64, 'LIANXIN_KEPT_ANSWERS_MB') * 1024 * 1024),
    backup: {
      dir: path.resolve(cwd, env.LIANXIN_BACKUP_DIR ?? `${dataDir}-backups`),
      keep: Math.max(1, Math.floor(nonNegative(env.LIANXIN_BACKUP_KEEP, 7, 'LIANXIN_BACKUP_KEEP'))),
      intervalHours: nonNegative(env.LIANXIN_BACKUP_HOURS, 24, 'LIANXIN_BACKUP_HOURS'),
    },
  };
}
