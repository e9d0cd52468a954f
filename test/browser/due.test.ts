import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The due list (issue 5 item 9) in Chromium on a fresh demo: the dashboard's count of what is
// overdue and due soon, the list it links to with the API's rows, and the filter in the URL.

const chromiumPath = inject('chromiumPath');

interface DueList {
  items: { id: number; caseKind: string; caseId: number; subjectName: string; status: string }[];
  total: number;
}
interface Summary {
  overdue: number;
  inExtension: number;
  soon: number;
  total: number;
}

describe.skipIf(!chromiumPath)('what is due, in Chromium', () => {
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

  it('goes from the dashboard count to the list of those deadlines, each linking to its case', async () => {
    const summary = await staff.get<Summary>('/api/due-items/summary');
    const attention = await staff.get<DueList>('/api/due-items?pageSize=200');
    // The demo has cases in every state: some deadlines need attention.
    expect(attention.total).toBeGreaterThan(0);
    expect(attention.total).toBe(summary.overdue + summary.inExtension + summary.soon);

    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc');
    if (summary.overdue > 0) await page.getByText(`${summary.overdue} việc quá hạn`).waitFor();
    await page.getByRole('link', { name: 'Mở danh sách việc cần làm' }).click();
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    const rows = page.locator('.ant-table-tbody tr[data-row-key]');
    await expect.poll(() => rows.count()).toBe(Math.min(attention.total, 50));
    const first = attention.items[0]!;
    await expect(rows.first().getAttribute('data-row-key')).resolves.toBe(String(first.id));
    await expect(rows.first().textContent()).resolves.toContain(first.subjectName);

    // All open deadlines: the filter goes into the URL and the rows follow it.
    const all = await staff.get<DueList>('/api/due-items?show=all&pageSize=200');
    await page.getByRole('combobox', { name: 'Hiển thị' }).click();
    // Ant Design's role="option" twins are hidden (for screen readers); the visible item is clicked.
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^Mọi việc đang mở$/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('show')).toBe('all');
    await expect.poll(() => rows.count()).toBe(Math.min(all.total, 50));

    // A row's task opens its case (the phiếu due after a transfer opens the member's page, R-REC-07).
    await rows.first().getByRole('link').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/((admission|recognition|transfer)\/cases|members)\/\d+$/);
  });
});
