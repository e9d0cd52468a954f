import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The import screens with the other kinds of data (issue 6 item 6) on the demo data: the
// province's organization staff choose "Tổ chức đảng", see the bad row and the org fields on the
// mapping screen, commit the corrected tree, then import a target for one of the new orgs.

const chromiumPath = inject('chromiumPath');

interface Job {
  id: number;
  kind: string;
  status: string;
  counts: Record<string, number>;
}

describe.skipIf(!chromiumPath)('import screens for orgs and targets in Chromium', () => {
  let env: BrowserEnv;
  let staff: Api;
  let dir: string;
  let commune: { id: number; name: string; code: string };

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc');
    dir = mkdtempSync(join(tmpdir(), 'dangvu-import-kinds-'));
    const me = await (await env.api('bantochuc.xa')).get<{ grants: { path: string }[] }>('/api/auth/me');
    const id = Number(me.grants[0]!.path.split('/').filter(Boolean).at(-1));
    const org = (await staff.get<{ org: { name: string; code: string } }>(`/api/orgs/${id}`)).org;
    commune = { id, name: org.name, code: org.code };
  });
  afterAll(async () => {
    await env?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  async function uploadThrough(page: Page, kind: string, file: string) {
    await page.getByRole('menuitem', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('heading', { name: 'Nhập dữ liệu', level: 1 }).waitFor();
    await page.getByLabel('Loại dữ liệu').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(kind).click();
    await page.getByLabel('Tổ chức nhận dữ liệu').fill(commune.name.slice(-10));
    await page.locator('.ant-select-dropdown:visible').getByTitle(new RegExp(commune.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).first().click();
    await page.getByLabel('Tệp danh sách').setInputFiles(file);
    await page.getByRole('button', { name: 'Tải lên và kiểm tra thử' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await page.getByRole('heading', { name: 'Kết quả kiểm tra thử' }).waitFor({ timeout: 30_000 });
    return Number(new URL(page.url()).pathname.split('/').at(-1));
  }
  const count = (page: Page, k: string) => page.locator(`[data-count="${k}"]`).textContent();
  async function commit(page: Page) {
    await page.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Ghi' }).click();
    await page.getByText(/Đã ghi xong lúc/).waitFor({ timeout: 60_000 });
  }

  it('imports an org tree (its bad row first), then a target of a new org', async () => {
    const header = 'Mã tổ chức,Tên tổ chức,Mã cấp trên,Loại tổ chức\r\n';
    const good = `KT-DB1,Đảng bộ Công ty Thử nghiệm,${commune.code},Đảng bộ cơ sở\r\nKT-DB1-CB1,Chi bộ Phân xưởng Thử,KT-DB1,Chi bộ\r\n`;
    const bad = join(dir, 'to-chuc-loi.csv');
    writeFileSync(bad, header + good + 'KT-X,Chi bộ Lỗi,KHONG-CO,Chi bộ cơ sở\r\n');
    const fixed = join(dir, 'to-chuc.csv');
    writeFileSync(fixed, header + good);

    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc');
    const first = await uploadThrough(page, 'Tổ chức đảng', bad);
    await expect(count(page, 'rows')).resolves.toBe('3');
    await expect(count(page, 'new')).resolves.toBe('2');
    await expect(count(page, 'error')).resolves.toBe('1');
    await page.getByText('Không tìm thấy tổ chức cấp trên mã "KHONG-CO"', { exact: false }).first().waitFor();
    await expect(page.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).isDisabled()).resolves.toBe(true);
    // The mapping screen offers the org fields.
    await page.getByText('Tổ chức đảng', { exact: true }).first().waitFor();
    await page.getByLabel('Trường của cột Mã cấp trên').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('Ngày thành lập').waitFor();
    await page.keyboard.press('Escape');
    expect((await staff.get<Job>(`/api/imports/${first}`)).kind).toBe('orgs');

    await uploadThrough(page, 'Tổ chức đảng', fixed);
    await expect(count(page, 'error')).resolves.toBe('0');
    await commit(page);
    await expect(count(page, 'created')).resolves.toBe('2');
    const children = (await staff.get<{ items: { id: number; code: string }[] }>(`/api/orgs/${commune.id}/children`)).items;
    const company = children.find((c) => c.code === 'KT-DB1');
    expect(company).toBeDefined();

    const targets = join(dir, 'chi-tieu.csv');
    writeFileSync(targets, 'Mã tổ chức,Năm,Chỉ tiêu kết nạp\r\nKT-DB1,2027,5\r\n');
    const third = await uploadThrough(page, 'Chỉ tiêu kết nạp', targets);
    await expect(count(page, 'new')).resolves.toBe('1');
    await commit(page);
    expect(await staff.get<Job>(`/api/imports/${third}`)).toMatchObject({ kind: 'targets', status: 'committed', counts: { created: 1 } });

    await page.getByRole('link', { name: 'Về danh sách các lần nhập' }).click();
    const history = page.getByRole('region', { name: 'Các lần nhập' });
    await history.getByRole('row').filter({ hasText: 'chi-tieu.csv' }).getByText('Chỉ tiêu kết nạp').waitFor();
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });
});
