import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The "Xuất Excel" button of the member list, in Chromium against a real server on the demo
// data: what lands in the download folder is the list as filtered on screen, every page of it.

const chromiumPath = inject('chromiumPath');
const HEADER_ROW = 5;

describe.skipIf(!chromiumPath)('member list export in Chromium', () => {
  let env: BrowserEnv;
  let dir: string;

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    dir = mkdtempSync(join(tmpdir(), 'dangvu-export-'));
  });
  afterAll(async () => {
    await env?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  it('downloads the filtered list as .xlsx with one row per member the list counts', async () => {
    const api = await env.api('bantochuc');
    const { total } = await api.get<{ total: number; totalIsLowerBound?: true }>('/api/members?sex=female');
    expect(total).toBeGreaterThan(50); // more than one page of the list: the file is not just the page on screen

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    await page.goto('/members?sex=female');
    await page.getByRole('table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^danh-sach-dang-vien-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe('DANH SÁCH ĐẢNG VIÊN');
    const headers = ws.getRow(HEADER_ROW).values as unknown[];
    expect(headers).toContain('Họ và tên');
    expect(headers).toContain('Số CCCD');
    expect(ws.rowCount - HEADER_ROW).toBe(total);
    const sexColumn = headers.indexOf('Giới tính');
    for (let i = HEADER_ROW + 1; i <= ws.rowCount; i++) expect(ws.getRow(i).getCell(sexColumn).value).toBe('Nữ');
  });

  it('offers CSV as the second choice, without the sensitive columns for a leader', async () => {
    const api = await env.api('lanhdao');
    const orgs = await api.get<{ items: { id: number }[] }>('/api/orgs');
    const org = orgs.items[0]!.id;
    const children = await api.get<{ items: { id: number; memberCount: number | null }[] }>(`/api/orgs/${org}/children`);
    const commune = children.items.find((c) => (c.memberCount ?? 0) > 0)!;
    const { total } = await api.get<{ total: number }>(`/api/members?org=${commune.id}`);

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'lanhdao');
    await page.goto(`/members?org=${commune.id}`);
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Định dạng khác' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất CSV (UTF-8)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);

    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // No field of the demo data holds a line break, so records are lines here.
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[1]).toMatch(/^DANH SÁCH ĐẢNG VIÊN,/);
    const header = lines[HEADER_ROW - 1]!;
    expect(header).toMatch(/^STT,Họ và tên,/);
    expect(header).not.toContain('Số CCCD');
    expect(header).not.toContain('Dân tộc');
    expect(lines.length - HEADER_ROW).toBe(total);
  });
});
