import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { ADMIN_PASSWORD, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// An automated accessibility audit (axe-core, WCAG 2.0/2.1 A and AA rules) of every screen a user
// reaches from the menu, as each role sees it, at desktop and phone width and in the largest text
// size. Serious and critical findings fail the test, each named with its rule, the page and the
// elements; the audit cannot see everything (keyboard flows and labels are tested in the other
// browser tests), but what it can see must be clean.

const chromiumPath = inject('chromiumPath');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe on the page as it is now; evaluated over the DevTools protocol, so the page's CSP is untouched. */
async function audit(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

const serious = (fs: Finding[]) => fs.filter((f) => f.impact === 'serious' || f.impact === 'critical');
const describeFindings = (where: string, fs: Finding[]) => fs.map((f) => `${where}: ${f.id} (${f.impact}) ${f.help} — ${f.nodes.join(' | ')}`).join('\n');

describe.skipIf(!chromiumPath)('accessibility audit (axe-core, WCAG 2.1 AA)', () => {
  let env: BrowserEnv;
  let staff: Api;

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc');
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  /** Opens each path, waits for its level-1 heading and the network to settle, and audits it. */
  async function auditPaths(page: Page, paths: string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      // Every screen is announced by its title: a page without a level-1 heading is a finding.
      const h1 = await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (!h1) problems.push(`${path}: no level-1 heading`);
      const found = serious(await audit(page));
      if (found.length > 0) problems.push(describeFindings(path, found));
    }
    return problems;
  }

  it('finds nothing serious on the sign-in page, at desktop and phone width', async () => {
    for (const width of [1280, 360]) {
      const page = await (await env.newContext({ width, height: 800 })).newPage();
      await page.goto('/signin');
      await page.getByLabel('Tên đăng nhập').waitFor();
      expect(describeFindings(`/signin @${width}`, serious(await audit(page)))).toBe('');
    }
  });

  it('finds nothing serious on the commission staff\'s screens', async () => {
    const member = (await staff.get<{ items: { id: number }[] }>('/api/members?pageSize=1')).items[0]!;
    const orgs = (await staff.get<{ items: { id: number }[] }>('/api/orgs')).items;
    // A case of each kind, as the demo holds them: their pages carry the timelines and step forms.
    const firstId = async (path: string) => (await staff.get<{ items: { id: number }[] }>(path)).items[0]!.id;
    const cases = [
      `/admission/cases/${await firstId('/api/admission-cases')}`,
      `/recognition/cases/${await firstId('/api/recognition-cases')}`,
      `/transfer/cases/${await firstId('/api/transfers')}`,
      `/exits/cases/${await firstId('/api/exits')}`,
    ];
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    const problems = await auditPaths(page, [
      '/',
      '/due',
      '/orgs',
      `/orgs/${orgs[0]!.id}`,
      '/members',
      `/members/${member.id}`,
      '/admission',
      '/admission/candidates',
      '/admission/targets',
      '/recognition',
      '/badges',
      '/badges?tab=register',
      '/records',
      '/records?tab=updates',
      '/records?tab=blocks',
      '/records?tab=registers',
      '/transfer',
      '/exits',
      '/imports',
      '/account/password',
      ...cases,
    ]);
    expect(problems.join('\n')).toBe('');
  });

  it('finds nothing serious for the administrator, the leader in very large text, and a member at phone width', async () => {
    const admin = await (await env.newContext()).newPage();
    await signIn(admin, 'admin', ADMIN_PASSWORD);
    const problems = await auditPaths(admin, ['/admin/users', '/admin/audit']);

    const leader = await (await env.newContext()).newPage();
    await signIn(leader, 'lanhdao');
    await leader.getByRole('radio', { name: 'Chữ rất lớn' }).locator('..').click();
    await expect.poll(() => leader.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('22px');
    problems.push(...(await auditPaths(leader, ['/', '/members'])));

    const phone = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(phone, 'dangvien');
    await phone.waitForLoadState('networkidle');
    const own = serious(await audit(phone));
    if (own.length > 0) problems.push(describeFindings('member home @360', own));
    // Staff on a phone: the wide tables scroll inside the page.
    const staffPhone = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(staffPhone, 'bantochuc');
    problems.push(...(await auditPaths(staffPhone, ['/members', '/admission', '/due', '/badges'])).map((p) => `${p} @360`));
    expect(problems.join('\n')).toBe('');
  });
});
