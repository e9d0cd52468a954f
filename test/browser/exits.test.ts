import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The exit screens (issue 5 item 5) on the demo data, which has removal cases in each state and
// exempt members: the commune's organization staff records an appeal within its window and the
// resolution that restores the member, proposes a removal from a member's page; the provincial
// leader only reads.

const chromiumPath = inject('chromiumPath');

interface CaseItem {
  id: number;
  state: string;
  version: number;
  nextSteps: string[];
  appealWindowEnds: string | null;
  member: { id: number; fullName: string; status: string };
}

describe.skipIf(!chromiumPath)('exit screens in Chromium', () => {
  let env: BrowserEnv;
  let staff: Api;

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc.xa');
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  it('lists removal cases in their states, and records an appeal in the window and the resolution that restores the member (R-EXIT-04, R-AGE-04)', async () => {
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc.xa');
    await page.getByRole('menuitem', { name: 'Xóa tên, miễn sinh hoạt' }).click();
    await page.getByRole('heading', { name: 'Xóa tên, ra khỏi Đảng, miễn sinh hoạt', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('Chờ chi bộ biểu quyết').first().waitFor();
    for (const state of ['Trong thời hạn khiếu nại', 'Đã phục hồi (khiếu nại đúng)', 'Đang giải quyết khiếu nại']) {
      await expect(table.getByText(state).first().isVisible(), state).resolves.toBe(true);
    }

    const inWindow = (await staff.get<{ items: CaseItem[] }>('/api/exits?state=notified')).items[0]!;
    await page.goto(`/exits/cases/${inWindow.id}`);
    await page.getByRole('heading', { name: `Hồ sơ xóa tên: ${inWindow.member.fullName}` }).waitFor();
    await page.getByText('Ghi bước tiếp theo: Khiếu nại của đảng viên / Kết thúc (hết hạn khiếu nại)').waitFor();
    await page.getByText('Hạn khiếu nại (30 ngày làm việc từ khi nhận quyết định)').waitFor();

    // Closing the case during the window is refused, and the server says until when.
    await page.getByLabel('Kết thúc (hết hạn khiếu nại)').check();
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await page.getByText(/Thời hạn khiếu nại còn đến hết ngày/).first().waitFor();

    // An appeal filed on the member's behalf is refused; by the member, recorded.
    await page.getByLabel('Khiếu nại của đảng viên').check();
    await page.getByLabel('Do chính đảng viên gửi').uncheck();
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await page.getByText(/không nhận khiếu nại gửi thay/).first().waitFor();
    await page.getByLabel('Do chính đảng viên gửi').check();
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await page.locator('[data-step="appeal"]').waitFor();
    await page.getByText('Ghi bước tiếp theo: Giải quyết khiếu nại').waitFor();
    await page.getByText(/Giải quyết khiếu nại \(R-EXIT-04\)/).waitFor();

    await page.getByLabel('Số quyết định').fill('21-QĐ/TU');
    await page.getByLabel('Khiếu nại đúng: phục hồi đảng viên').check();
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await page.locator('[data-step="appeal_resolution"]').waitFor();
    await page.getByText(/Đã phục hồi đảng viên từ ngày/).waitFor();
    await page.getByText(/phải đóng đảng phí cho thời gian từ/).waitFor();
    const after = await staff.get<CaseItem & { duesOwed: { from: string; to: string } | null }>(`/api/exits/${inWindow.id}`);
    expect(after).toMatchObject({ state: 'restored', member: { status: 'official' } });
    expect(after.duesOwed).not.toBeNull();
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([`400 POST /api/exits/${inWindow.id}/steps`, `400 POST /api/exits/${inWindow.id}/steps`]);
  });

  it('proposes a removal from the member page, and shows the exempt members', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc.xa');
    const withCase = new Set((await staff.get<{ items: CaseItem[] }>('/api/exits?pageSize=200')).items.map((c) => c.member.id));
    const member = (await staff.get<{ items: { id: number; fullName: string }[] }>('/api/members?status=official&pageSize=50')).items.find((m) => !withCase.has(m.id))!;
    await page.goto(`/members/${member.id}`);
    await page.getByRole('heading', { name: member.fullName, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Đề nghị xóa tên' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Bỏ sinh hoạt đảng 3 tháng trong năm không có lý do chính đáng').check();
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByRole('heading', { name: `Hồ sơ xóa tên: ${member.fullName}` }).waitFor();
    await page.getByText('Ghi bước tiếp theo: Yêu cầu đảng viên tự kiểm điểm').waitFor();
    await page.getByText(/Đã yêu cầu tự kiểm điểm 0 lần/).waitFor();

    await page.goto('/exits?tab=exemptions');
    const table = page.getByRole('table');
    await table.getByText('Tuổi cao, sức khỏe yếu (chi bộ quyết định)').first().waitFor();
    await expect(table.getByText('Miễn tạm thời, vắng dưới 12 tháng').first().isVisible()).resolves.toBe(true);
    await expect(table.getByText(/Sắp đến hạn/).first().isVisible()).resolves.toBe(true);
  });

  it('shows the leader the case but no step form', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'lanhdao');
    const leader = await env.api('lanhdao');
    const open = (await leader.get<{ items: CaseItem[] }>('/api/exits?state=self_reviewed')).items[0]!;
    await page.goto(`/exits/cases/${open.id}`);
    await page.getByText(/sau lần thứ 3 không tự kiểm điểm, chi bộ vẫn xem xét/i).waitFor();
    await page.getByText('Bạn chỉ có quyền xem hồ sơ này.').waitFor();
    await expect(page.getByRole('button', { name: 'Ghi bước' }).count()).resolves.toBe(0);
    await expect(page.locator('[data-step="self_review_request"]').count()).resolves.toBe(3);
  });
});
