// Shared pieces of the browser tests: Debian's Chromium, a page that fails the test on any
// console error or uncaught exception, login, and screenshots for reviewers.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { stepAt, totpCode } from '../packages/server/src/core/totp';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts/screenshots');
export const baseURL = () => inject('baseURL');
export const demoPassword = () => inject('demoPassword');

/**
 * Administrators sign in with a TOTP code (bound at set-up). A code works once, so a second
 * sign-in within the same 30 s uses the next step's code, and a third waits for the next step.
 */
export async function withOtp<T>(username: string, attempt: (otp: string | undefined) => Promise<{ done: true; value: T } | { done: false; otp: boolean }>): Promise<T> {
  let result = await attempt(undefined);
  if (result.done) return result.value;
  const secret = inject('totpSecrets')[username];
  if (!result.otp || !secret) throw new Error(`sign-in of ${username} failed${result.otp ? ' (no TOTP secret known for it)' : ''}`);
  for (let k = 0; k < 3; k++) {
    if (k === 2) await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    result = await attempt(totpCode(secret, stepAt(new Date()) + (k === 0 ? 0 : 1)));
    if (result.done) return result.value;
  }
  throw new Error(`sign-in of ${username} refused every TOTP code`);
}

export type Viewport = 'desktop' | 'phone';
const VIEWPORTS = {
  desktop: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** One browser per spec file. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export type Session = {
  context: BrowserContext;
  page: Page;
  viewport: Viewport;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** HTTP error responses the test expects (Chromium logs them as console errors). */
  allowHttpErrors: (pattern: RegExp) => void;
  /** Fails when the page logged an unexpected error; closes the context. */
  close: () => Promise<void>;
};

export async function openSession(browser: Browser, viewport: Viewport = 'desktop', options: { locale?: string } = {}): Promise<Session> {
  const context = await browser.newContext({
    ...VIEWPORTS[viewport],
    baseURL: baseURL(),
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  const failedUrls: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failedUrls.push(r.url());
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = msg.location().url;
    if (/Failed to load resource/.test(text) && allowed.some((p) => p.test(url))) return;
    errors.push(`console.error: ${text} ${url}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return {
    context,
    page,
    viewport,
    errors,
    allowHttpErrors: (pattern) => allowed.push(pattern),
    close: async () => {
      await context.close();
      expect(errors, `unexpected errors in the page (failed requests: ${failedUrls.join(', ')})`).toEqual([]);
    },
  };
}

export async function login(s: Session, username: string, password = demoPassword()) {
  const { page } = s;
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const submit = page.locator('form button[type="submit"]');
  // Administrators: the server first asks for the authenticator's code (a 401 the browser logs).
  if (inject('totpSecrets')[username]) s.allowHttpErrors(/\/api\/auth\/login/);
  await withOtp(username, async (otp) => {
    if (otp) await page.getByTestId('login-otp').fill(otp);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'), submit.click()]);
    if (response.ok()) return { done: true, value: undefined };
    const body = await response.text();
    if (response.status() === 401 && /"code":"otp_(required|invalid)"/.test(body)) {
      await page.getByTestId('login-otp').waitFor();
      return { done: false, otp: true };
    }
    throw new Error(`login ${username}: ${response.status()} ${body}`);
  });
  await page.getByTestId('scope-org').first().waitFor();
}

export async function logout(s: Session) {
  const { page } = s;
  if (s.viewport === 'phone') {
    await page.getByTestId('mobile-menu').click();
    await page.getByTestId('logout').click();
  } else {
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  }
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /退出登录|Sign out/ }).click();
  // the sign-in page loads afresh; on a busy CI machine (32 journeys on 2 cores) that has taken over 15 s once
  await page.waitForURL(/\/login/, { timeout: 45_000 });
}

/** Waits until no spinner or skeleton is visible (data loaded). */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, [data-testid="loading"]'),
    undefined,
    { timeout: 15_000 },
  );
}

export async function shot(s: Session, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(s.page);
  // From the top, without a hover tooltip; let antd's motion (drawers, modals, messages) finish.
  await s.page.evaluate(() => window.scrollTo(0, 0));
  if (s.viewport === 'desktop') await s.page.mouse.move(0, 899);
  await s.page.waitForTimeout(350);
  await s.page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${s.viewport}.png`), fullPage: s.viewport === 'phone' ? false : true });
}

/** Picks an option of an antd Select (by its data-testid) by the option's text. */
export async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click();
}

/** Signs in through the API (for test set-up only) and returns a CSRF-carrying request helper. */
export async function apiAs(s: Session, username: string, password = demoPassword()) {
  const me = await withOtp(username, async (otp) => {
    const r = await s.context.request.post('/api/auth/login', { data: otp ? { username, password, otp } : { username, password } });
    if (r.ok()) return { done: true, value: (await r.json()) as { csrfToken: string } };
    const body = await r.text();
    if (r.status() === 401 && /"code":"otp_(required|invalid)"/.test(body)) return { done: false, otp: true };
    throw new Error(`API login ${username}: ${r.status()} ${body}`);
  });
  return {
    get: async <T>(path: string) => (await (await s.context.request.get(path)).json()) as T,
    post: async (path: string, data: unknown) => s.context.request.post(path, { data, headers: { 'X-CSRF-Token': me.csrfToken } }),
    logout: async () => s.context.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': me.csrfToken } }),
  };
}

