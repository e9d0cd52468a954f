import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { EXAMPLE_ORGS, exampleRows } from '../../examples/make-example.js';
import { REPO_ROOT, type Api } from '../kill/server-harness.js';
import { failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The import screens (issue 6 item 8) on the demo data, as the province's organization staff
// would use them with the sample workbook of examples/: its five bad rows are reported before
// anything is written; the corrected copy then commits exactly its forty members.

const chromiumPath = inject('chromiumPath');

interface Node {
  id: number;
  name: string;
  orgType: string;
  dissolvedOn: string | null;
}
interface Job {
  id: number;
  status: string;
  counts: Record<string, number>;
}

/** Sheet rows of the sample's five bad list rows (5, 12, 19, 26, 33): data starts on row 10. */
const BAD_ROWS = [14, 21, 28, 35, 42];

/** The sample as the demo commune would keep it: its own cells' names in the "Chi bộ" column. */
async function sampleFor(cells: string[], fix: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(join(REPO_ROOT, 'examples/danh-sach-dang-vien.xlsx'))) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const fixed = exampleRows(true);
  for (let r = 10; r < 50; r++) {
    const row = ws.getRow(r);
    if (fix && BAD_ROWS.includes(r)) {
      // The office's correction: the row typed again as it should have been.
      const m = fixed[r - 10]!;
      row.getCell(3).value = m.sex === 'male' ? m.birth : null;
      row.getCell(4).value = m.sex === 'female' ? m.birth : null;
      row.getCell(8).value = m.citizenId;
      row.getCell(9).value = m.admission;
      row.getCell(10).value = m.official;
      row.getCell(13).value = m.cell;
      row.getCell(14).value = null;
    }
    const k = EXAMPLE_ORGS.cells.indexOf(String(row.getCell(13).value) as (typeof EXAMPLE_ORGS.cells)[number]);
    if (k >= 0) row.getCell(13).value = cells[k]!;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!chromiumPath)('import screens in Chromium', () => {
  let env: BrowserEnv;
  let staff: Api;
  let dir: string;
  let commune: { id: number; name: string };
  let cells: string[];

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc');
    dir = mkdtempSync(join(tmpdir(), 'dangvu-import-'));
    // The commune of the demo's commune staff, and three of its cells with names unique in it.
    const me = await (await env.api('bantochuc.xa')).get<{ grants: { path: string }[] }>('/api/auth/me');
    const id = Number(me.grants[0]!.path.split('/').filter(Boolean).at(-1));
    commune = { id, name: (await staff.get<{ org: { name: string } }>(`/api/orgs/${id}`)).org.name };
    const children = (await staff.get<{ items: Node[] }>(`/api/orgs/${id}/children`)).items;
    const names = children.map((c) => c.name.toLowerCase());
    cells = children.filter((c) => c.orgType === 'grassroots_cell' && c.dissolvedOn === null && names.filter((n) => n === c.name.toLowerCase()).length === 1).map((c) => c.name).slice(0, 3);
    expect(cells).toHaveLength(3);
  });
  afterAll(async () => {
    await env?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  async function uploadThrough(page: Page, file: string, template?: string) {
    await page.getByRole('menuitem', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('heading', { name: 'Nhập dữ liệu', level: 1 }).waitFor();
    await page.getByLabel('Tổ chức nhận dữ liệu').fill(commune.name.slice(-10));
    await page.locator('.ant-select-dropdown').getByTitle(new RegExp(commune.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).first().click();
    if (template) {
      await page.getByLabel('Mẫu ánh xạ cột (không bắt buộc)').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle(template).click();
    }
    await page.getByLabel('Tệp danh sách').setInputFiles(file);
    await page.getByRole('button', { name: 'Tải lên và kiểm tra thử' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await page.getByRole('heading', { name: 'Kết quả kiểm tra thử' }).waitFor({ timeout: 30_000 });
    return Number(new URL(page.url()).pathname.split('/').at(-1));
  }

  const count = (page: Page, k: string) => page.locator(`[data-count="${k}"]`).textContent();

  it('shows the bad rows of the sample before anything is written, then commits exactly the corrected list', async () => {
    const original = join(dir, 'danh-sach-dang-vien.xlsx');
    writeFileSync(original, await sampleFor(cells, false));
    const corrected = join(dir, 'danh-sach-dang-vien-da-sua.xlsx');
    writeFileSync(corrected, await sampleFor(cells, true));
    const membersBefore = (await staff.get<{ memberCount: number }>(`/api/orgs/${commune.id}`)).memberCount;

    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc');
    const first = await uploadThrough(page, original);
    await expect(count(page, 'rows')).resolves.toBe('40');
    await expect(count(page, 'error')).resolves.toBe('5');
    await expect(count(page, 'new')).resolves.toBe('35');
    await expect(count(page, 'duplicatesInFile')).resolves.toBe('1');
    const problems = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Lý do' }) });
    await problems.getByText('Số CCCD "03407500123" không hợp lệ: phải gồm đúng 12 chữ số').waitFor();
    const rows = await problems.locator('tbody tr td:first-child').allTextContents();
    expect([...new Set(rows.map(Number))].filter((r) => BAD_ROWS.includes(r))).toEqual(BAD_ROWS);
    // Nothing written, and no way to write while rows are in error.
    expect((await staff.get<{ memberCount: number }>(`/api/orgs/${commune.id}`)).memberCount).toBe(membersBefore);
    await expect(page.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Tải báo cáo (.xlsx)' }).getAttribute('href')).resolves.toBe(`/api/imports/${first}/report`);

    // The mapping screen: "Quê quán" read as the residence instead, applied (the dry run runs
    // again) and kept as a template for the corrected file.
    await page.getByText('Các cột của tệp').waitFor();
    await page.getByLabel('Trường của cột Quê quán').click();
    await page.keyboard.type('Nơi cư');
    await page.locator('.ant-select-dropdown:visible').getByTitle('Nơi cư trú').click();
    await page.getByRole('button', { name: 'Áp dụng và kiểm tra thử lại' }).click();
    await expect.poll(async () => (await staff.get<Job>(`/api/imports/${first}`)).status, { timeout: 30_000 }).toBe('dry_run_done');
    await page.getByLabel('Tên mẫu').fill('Mẫu danh sách xã');
    await page.getByRole('button', { name: 'Lưu thành mẫu' }).click();
    await page.getByText('Đã lưu mẫu "Mẫu danh sách xã"').waitFor();

    // Reloading the page finds the same job and its report.
    await page.reload();
    await page.getByRole('heading', { name: 'Kết quả kiểm tra thử' }).waitFor();
    await expect(count(page, 'error')).resolves.toBe('5');
    await page.getByRole('button', { name: 'Hủy lần nhập này' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Hủy lần nhập này' }).click();
    await page.getByText('Lần nhập đã hủy, không ghi gì.').waitFor();

    const second = await uploadThrough(page, corrected, 'Mẫu danh sách xã');
    await expect(count(page, 'error')).resolves.toBe('0');
    await expect(count(page, 'new')).resolves.toBe('40');
    await expect(page.getByLabel('Trường của cột Quê quán').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').getByText('Nơi cư trú').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Ghi vào cơ sở dữ liệu' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Ghi' }).click();
    await page.getByText(/Đã ghi xong lúc/).waitFor({ timeout: 60_000 });
    await expect(count(page, 'created')).resolves.toBe('40');
    const job = await staff.get<Job>(`/api/imports/${second}`);
    expect(job).toMatchObject({ status: 'committed', counts: { created: 40, error: 0 } });
    expect((await staff.get<{ memberCount: number }>(`/api/orgs/${commune.id}`)).memberCount).toBe(membersBefore + 40);

    // The history lists both imports.
    await page.getByRole('link', { name: 'Về danh sách các lần nhập' }).click();
    const history = page.getByRole('region', { name: 'Các lần nhập' });
    await history.getByRole('row').filter({ hasText: 'danh-sach-dang-vien-da-sua.xlsx' }).getByText('Đã ghi').waitFor();
    await history.getByRole('row').filter({ hasText: 'danh-sach-dang-vien.xlsx' }).getByText('Đã hủy').waitFor();
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);

    // At 360 px the job page reads without a page-wide horizontal scroll.
    const small = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(small, 'bantochuc');
    await small.goto(`/imports/${second}`);
    await small.getByRole('heading', { name: 'Kết quả kiểm tra thử' }).waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await small.goto('/imports');
    await small.getByRole('button', { name: 'Tải lên và kiểm tra thử' }).waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
