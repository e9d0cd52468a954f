import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { chooseOption, signIn, startBrowserEnv, withoutDiacritics, type BrowserEnv } from './harness.js';

// The flows users live in, in a real browser against a real server on a fresh demo database.
// Selectors are roles and labels (what a screen reader announces), in Vietnamese, the default.

const chromiumPath = inject('chromiumPath');

interface Org {
  id: number;
  name: string;
  orgType: string;
  memberCount: number | null;
  childCount: number;
}
interface MemberItem {
  id: number;
  fullName: string;
  orgId: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!chromiumPath)('web app in Chromium', () => {
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

  /** A member whose name has marks and is unique in the demo, so one search finds exactly them. */
  async function uniqueMember(skip: number[] = []): Promise<MemberItem> {
    const page = await staff.get<{ items: MemberItem[] }>('/api/members?pageSize=60&sort=-birthDate');
    for (const m of page.items) {
      if (skip.includes(m.id) || withoutDiacritics(m.fullName) === m.fullName.toLowerCase()) continue;
      const found = await staff.get<{ total: number }>(`/api/members?q=${encodeURIComponent(withoutDiacritics(m.fullName))}`);
      if (found.total === 1) return m;
    }
    throw new Error('no member with a unique name in the demo data');
  }

  it('signs in, refuses a wrong password, signs out', async () => {
    const page = await (await env.newContext()).newPage();
    await page.goto('/members');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Tên đăng nhập').fill('bantochuc');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');

    await page.getByLabel('Mật khẩu').fill('dangvu-demo-2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // Back to the page asked for before signing in.
    await page.getByRole('heading', { name: 'Đảng viên', level: 1 }).waitFor();
    await page.getByRole('button', { name: /^Tài khoản:/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
  });

  it('browses the tree down to a cell and opens its page', async () => {
    // The path to the first cell, as the API describes it.
    const path: Org[] = [];
    let level = (await staff.get<{ items: Org[] }>('/api/orgs')).items;
    for (;;) {
      const next = level.find((o) => o.orgType === 'cell' || o.orgType === 'grassroots_cell') ?? level.find((o) => o.childCount > 0);
      if (!next) throw new Error('no cell in the demo tree');
      path.push(next);
      if (next.orgType === 'cell' || next.orgType === 'grassroots_cell') break;
      level = (await staff.get<{ items: Org[] }>(`/api/orgs/${next.id}/children`)).items;
    }
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    await page.getByRole('menuitem', { name: 'Tổ chức đảng' }).click();
    const tree = page.getByRole('tree', { name: 'Cây tổ chức đảng' });
    const item = (o: Org) => tree.getByRole('treeitem', { name: new RegExp(`^${escape(o.name)} ${o.memberCount} đảng viên$`) });
    for (const o of path.slice(0, -1)) {
      // The expand arrow of a tree row has no role of its own; it is the row's switcher.
      await item(o).locator('.ant-tree-switcher').click();
      await expect.poll(() => item(o).getAttribute('aria-expanded')).toBe('true');
    }
    const cell = path[path.length - 1]!;
    await item(cell).click();
    await page.getByRole('heading', { name: cell.name, level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/${cell.id}`);
    await page.getByRole('tab', { name: `Đảng viên (${cell.memberCount})` }).click();
    await page.getByRole('table').getByRole('link').first().waitFor();
  });

  it('finds a member typed without diacritics, edits the record and shows the audit entry', async () => {
    const m = await uniqueMember();
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    await page.getByRole('menuitem', { name: 'Đảng viên', exact: true }).click();
    await page.getByLabel('Tìm đảng viên theo tên').fill(withoutDiacritics(m.fullName));
    await page.getByRole('link', { name: m.fullName, exact: true }).click();
    await page.getByRole('heading', { name: m.fullName, level: 1 }).waitFor();

    const occupation = `Kỹ sư nông nghiệp ${Date.now() % 100000}`;
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    await page.getByRole('tab', { name: 'Trình độ, đào tạo' }).click();
    await page.getByLabel('Nghề nghiệp').fill(occupation);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu hồ sơ.').waitFor();

    await page.getByRole('tab', { name: 'Nhật ký thay đổi' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: 'Sửa hồ sơ' }).filter({ hasText: occupation });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('bantochuc');
  });

  it('says "someone else changed this record" when two pages edit one record', async () => {
    const m = await uniqueMember();
    const context = await env.newContext();
    const first = await context.newPage();
    await signIn(first, 'bantochuc');
    const second = await context.newPage();
    for (const p of [first, second]) {
      await p.goto(`/members/${m.id}`);
      await p.getByRole('button', { name: 'Sửa hồ sơ' }).click();
      await p.getByRole('tab', { name: 'Trình độ, đào tạo' }).click();
    }
    await first.getByLabel('Nghề nghiệp').fill('Giáo viên (trang thứ nhất)');
    await first.getByRole('button', { name: 'Lưu' }).click();
    await first.getByText('Đã lưu hồ sơ.').waitFor();

    await second.getByLabel('Nghề nghiệp').fill('Bác sĩ (trang thứ hai)');
    await second.getByRole('button', { name: 'Lưu' }).click();
    const stale = second.getByRole('alert').filter({ hasText: 'Người khác vừa sửa hồ sơ này' });
    await stale.waitFor();
    await second.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await stale.waitFor({ state: 'detached' });
    await expect.poll(() => second.getByLabel('Nghề nghiệp').inputValue()).toBe('Giáo viên (trang thứ nhất)');
  });

  it('keeps a cell secretary out of another cell’s member, even by URL', async () => {
    const secretary = await env.api('bithu');
    const own = (await secretary.get<{ items: MemberItem[] }>('/api/members?pageSize=1')).items[0]!;
    const others = (await staff.get<{ items: MemberItem[] }>('/api/members?pageSize=200')).items;
    const stranger = others.find((o) => o.orgId !== own.orgId)!;

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bithu');
    await page.goto(`/members/${own.id}`);
    await page.getByRole('heading', { name: own.fullName, level: 1 }).waitFor();
    await page.goto(`/members/${stranger.id}`);
    await page.getByText('Không tìm thấy', { exact: true }).waitFor();
    await expect(page.getByText(stranger.fullName).count()).resolves.toBe(0);
  });

  it('switches to very large text and remembers it for the user', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'lanhdao');
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(await rootSize()).toBe('14px');
    const heading = page.getByRole('heading', { level: 1 });
    const before = await heading.boundingBox();
    // The radio input itself is visually hidden; its label is what a user clicks.
    await page.getByRole('radio', { name: 'Chữ rất lớn' }).locator('..').click();
    await expect.poll(rootSize).toBe('22px');
    const after = await heading.boundingBox();
    expect(after!.height).toBeGreaterThan(before!.height * 1.3);
    await page.reload();
    await page.getByRole('heading', { name: /^Xin chào/ }).waitFor();
    expect(await rootSize()).toBe('22px');
    await expect(page.getByRole('radio', { name: 'Chữ rất lớn' }).isChecked()).resolves.toBe(true);
  });

  it('switches to English, whose texts load only then, and keeps it after a reload', async () => {
    const page = await (await env.newContext()).newPage();
    const englishLoads: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/en-[^/]*\.js$/.test(r.url())) englishLoads.push(r.url());
    });
    await signIn(page, 'lanhdao');
    await page.getByRole('heading', { name: /^Xin chào/ }).waitFor();
    expect(englishLoads).toEqual([]);
    await chooseOption(page, page.getByRole('combobox', { name: /Ngôn ngữ|Language/ }), 'English', page.locator('header'));
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    expect(englishLoads.length).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.getByRole('menuitem', { name: 'Members' }).waitFor();
  });

  it('works on a 360 px phone: no sideways scrolling, the menu in a drawer', async () => {
    const page = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(page, 'bantochuc');
    await page.goto('/members');
    await page.getByRole('table').getByRole('link').first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page.getByRole('dialog').getByRole('menuitem', { name: 'Tổ chức đảng' }).click();
    await page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 }).waitFor();
    await page.getByRole('tree', { name: 'Cây tổ chức đảng' }).getByRole('treeitem').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  it("shows the dashboard's member total as the API counts it, linked to the members on the rolls", async () => {
    const stats = await staff.get<{ members: { total: number } }>('/api/stats');
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    const total = page.getByRole('link', { name: /^Tổng số đảng viên: / });
    // The figure is written with the Vietnamese thousands separator ("1.234").
    await expect.poll(async () => Number((await total.textContent())?.replace(/\D/g, ''))).toBe(stats.members.total);
    await page.locator('canvas').first().waitFor();
    await total.click();
    await page.getByRole('heading', { name: 'Đảng viên', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('probationary,official,exempt');
  });

  it('breaks no content security policy rule on any page', () => {
    expect(env.cspViolations).toEqual([]);
  });
});
