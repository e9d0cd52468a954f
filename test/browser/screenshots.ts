// The screenshots in docs/screenshots, taken from the demo (not part of npm test):
//   npx tsx test/browser/screenshots.ts              builds, starts a fresh demo server, shoots, stops
//   BASE_URL=http://127.0.0.1:3010 npx tsx test/browser/screenshots.ts   uses a demo already running
// Each page at desktop (1280×800) and phone (360×740) width, signed in as the commission staff.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Api, REPO_ROOT } from '../kill/server-harness.js';
import { DEMO_PASSWORD, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;

interface Shot {
  name: string;
  user: string;
  path: string;
  /** What to wait for before the picture: the page's data, not just its frame. */
  ready(page: Page): Promise<unknown>;
}

async function shots(api: Api): Promise<Shot[]> {
  const top = (await api.get<{ items: { id: number }[] }>('/api/orgs')).items[0]!;
  const member = (await api.get<{ items: { id: number }[] }>('/api/members?pageSize=1')).items[0]!;
  const recognition = (await api.get<{ items: { id: number }[] }>('/api/recognition-cases?state=grassroots_resolved,cell_resolved&pageSize=1')).items[0]!;
  const removal = (await api.get<{ items: { id: number }[] }>('/api/exits?state=notified&pageSize=1')).items[0]!;
  return [
    { name: 'dashboard', user: 'bantochuc', path: '/', ready: (p) => p.locator('canvas').first().waitFor() },
    { name: 'tree', user: 'bantochuc', path: `/orgs/${top.id}`, ready: (p) => p.getByRole('tree').getByRole('treeitem').first().waitFor() },
    { name: 'member-list', user: 'bantochuc', path: '/members', ready: (p) => p.getByRole('table').getByRole('link').first().waitFor() },
    { name: 'member-page', user: 'bantochuc', path: `/members/${member.id}`, ready: (p) => p.getByRole('tab').first().waitFor() },
    { name: 'admission-list', user: 'bantochuc', path: '/admission', ready: (p) => p.getByRole('table').getByRole('link').first().waitFor() },
    { name: 'recognition-list', user: 'bantochuc', path: '/recognition', ready: (p) => p.getByRole('table').getByRole('link').first().waitFor() },
    { name: 'badges', user: 'bantochuc', path: '/badges', ready: (p) => p.getByRole('table').getByRole('link').first().waitFor() },
    { name: 'due', user: 'bantochuc', path: '/due', ready: (p) => p.getByRole('table').getByRole('link').first().waitFor() },
    { name: 'recognition-case', user: 'bantochuc', path: `/recognition/cases/${recognition.id}`, ready: (p) => p.locator('[data-step]').first().waitFor() },
    { name: 'exits-list', user: 'bantochuc', path: '/exits', ready: (p) => p.getByRole('table').getByRole('link').first().waitFor() },
    { name: 'exits-case', user: 'bantochuc', path: `/exits/cases/${removal.id}`, ready: (p) => p.locator('[data-step]').first().waitFor() },
  ];
}

async function shoot(browser: Browser, base: string, list: Shot[]): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ baseURL: base, viewport, locale: 'vi-VN' });
    const page = await context.newPage();
    let signedIn = '';
    for (const s of list) {
      if (signedIn !== s.user) {
        await context.clearCookies();
        await signIn(page, s.user);
        signedIn = s.user;
      }
      await page.goto(s.path);
      await s.ready(page);
      // Let late layout (charts, fonts) settle.
      await page.waitForTimeout(500);
      const file = join(OUT, `${s.name}-${size}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
}

async function main(): Promise<void> {
  let env: BrowserEnv | undefined;
  let browser: Browser;
  let base = process.env.BASE_URL;
  if (base) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  else {
    env = await startBrowserEnv(CHROMIUM);
    browser = env.browser;
    base = env.base;
  }
  try {
    await shoot(browser, base, await shots(await Api.signIn(base, DEMO_PASSWORD, 'bantochuc')));
  } finally {
    if (env) await env.stop();
    else await browser.close();
  }
}

await main();
