// npx tsx bench/web.ts --url http://127.0.0.1:3000 --user bantochuc --password … [--iterations 10]
// (or BENCH_URL, BENCH_USER, BENCH_PASSWORD; --chromium defaults to /usr/bin/chromium)
//
// Times the web app as a user feels it (issue 4's targets), in Debian's Chromium against a
// running server: (a) first page load, navigation start until the dashboard's figures (or the
// tree) are on screen; (b) opening the tree node with the most children until they are rendered;
// (c) member search, the last keystroke of a name typed without diacritics until its results
// are on screen. Each is repeated and reported as median and p95. Not part of `npm test`.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';


export interface WebTiming {
  name: string;
  median: number;
  p95: number;
  n: number;
  note?: string;
}

interface Org {
  id: number;
  name: string;
  childCount: number;
  memberCount: number | null;
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const withoutDiacritics = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

function summary(name: string, ms: number[], note?: string): WebTiming {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { name, median: Math.round(at(50)), p95: Math.round(at(95)), n: s.length, ...(note ? { note } : {}) };
}

/** A signed-in session cookie for the browser and the API calls that find the test data. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dangvu_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}

async function get<T>(base: string, cookie: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The node with the most children, by a beam search down the tree (the widest few of each level
 * are opened), so that a national tree costs a few hundred requests rather than a full walk.
 */
async function widestNode(base: string, cookie: string): Promise<{ org: Org; parentId: number | null; firstChild: Org }> {
  let level: { org: Org; parentId: number | null }[] = (await get<{ items: Org[] }>(base, cookie, '/api/orgs')).items.map((org) => ({ org, parentId: null }));
  let best = level.reduce((a, b) => (b.org.childCount > a.org.childCount ? b : a));
  const BEAM = 8;
  while (level.length > 0) {
    const open = level.filter((n) => n.org.childCount > 0).sort((a, b) => b.org.childCount - a.org.childCount).slice(0, BEAM);
    const next: typeof level = [];
    for (const n of open) {
      for (const c of (await get<{ items: Org[] }>(base, cookie, `/api/orgs/${n.org.id}/children`)).items) next.push({ org: c, parentId: n.org.id });
    }
    for (const n of next) if (n.org.childCount > best.org.childCount) best = n;
    level = next;
  }
  const firstChild = (await get<{ items: Org[] }>(base, cookie, `/api/orgs/${best.org.id}/children`)).items[0]!;
  return { ...best, firstChild };
}

/** A given node (the bench makes one of 1,000 children), with its parent and first child. */
async function givenNode(base: string, cookie: string, id: number): Promise<{ org: Org; parentId: number | null; firstChild: Org }> {
  const { org } = await get<{ org: Org & { parentId: number | null } }>(base, cookie, `/api/orgs/${id}`);
  const children = (await get<{ items: Org[] }>(base, cookie, `/api/orgs/${id}/children`)).items;
  return { org: { ...org, childCount: children.length }, parentId: org.parentId, firstChild: children[0]! };
}

async function newPage(browser: Browser, base: string, cookie: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  return context.newPage();
}

/** (a) Navigation start until the first figure (dashboard) or tree item is visible, by the page's own clock. */
async function firstLoad(browser: Browser, base: string, cookie: string, path: string): Promise<number> {
  const page = await newPage(browser, base, cookie);
  try {
    await page.goto(path, { waitUntil: 'commit' });
    await page.locator('.figure-link, [role="treeitem"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    return await page.evaluate(() => performance.now());
  } finally {
    await page.context().close();
  }
}

/** (b) Click on the node's arrow until its first child is rendered; the branch above it is opened untimed. */
async function expandWidest(browser: Browser, base: string, cookie: string, w: Awaited<ReturnType<typeof widestNode>>): Promise<number> {
  const page = await newPage(browser, base, cookie);
  try {
    // The org's own page opens the tree down to it (its ancestors open, the org itself closed).
    await page.goto(`/orgs/${w.org.id}`);
    const tree = page.getByRole('tree');
    const node = tree.getByRole('treeitem', { name: new RegExp(`^${escape(w.org.name)}\\b`) }).first();
    await tree.getByRole('treeitem').first().waitFor({ timeout: 60_000 });
    await scrollIntoTree(page, node);
    const child = tree.getByRole('treeitem', { name: new RegExp(`^${escape(w.firstChild.name)}\\b`) }).first();
    // Let the branch above finish loading so that the list stops moving, then click.
    await page.waitForLoadState('networkidle');
    await scrollIntoTree(page, node);
    const t0 = Date.now();
    await node.locator('.ant-tree-switcher').click();
    await child.waitFor({ timeout: 60_000 });
    return Date.now() - t0;
  } finally {
    await page.context().close();
  }
}

/**
 * Long sibling lists are virtualized: scroll the tree until the row is rendered. The branch opens
 * level by level as its requests answer, so at the bottom it starts again from the top until the
 * deadline.
 */
async function scrollIntoTree(page: Page, row: ReturnType<Page['locator']>): Promise<void> {
  // The org page opens the branch to the node from the top: it usually appears without
  // scrolling, once its levels have loaded. Scrolling while they load can skip past it.
  const settled = Date.now() + 15_000;
  while (Date.now() < settled && (await row.count()) === 0) await page.waitForTimeout(100);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await row.count()) > 0) {
      // The branch may still be loading below it, and a virtual list re-renders as rows arrive:
      // a row seen at the window's edge can be gone a moment later. Then keep looking.
      try {
        return await row.scrollIntoViewIfNeeded({ timeout: 2_000 });
      } catch {
        continue;
      }
    }
    const moved = await page.evaluate(() => {
      const holder = document.querySelector('.ant-tree-list-holder');
      if (!holder) return false;
      const before = holder.scrollTop;
      holder.scrollTop += holder.clientHeight / 2;
      return holder.scrollTop !== before;
    });
    if (!moved) await page.evaluate(() => document.querySelector('.ant-tree-list-holder')?.scrollTo({ top: 0 }));
    await page.waitForTimeout(moved ? 20 : 200);
  }
  // What the page showed instead, for whoever reads the failure.
  const shot = join(tmpdir(), `dangvu-web-bench-${Date.now()}.png`);
  await page.screenshot({ path: shot }).catch(() => undefined);
  throw new Error(`the tree never showed the node (screenshot: ${shot})`);
}

/** (c) The last keystroke of the name until the list shows that search's rows (the page's clock). */
async function search(browser: Browser, base: string, cookie: string, typed: string): Promise<number> {
  const page = await newPage(browser, base, cookie);
  try {
    await page.goto('/members');
    await page.locator('.ant-table-tbody tr[data-row-key]').first().waitFor({ timeout: 60_000 });
    const box = page.getByLabel('Tìm đảng viên theo tên');
    await box.click();
    await page.evaluate(() => {
      const w = window as unknown as { lastKey: number };
      document.addEventListener('keydown', () => (w.lastKey = performance.now()), true);
    });
    await box.pressSequentially(typed, { delay: 40 });
    // Rendered: the list asked for this text, is not loading, and shows rows.
    await page.waitForFunction(
      (q) =>
        new URLSearchParams(location.search).get('q') === q &&
        !document.querySelector('.ant-table-wrapper .ant-spin-spinning') &&
        document.querySelector('.ant-table-tbody tr[data-row-key]') !== null,
      typed,
      { timeout: 60_000, polling: 'raf' },
    );
    return await page.evaluate(() => performance.now() - (window as unknown as { lastKey: number }).lastKey);
  } finally {
    await page.context().close();
  }
}

export async function webTimings(opts: {
  base: string;
  user: string;
  password: string;
  iterations: number;
  chromiumPath: string;
  /** The node to open; by default the widest one a beam search finds. */
  expandOrgId?: number;
  log?: (s: string) => void;
}): Promise<WebTiming[]> {
  const log = opts.log ?? (() => undefined);
  const cookie = await signIn(opts.base, opts.user, opts.password);
  const browser = await chromium.launch({ executablePath: opts.chromiumPath, args: CHROMIUM_FLAGS });
  try {
    const out: WebTiming[] = [];
    const load: number[] = [];
    const tree: number[] = [];
    for (let i = 0; i < opts.iterations; i++) load.push(await firstLoad(browser, opts.base, cookie, '/'));
    for (let i = 0; i < opts.iterations; i++) tree.push(await firstLoad(browser, opts.base, cookie, '/orgs'));
    out.push(summary('first page load: home (dashboard) until figures shown', load), summary('first page load: tree page until the tree is shown', tree));
    log(`first loads done`);

    const w = opts.expandOrgId !== undefined ? await givenNode(opts.base, cookie, opts.expandOrgId) : await widestNode(opts.base, cookie);
    log(`node to open: ${w.org.name} (${w.org.childCount} children)`);
    const expand: number[] = [];
    for (let i = 0; i < opts.iterations; i++) expand.push(await expandWidest(browser, opts.base, cookie, w));
    out.push(summary(`tree: open a node of ${w.org.childCount} children until rendered`, expand, 'click to first child visible, from the test process'));

    const members = await get<{ items: { fullName: string }[] }>(opts.base, cookie, `/api/members?pageSize=${Math.max(opts.iterations, 20)}&sort=-birthDate`);
    const names = members.items.map((m) => withoutDiacritics(m.fullName));
    const times: number[] = [];
    for (let i = 0; i < opts.iterations; i++) times.push(await search(browser, opts.base, cookie, names[i % names.length]!));
    out.push(summary('member search: last keystroke until results shown', times, 'includes the search box\'s 150 ms pause before it asks'));
    return out;
  } finally {
    await browser.close();
  }
}

async function main() {
  // Read here, not at import: bench/run.ts imports this file and has its own options.
  const { values: args } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.BENCH_URL },
      user: { type: 'string', default: process.env.BENCH_USER },
      password: { type: 'string', default: process.env.BENCH_PASSWORD },
      iterations: { type: 'string', default: process.env.BENCH_WEB_ITERATIONS ?? '10' },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      'expand-org': { type: 'string' },
    },
  });
  if (!args.url || !args.user || !args.password) {
    console.error('usage: npx tsx bench/web.ts --url http://127.0.0.1:3000 --user NAME --password PASS [--iterations 10] [--chromium /usr/bin/chromium]');
    process.exit(2);
  }
  const timings = await webTimings({ base: args.url.replace(/\/$/, ''), user: args.user, password: args.password, iterations: Number(args.iterations), chromiumPath: args.chromium!,
    ...(args['expand-org'] ? { expandOrgId: Number(args['expand-org']) } : {}),
    log: (s) => console.error(s),
  });
  console.log('| measure | median | p95 | n |');
  console.log('|---|---|---|---|');
  for (const t of timings) console.log(`| ${t.name}${t.note ? ` (${t.note})` : ''} | ${t.median} ms | ${t.p95} ms | ${t.n} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
