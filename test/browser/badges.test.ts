import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The party badge screens (issue 5 item 6) on the demo data, which has members reaching 30, 40, 50
// and 60 years at the next ceremony, one listed early and one deferred, and a register: the
// commune's organization staff award two candidates and find them in the register and on the
// member page; the provincial leader only reads.

const chromiumPath = inject('chromiumPath');

interface Candidate {
  memberId: number;
  fullName: string;
  badgeClass: number;
  outcome: string;
  early: boolean;
}
interface Award {
  id: number;
  badgeNo: string;
  badgeClass: number;
  member: { id: number; fullName: string };
}

describe.skipIf(!chromiumPath)('party badge screens in Chromium', () => {
  let env: BrowserEnv;
  let staff: Api;
  let next: string;

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc.xa');
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const dates = [
      ...(await staff.get<{ items: { date: string }[] }>(`/api/badges/ceremonies?year=${year}`)).items,
      ...(await staff.get<{ items: { date: string }[] }>(`/api/badges/ceremonies?year=${year + 1}`)).items,
    ].map((c) => c.date);
    next = dates.find((d) => d >= today)!;
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  it("lists the next ceremony's candidates, awards two of them, and shows them in the register and on the member page", async () => {
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc.xa');
    await page.getByRole('menuitem', { name: 'Huy hiệu Đảng' }).click();
    await page.getByRole('heading', { name: 'Huy hiệu Đảng', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('60 năm').first().waitFor();
    for (const text of ['30 năm', '40 năm', '50 năm', 'Hoãn xét', 'Trao sớm (ốm nặng)']) await expect(table.getByText(text).first().isVisible(), text).resolves.toBe(true);
    await expect(table.getByText(/Cảnh cáo ngày/).first().isVisible()).resolves.toBe(true);

    const list = (await staff.get<{ items: Candidate[] }>(`/api/badges/candidates?ceremony=${next}&limit=1000`)).items;
    const pick = list.filter((c) => c.outcome === 'eligible' && !c.early && (c.badgeClass === 40 || c.badgeClass === 60)).slice(0, 2);
    expect(pick).toHaveLength(2);
    for (const c of pick) await page.getByLabel(`Chọn ${c.fullName}`).check();
    await page.getByRole('button', { name: 'Trao Huy hiệu cho 2 người đã chọn' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số quyết định').fill('215-QĐ/TU');
    await dialog.getByRole('button', { name: 'Trao Huy hiệu' }).click();
    await page.getByText('Đã ghi 2 Huy hiệu vào sổ').waitFor();
    await expect(page.getByLabel(`Chọn ${pick[0]!.fullName}`).count()).resolves.toBe(0);

    const register = (await staff.get<{ items: Award[] }>(`/api/badges/awards?ceremony=${next}`)).items;
    expect(register.map((a) => a.member.id).sort()).toEqual(pick.map((c) => c.memberId).sort());
    await page.getByRole('tab', { name: 'Sổ đăng ký Huy hiệu' }).click();
    await page.getByRole('table').getByText(register[0]!.badgeNo).waitFor();
    await page.getByRole('table').getByText('Đã cấp lại').first().waitFor();
    await expect(page.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href')).resolves.toContain('/api/badges/awards/export');

    await page.goto(`/members/${pick[0]!.memberId}`);
    await page.getByRole('tab', { name: 'Thông tin về Đảng' }).click();
    await page.getByText(/^\d+ năm \d+ tháng$/).first().waitFor();
    await page.getByRole('tab', { name: 'Huy hiệu' }).click();
    await page.getByText('Huy hiệu đã nhận').waitFor();
    await page.getByRole('table').getByText(register.find((a) => a.member.id === pick[0]!.memberId)!.badgeNo).waitFor();
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });

  it("shows a party member their own party age as the server computes it, net of gaps", async () => {
    const own = await (await env.api('dangvien')).get<{ fullName: string; partyAge: { years: number; monthsOver: number } | null }>('/api/members/me');
    expect(own.partyAge).not.toBeNull();
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'dangvien');
    await page.getByText(own.fullName, { exact: true }).waitFor();
    const row = page.locator('.ant-descriptions-row', { hasText: 'Tuổi đảng' });
    await expect(row.textContent()).resolves.toContain(`${own.partyAge!.years} năm ${own.partyAge!.monthsOver} tháng`);
    await expect(page.getByText('tạm tính').count()).resolves.toBe(0);
  });

  it('shows the leader the candidates without selection or award, on a 360 px phone without sideways scrolling', async () => {
    const page = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(page, 'lanhdao');
    await page.goto('/badges');
    await page.getByRole('table').getByText('30 năm').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: /Trao Huy hiệu/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
  });
});
