import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { Api, REPO_ROOT, startServerChild, type ServerChild } from '../kill/server-harness.js';

// Browser tests drive Debian's Chromium against a real `dangvu serve` on a fresh embedded demo
// database, serving the web app freshly built from this checkout.

export const DEMO_PASSWORD = 'dangvu-demo-2026';
/** The installation administrator `admin` of the test server (DANGVU_ADMIN_PASSWORD). */
export const ADMIN_PASSWORD = 'browser-test-admin-2026';
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'browser');

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserEnv {
  server: ServerChild;
  browser: Browser;
  base: string;
  /** Content-security-policy violations reported by any page so far. */
  cspViolations: string[];
  /** A new isolated browser profile (cookies, storage) whose pages are tracked for screenshots. */
  newContext(opts?: { width?: number; height?: number }): Promise<BrowserContext>;
  /** The API as a demo user, to find test data and check what the pages show. */
  api(username: string): Promise<Api>;
  /** Closes the previous test's browser profiles; screenshots then cover this test's pages only. */
  beginTest(): Promise<void>;
  /** Screenshots of every page open in the current test, into test-artifacts/browser. */
  screenshotAll(testName: string): Promise<void>;
  stop(): Promise<void>;
}

/** `vite build` as `npm run build` does it. Vitest sets NODE_ENV=test, which would make Vite
 * bundle React's development build (slower, larger): build as production, then restore. */
async function buildWebApp(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(REPO_ROOT, 'web/vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export async function startBrowserEnv(chromiumPath: string): Promise<BrowserEnv> {
  await buildWebApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'dangvu-browser-'));
  const server = await startServerChild({ dataDir, adminPassword: ADMIN_PASSWORD, demo: true, timeoutMs: 120_000 });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  const watch = (page: Page) =>
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });

  return {
    server,
    browser,
    base: server.url,
    cspViolations,
    async newContext({ width = 1280, height = 800 } = {}) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width, height }, locale: 'vi-VN' });
      context.on('page', watch);
      contexts.push(context);
      return context;
    },
    api: (username) => Api.signIn(server.url, DEMO_PASSWORD, username),
    async beginTest() {
      for (const c of contexts.splice(0)) await c.close().catch(() => {});
    },
    async screenshotAll(testName) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const safe = testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      let i = 0;
      for (const c of contexts) for (const p of c.pages()) await p.screenshot({ path: join(ARTIFACTS, `${safe}-${++i}.png`), fullPage: true }).catch(() => {});
    },
    async stop() {
      await browser.close().catch(() => {});
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page and waits for the home page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /^Xin chào/ }).waitFor();
}

/** Every answer of 400 or more a page receives from then on, as "status METHOD path". */
/**
 * Opens an Ant Design select and picks the option with this exact title, then checks that it took:
 * the chosen value shows in `within` under the same title. On a loaded machine a click that lands
 * while the list is still opening chooses nothing, so it tries again (three times at most).
 */
export async function chooseOption(page: Page, select: Locator, title: string, within: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(title, { exact: true }).first().click();
    try {
      await within.locator(`.ant-select-content[title=${JSON.stringify(title)}]`).first().waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

export function failedResponses(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return failed;
}

/** What a user types without Vietnamese marks: "Nguyễn Văn Đức" → "nguyen van duc". */
export function withoutDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
