import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Api, type Api as ApiType } from '../kill/server-harness.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The member list paged by cursor, a dashboard figure landing on the list it counts, a party
// member's session without a refused request, and the administration screens, in Chromium
// against a real server on a fresh demo database.

const chromiumPath = inject('chromiumPath');

interface Org {
  id: number;
  name: string;
  code: string;
}
interface ListBody {
  items: { id: number; fullName: string }[];
  total: number;
  totalIsLowerBound?: true;
  nextCursor?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The list's total as the page writes it ("1.234 đảng viên", "Hơn 1.000 đảng viên"). */
const totalText = (b: { total: number; totalIsLowerBound?: true }) => `${b.totalIsLowerBound ? 'Hơn ' : ''}${b.total.toLocaleString('vi')} đảng viên`;
const firstRowId = (page: Page) => page.locator('.ant-table-tbody tr[data-row-key]').first().getAttribute('data-row-key');

describe.skipIf(!chromiumPath)('member list paging, dashboard links, member session, administration in Chromium', () => {
  let env: BrowserEnv;
  let staff: ApiType;

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

  it('pages the member list forward by cursor and back through the cursors seen', async () => {
    const first = await staff.get<ListBody>('/api/members?pageSize=20');
    expect(first.nextCursor).toBeDefined();
    const second = await staff.get<ListBody>(`/api/members?pageSize=20&after=${first.nextCursor}`);
    expect(second.nextCursor).toBeDefined();
    const third = await staff.get<ListBody>(`/api/members?pageSize=20&after=${second.nextCursor}`);

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    await page.goto('/members?pageSize=20');
    await expect.poll(() => firstRowId(page)).toBe(String(first.items[0]!.id));
    await page.getByRole('status').filter({ hasText: totalText(first) }).waitFor();
    const paging = page.getByRole('navigation', { name: 'Chuyển trang danh sách' });
    await expect(paging.getByRole('button', { name: 'Trang trước' }).isDisabled()).resolves.toBe(true);

    await paging.getByRole('button', { name: 'Trang sau' }).click();
    await paging.getByText('Trang 2', { exact: true }).waitFor();
    await expect.poll(() => firstRowId(page)).toBe(String(second.items[0]!.id));
    await paging.getByRole('button', { name: 'Trang sau' }).click();
    await paging.getByText('Trang 3', { exact: true }).waitFor();
    await expect.poll(() => firstRowId(page)).toBe(String(third.items[0]!.id));

    await paging.getByRole('button', { name: 'Trang trước' }).click();
    await paging.getByText('Trang 2', { exact: true }).waitFor();
    await expect.poll(() => firstRowId(page)).toBe(String(second.items[0]!.id));
    await paging.getByRole('button', { name: 'Trang trước' }).click();
    await paging.getByText('Trang 1', { exact: true }).waitFor();
    await expect.poll(() => firstRowId(page)).toBe(String(first.items[0]!.id));
    // Every page's rows are the server's page for that cursor, all 20 of them.
    await expect(page.locator('.ant-table-tbody tr[data-row-key]').count()).resolves.toBe(20);
  });

  it("lands from a dashboard age-band figure on a list whose total is that figure", async () => {
    const stats = await staff.get<{ members: { byAgeBand: Record<string, number>; byTheoryLevel: Record<string, number> } }>('/api/stats');
    const bands = [['31_40', '31 – 40 tuổi'], ['41_50', '41 – 50 tuổi'], ['51_60', '51 – 60 tuổi'], ['le30', '30 tuổi trở xuống']] as const;
    const [band, label] = bands.find(([b]) => stats.members.byAgeBand[b]! > 0)!;
    const n = stats.members.byAgeBand[band]!;
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    const figure = page.getByRole('link', { name: new RegExp(`^${escape(label)}: `) });
    await expect.poll(async () => Number((await figure.textContent())?.replace(/\D/g, ''))).toBe(n);
    await figure.click();
    await page.getByRole('heading', { name: 'Đảng viên', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('ageBand')).toBe(band);
    // The list counts up to 1,000 when the roll-ups cannot answer; the figure says the same then.
    const expected = n > 1000 ? { total: 1000, totalIsLowerBound: true as const } : { total: n };
    await page.getByRole('status').filter({ hasText: new RegExp(`^${escape(totalText(expected))}$`) }).waitFor();
  });

  it('lands from the ethnic-minority figure on the list of exactly those members; a leader is told the list cannot narrow', async () => {
    const stats = await staff.get<{ ethnicMinority: number }>('/api/stats');
    const n = stats.ethnicMinority;
    expect(n).toBeGreaterThan(0);
    const figureOf = (page: Page) => page.getByRole('link', { name: /^Dân tộc thiểu số: / });

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    await expect.poll(async () => Number((await figureOf(page).textContent())?.replace(/\D/g, ''))).toBe(n);
    await figureOf(page).click();
    await page.getByRole('heading', { name: 'Đảng viên', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('ethnicGroup')).toBe('minority');
    const expected = n > 1000 ? { total: 1000, totalIsLowerBound: true as const } : { total: n };
    await page.getByRole('status').filter({ hasText: new RegExp(`^${escape(totalText(expected))}$`) }).waitFor();
    // The filter shows what the list is narrowed by, and every row listed is of a minority.
    await page.getByRole('combobox', { name: 'Dân tộc' }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').getByText('Dân tộc thiểu số').waitFor();
    const listed = await staff.get<ListBody>('/api/members?ethnicGroup=minority&pageSize=50');
    const firstId = String(listed.items[0]!.id);
    await expect.poll(() => firstRowId(page)).toBe(firstId);
    const record = await staff.get<{ ethnicity: string }>(`/api/members/${firstId}`);
    expect(record.ethnicity).not.toBe('kinh');

    // A leader may not read ethnicity: the figure is there, its link says the list cannot narrow
    // to it, and the list offers no such filter.
    const leader = await (await env.newContext()).newPage();
    await signIn(leader, 'lanhdao');
    await expect.poll(async () => Number((await figureOf(leader).textContent())?.replace(/\D/g, ''))).toBe(n);
    expect(await figureOf(leader).getAttribute('aria-label')).toContain('chưa lọc được');
    await figureOf(leader).click();
    await leader.getByRole('heading', { name: 'Đảng viên', level: 1 }).waitFor();
    expect(new URL(leader.url()).searchParams.get('ethnicGroup')).toBeNull();
    await leader.getByRole('combobox', { name: 'Độ tuổi' }).waitFor();
    await expect(leader.getByRole('combobox', { name: 'Dân tộc' }).count()).resolves.toBe(0);
  });

  it("shows a party member their record with no request refused during the session", async () => {
    const page = await (await env.newContext()).newPage();
    await page.goto('/signin');
    await page.getByLabel('Tên đăng nhập').fill('dangvien');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    // From the sign-in on (the sign-in page's own "who am I?" answers 401 by design).
    const failed = failedResponses(page);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const own = await (await Api.signIn(env.base, DEMO_PASSWORD, 'dangvien')).get<{ fullName: string }>('/api/members/me');
    await page.getByText(own.fullName, { exact: true }).waitFor();
    // Whatever else loads after the record (fonts, lazy chunks, background queries) gets its turn.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.getByText(own.fullName, { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
  });

  it('administers accounts: lists them, creates one, grants a role with the org picker, reads the audit trail', async () => {
    const xa = await env.api('bantochuc.xa');
    const commune = (await xa.get<{ items: Org[] }>('/api/orgs')).items[0]!;
    const province = (await staff.get<{ items: Org[] }>('/api/orgs')).items[0]!;
    const cell = (await xa.get<{ items: Org[] }>(`/api/orgs/${commune.id}/children`)).items[0]!;
    const username = `quantri.xa${Date.now() % 10000}`;

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tài khoản người dùng', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'bantochuc', exact: true }).waitFor();

    // A new account of the commune: the password is made by the server and shown once.
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill(username);
    await dialog.getByLabel('Họ tên').fill('Quản trị xã (thử)');
    await pickOrg(page, dialog.getByLabel('Đơn vị'), commune);
    await dialog.getByRole('button', { name: 'Tạo', exact: true }).click();
    const oneTime = dialog.getByLabel('Mật khẩu tạm');
    await oneTime.waitFor();
    const temporary = (await oneTime.textContent())!.trim();
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    await dialog.getByRole('button', { name: 'Mở tài khoản để cấp vai trò' }).click();
    await page.getByRole('heading', { name: new RegExp(escape(username)) }).first().waitFor();
    const userId = Number(new URL(page.url()).pathname.split('/').at(-1));

    // An administrator role on the commune, picked by typing part of its name.
    await page.getByLabel('Vai trò', { exact: true }).click();
    await visibleOption(page, 'Quản trị hệ thống').click();
    await pickOrg(page, page.getByLabel('Đơn vị', { exact: true }), commune);
    await page.getByRole('button', { name: 'Cấp vai trò' }).click();
    await page.getByText('Đã cấp vai trò.').waitFor();
    await page.getByRole('cell', { name: 'Quản trị hệ thống' }).waitFor();

    // The audit trail, filtered to this account: its creation is there, nothing of other accounts.
    await page.goto('/admin/audit');
    await page.getByLabel('Loại đối tượng').fill('user');
    await page.getByLabel('Loại đối tượng').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('entityType')).toBe('user');
    await page.getByLabel('Mã đối tượng').fill(String(userId));
    await page.getByLabel('Mã đối tượng').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('entityId')).toBe(String(userId));
    expect(new URL(page.url()).searchParams.get('entityType')).toBe('user');
    const rows = page.locator('.ant-table-tbody tr[data-row-key]');
    await rows.filter({ hasText: `user #${userId}` }).first().waitFor();
    await expect.poll(async () => (await rows.allTextContents()).filter((r) => !r.includes(`user #${userId}`))).toEqual([]);
    await expect(rows.filter({ hasText: 'admin' }).count()).resolves.toBeGreaterThan(0);

    // The new administrator, after the forced password change, may pick orgs of the commune only.
    const theirs = await (await env.newContext()).newPage();
    await theirs.goto('/signin');
    await theirs.getByLabel('Tên đăng nhập').fill(username);
    await theirs.getByLabel('Mật khẩu').fill(temporary);
    await theirs.getByRole('button', { name: 'Đăng nhập' }).click();
    await theirs.getByLabel('Mật khẩu hiện tại').fill(temporary);
    await theirs.getByLabel('Mật khẩu mới', { exact: true }).fill('quan-tri-xa-moi-2026');
    await theirs.getByLabel('Nhập lại mật khẩu mới').fill('quan-tri-xa-moi-2026');
    await theirs.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await theirs.getByRole('heading', { name: /^Xin chào/ }).waitFor();
    await theirs.goto('/admin/users');
    await theirs.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const theirDialog = theirs.getByRole('dialog');
    await expect(theirDialog.getByRole('checkbox', { name: 'Toàn hệ thống' }).count()).resolves.toBe(0);
    const picker = theirDialog.getByLabel('Đơn vị');
    await picker.click();
    await picker.fill(province.name);
    await theirs.getByText('Không tìm thấy tổ chức nào').waitFor();
    await picker.fill(cell.name);
    await visibleOption(theirs, `${cell.name} (${cell.code})`).waitFor();
  });
});

/** Types part of an org's name into an org picker and picks it from the server's answer. */
async function pickOrg(page: Page, picker: ReturnType<Page['getByLabel']>, org: Org): Promise<void> {
  await picker.click();
  await picker.fill(org.name);
  await visibleOption(page, `${org.name} (${org.code})`).click();
}

/** An option of the open Ant Design select (its role="option" twins are hidden, for screen readers). */
function visibleOption(page: Page, label: string) {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${escape(label)}$`) });
}
