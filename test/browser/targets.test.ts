import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AchievementBody } from '../../src/modules/targets/targets.schema.js';
import type { Api } from '../kill/server-harness.js';
import { failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The admission targets page (issue 5 item 8) on the demo data, which has targets for this year
// and last year: the provincial staff sets a target inline and drills down, the leader only reads.

const chromiumPath = inject('chromiumPath');

/** The percentage as the page prints it (Vietnamese: one decimal, comma). */
const pct = (p: number) => `${p.toLocaleString('vi', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

describe.skipIf(!chromiumPath)('admission targets page in Chromium', () => {
  let env: BrowserEnv;
  let staff: Api;
  let top: AchievementBody;
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc');
    top = await staff.get<AchievementBody>(`/api/admission-targets?year=${year}`);
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  it('shows the province and each child with target, admitted and % of target, sets a target inline, and drills down', async () => {
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc');
    await page.getByRole('menuitem', { name: 'Chỉ tiêu kết nạp' }).click();
    await page.getByRole('heading', { name: 'Chỉ tiêu kết nạp đảng viên', level: 1 }).waitFor();
    const table = page.getByRole('table');
    // The demo's targets: every child has one, some met and some not.
    expect(top.children.some((c) => c.met) && top.children.some((c) => c.met === false)).toBe(true);
    for (const c of top.children) {
      const row = table.getByRole('row', { name: new RegExp(c.name) });
      await expect(row.getByText(pct(c.percent!)).isVisible(), c.name).resolves.toBe(true);
      await expect(row.getByRole('spinbutton', { name: `Chỉ tiêu của ${c.name}` }).inputValue()).resolves.toBe(String(c.ownTarget));
    }
    await expect(page.getByText(pct(top.node.percent!)).first().isVisible()).resolves.toBe(true);

    // Set a child's target to exactly what it admitted: 100.0 %, met (a child whose target differs,
    // so that the save changes something).
    const child = top.children.find((c) => c.admitted > 0 && c.ownTarget !== c.admitted)!;
    const row = table.getByRole('row', { name: new RegExp(child.name) });
    await row.getByRole('spinbutton', { name: `Chỉ tiêu của ${child.name}` }).fill(String(child.admitted));
    await row.getByRole('button', { name: `Lưu chỉ tiêu của ${child.name}` }).click();
    await row.getByText('100,0 %').waitFor();
    const after = await staff.get<AchievementBody>(`/api/admission-targets?year=${year}`);
    expect(after.children.find((c) => c.orgId === child.orgId)).toMatchObject({ ownTarget: child.admitted, percent: 100, met: true, version: child.version! + 1 });

    // Drill down: the child's own orgs, with the province in the breadcrumb.
    const parent = top.children.find((c) => c.hasChildren)!;
    const below = await staff.get<AchievementBody>(`/api/admission-targets?org=${parent.orgId}&year=${year}`);
    await table.getByRole('link', { name: parent.name }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('org')).toBe(String(parent.orgId));
    await page.getByRole('table').getByRole('row', { name: new RegExp(below.children[0]!.name) }).waitFor();
    await page.locator('.ant-breadcrumb').getByRole('link', { name: top.node.name }).waitFor();

    // Last year: other figures, from the URL.
    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page.locator('.ant-select-dropdown').getByTitle(String(year - 1)).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(year - 1));
    const last = await staff.get<AchievementBody>(`/api/admission-targets?org=${parent.orgId}&year=${year - 1}`);
    await page.getByText(`${last.node.name} — năm ${year - 1}`).waitFor();
    const first = last.children.find((c) => c.percent !== null)!;
    await expect(page.getByRole('row', { name: new RegExp(first.name) }).getByText(pct(first.percent!)).isVisible()).resolves.toBe(true);
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });

  it('asks to reload a target that someone else has just changed, and saves nothing over it', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    await page.goto(`/admission/targets?year=${year}`);
    const child = (await staff.get<AchievementBody>(`/api/admission-targets?year=${year}`)).children[1]!;
    const field = page.getByRole('spinbutton', { name: `Chỉ tiêu của ${child.name}` });
    await field.waitFor();
    const r = await staff.call('PUT', `/api/admission-targets/${child.orgId}/${year}`, { target: 77, version: child.version });
    expect(r.status).toBe(200);
    await field.fill('12');
    await page.getByRole('button', { name: `Lưu chỉ tiêu của ${child.name}` }).click();
    await page.getByText('Chỉ tiêu vừa được người khác sửa').waitFor();
    await page.getByRole('button', { name: 'Tải lại' }).click();
    await expect.poll(() => field.inputValue()).toBe('77');
    const now = await staff.get<AchievementBody>(`/api/admission-targets?year=${year}`);
    expect(now.children.find((c) => c.orgId === child.orgId)!.ownTarget).toBe(77);
  });

  it('shows the leader the figures without a field to change them', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'lanhdao');
    await page.goto('/admission/targets');
    await page.getByRole('heading', { name: 'Chỉ tiêu kết nạp đảng viên', level: 1 }).waitFor();
    await page.getByRole('table').getByRole('row', { name: new RegExp(top.children[2]!.name) }).waitFor();
    await expect(page.getByRole('spinbutton').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Lưu/ }).count()).resolves.toBe(0);
  });

  it('reads at 360 px without a page-wide horizontal scroll', async () => {
    const page = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(page, 'bantochuc');
    await page.goto('/admission/targets');
    await page.getByRole('table').getByRole('link').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
