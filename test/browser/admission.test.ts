import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { join } from 'node:path';
import { ARTIFACTS, chooseOption, failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The admission screens (issue 5 item 2) on the demo data, which has cases in every state: the
// commune's organization staff records a step, the provincial leader only reads.

const chromiumPath = inject('chromiumPath');

interface CaseItem {
  id: number;
  state: string;
  nextStep: string | null;
  candidate: { fullName: string };
}

describe.skipIf(!chromiumPath)('admission screens in Chromium', () => {
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

  it('lists cases in several states, and records the next step of one, which then shows in its timeline', async () => {
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc.xa');
    await page.getByRole('menuitem', { name: 'Kết nạp đảng viên' }).click();
    await page.getByRole('heading', { name: 'Kết nạp đảng viên', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('Mới lập hồ sơ').first().waitFor();
    for (const state of ['Đang thẩm tra lý lịch', 'Đã có quyết định kết nạp', 'Hoàn thành', 'Không được kết nạp']) {
      await expect(table.getByText(state).first().isVisible(), state).resolves.toBe(true);
    }
    await expect(table.getByText(/Quá hạn/).first().isVisible()).resolves.toBe(true);
    await expect(table.getByText(/Sắp đến hạn/).first().isVisible()).resolves.toBe(true);

    // A case waiting for its chi bộ resolution: the form asks for the resolution and the votes.
    const waiting = (await staff.get<{ items: CaseItem[] }>('/api/admission-cases?state=comments_collected')).items[0]!;
    expect(waiting.nextStep).toBe('cell_resolution');
    await page.getByRole('combobox', { name: 'Trạng thái' }).click();
    await page.locator('.ant-select-dropdown').getByTitle('Đã lấy ý kiến nhận xét').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('comments_collected');
    await table.getByRole('link', { name: waiting.candidate.fullName }).first().click();
    await page.getByRole('heading', { name: `Hồ sơ kết nạp: ${waiting.candidate.fullName}` }).waitFor();
    await page.getByText('Ghi bước tiếp theo: Nghị quyết của chi bộ').waitFor();

    await page.getByLabel('Số nghị quyết').fill('21-NQ/CB');
    await page.getByLabel('Số đảng viên / thành viên được biểu quyết').fill('12');
    await page.getByLabel('Số tán thành').fill('13');
    await page.getByLabel('Số không tán thành').fill('0');
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    // More votes than members: the server refuses, and says why.
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/nhiều hơn số đảng viên/);

    await page.getByLabel('Số tán thành').fill('10');
    await page.getByLabel('Số không tán thành').fill('2');
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    const step = page.locator('[data-step="cell_resolution"]');
    await step.waitFor();
    await expect(step.textContent()).resolves.toMatch(/Đạt.*21-NQ\/CB.*10\/12 tán thành, 2 không tán thành/);
    const after = await staff.get<CaseItem>(`/api/admission-cases/${waiting.id}`);
    expect(after.state).toBe('cell_resolved');
    // Only the refused vote failed (and the session check before signing in).
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([`400 POST /api/admission-cases/${waiting.id}/steps`]);
  });

  it('reads at 360 px in large text without a page-wide horizontal scroll', async () => {
    const page = await (await env.newContext({ width: 360, height: 740 })).newPage();
    await signIn(page, 'bantochuc.xa');
    // The text size as the switch stores it for the user (the switch itself is tested in web-app.test.ts).
    await page.evaluate(() => localStorage.setItem('dangvu.textSize.bantochuc.xa', 'large'));
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.textSize)).toBe('large');
    const open = (await staff.get<{ items: CaseItem[] }>('/api/admission-cases?state=decided')).items[0]!;
    await page.goto(`/admission/cases/${open.id}`);
    await page.getByText('Ghi bước tiếp theo: Lễ kết nạp').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto('/admission');
    await page.getByRole('table').getByRole('link').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  it('adds a candidate with the server\'s message under the wrong field, then opens a case for them', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc.xa');
    const cell = (await staff.get<{ items: { orgId: number }[] }>('/api/candidates?pageSize=1')).items[0]!.orgId;
    const cellName = (await staff.get<{ org: { name: string } }>(`/api/orgs/${cell}`)).org.name;
    await page.goto('/admission/candidates');
    await page.getByRole('button', { name: 'Thêm quần chúng ưu tú' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Họ và tên').fill('Trịnh Thị Ngân');
    await chooseOption(page, dialog.getByLabel('Giới tính'), 'Nữ', dialog);
    await dialog.getByLabel('Ngày sinh').fill('12/03/1990');
    await dialog.getByLabel('Ngày sinh').press('Enter');
    await dialog.getByLabel('Số CCCD').fill('0991 9012 345');
    await dialog.getByLabel('Chi bộ').fill(cellName.slice(0, 12));
    await page.locator('.ant-select-dropdown').getByTitle(new RegExp(cellName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).first().click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // Eleven digits: the server's own message, under the field it names.
    await dialog.getByText('Số CCCD phải gồm đúng 12 chữ số').waitFor();
    await dialog.getByLabel('Số CCCD').fill('099190123456');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('row', { name: /Trịnh Thị Ngân/ }).getByRole('button', { name: 'Lập hồ sơ kết nạp' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lập hồ sơ kết nạp' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ kết nạp: Trịnh Thị Ngân' }).waitFor();
    await page.getByText('Ghi bước tiếp theo: Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng').waitFor();
  });

  it('records the background check with a checked and a skipped relative, refusing a relative sent to check (R-ADM-11…13), and shows the dossier checklist', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc.xa');
    const c = (await staff.get<{ items: CaseItem[] }>('/api/admission-cases?state=sponsored')).items[0]!;
    await page.goto(`/admission/cases/${c.id}`);
    await page.getByText('Ghi bước tiếp theo: Gửi thẩm tra lý lịch').waitFor();
    // The checklist: the comments' summary is still missing, the introducers' letters are there.
    const checklist = page.getByRole('heading', { name: 'Danh mục hồ sơ kết nạp (R-ADM-33)' });
    await checklist.waitFor();
    await expect(page.getByRole('listitem').filter({ hasText: 'Tổng hợp ý kiến nhận xét' }).textContent()).resolves.toMatch(/Còn thiếu/);
    await expect(page.getByRole('listitem').filter({ hasText: 'Giấy giới thiệu người vào Đảng' }).textContent()).resolves.toMatch(/Đã có/);

    // The applicant's row is there with the name; the father is added, checked by the applicant himself.
    await expect(page.getByLabel('Họ và tên').first().inputValue()).resolves.toBe(c.candidate.fullName);
    await page.getByLabel('Nơi thẩm tra (cấp ủy được đề nghị)').nth(0).fill('Đảng ủy xã nơi cư trú');
    await page.getByLabel('Người được cử đi thẩm tra').nth(0).fill('Đỗ Văn Kiểm');
    await page.getByLabel('Chức vụ người đi thẩm tra').nth(0).fill('Chi ủy viên');
    await page.getByRole('button', { name: 'Thêm người thân' }).click();
    await page.getByLabel('Họ và tên').nth(1).fill('Nguyễn Văn Thành');
    await page.getByLabel('Nơi thẩm tra (cấp ủy được đề nghị)').nth(1).fill('Đảng ủy xã Vân Canh');
    await page.getByLabel('Người được cử đi thẩm tra').nth(1).fill(c.candidate.fullName.toUpperCase());
    await page.getByLabel('Chức vụ người đi thẩm tra').nth(1).fill('Đảng viên');
    await page.getByLabel('Ngày công văn thẩm tra').nth(1).fill(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/'));
    await page.getByLabel('Ngày công văn thẩm tra').nth(1).press('Enter');
    // The mother is skipped: same commune since the grandparents, confirmed by the commune committee.
    await page.getByRole('button', { name: 'Thêm người thân' }).click();
    await chooseOption(page, page.getByLabel('Người thứ 3: Quan hệ'), 'Mẹ', page.locator('body'));
    await page.getByLabel('Họ và tên').nth(2).fill('Trần Thị Lụa');
    await page.getByLabel('Nơi thẩm tra (cấp ủy được đề nghị)').nth(2).fill('Đảng ủy xã Vân Canh');
    await chooseOption(page, page.getByLabel('Người thứ 3: Thẩm tra hay miễn'), 'Miễn thẩm tra (R-ADM-12)', page.locator('body'));
    await chooseOption(page, page.getByLabel('Người thứ 3: Căn cứ miễn thẩm tra'), 'Người thân cùng ở một xã từ đời ông bà, cấp ủy xã xác nhận', page.locator('body'));
    await page.getByLabel('Đảng viên, cấp ủy xác nhận').fill('Đảng ủy xã Vân Canh');
    await page.getByLabel('Ngày xác nhận').fill(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/'));
    await page.getByLabel('Ngày xác nhận').press('Enter');
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/R-ADM-13/);
    await page.screenshot({ path: join(ARTIFACTS, 'admission-background-check-refused.png'), fullPage: true });

    await page.getByLabel('Người được cử đi thẩm tra').nth(1).fill('Ngô Thị Thẩm');
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await page.locator('[data-step="background_check_requested"]').waitFor();
    await expect(page.locator('[data-step="background_check_requested"]').textContent()).resolves.toMatch(/Mẹ: Trần Thị Lụa — miễn thẩm tra: Người thân cùng ở một xã/);
    const after = await staff.get<CaseItem & { steps: { kind: string; details: { subjects?: { relation: string; skip: unknown }[] } }[] }>(`/api/admission-cases/${c.id}`);
    expect(after.state).toBe('background_check_pending');
    expect(after.steps.at(-1)!.details.subjects!.map((s) => [s.relation, s.skip === null])).toEqual([
      ['applicant', true],
      ['father', true],
      ['mother', false],
    ]);
    await page.getByText('Ghi bước tiếp theo: Nhận kết quả thẩm tra lý lịch').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'admission-background-replies.png'), fullPage: true });
  });

  it('asks to reload a case that someone else has just changed, instead of recording on top of it', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'bantochuc.xa');
    const c = (await staff.get<{ items: (CaseItem & { version: number })[] }>('/api/admission-cases?state=background_checked')).items[0]!;
    await page.goto(`/admission/cases/${c.id}`);
    await page.getByText('Ghi bước tiếp theo: Ý kiến nhận xét của đoàn thể và nơi cư trú').waitFor();
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const r = await staff.call('POST', `/api/admission-cases/${c.id}/steps`, {
      kind: 'comments',
      date: today,
      version: c.version,
      comments: [{ from: 'residence', date: today, summary: 'Chi bộ khu dân cư nhất trí' }],
      summary: 'Các ý kiến đều đồng ý',
    });
    expect(r.status).toBe(200);
    await page.getByLabel('Tóm tắt nhận xét').fill('Chi bộ khu dân cư nhất trí');
    await page.getByLabel('Tổng hợp ý kiến nhận xét (Mẫu 5D-KNĐ)').fill('Các ý kiến đều đồng ý');
    await page.getByRole('button', { name: 'Ghi bước' }).click();
    await page.getByText('Hồ sơ vừa được người khác cập nhật').waitFor();
    await page.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await page.getByText('Ghi bước tiếp theo: Nghị quyết của chi bộ').waitFor();
    await expect(page.locator('[data-step="comments"]').count()).resolves.toBe(1);
  });

  it('shows the leader the cases but no step form', async () => {
    const page = await (await env.newContext()).newPage();
    await signIn(page, 'lanhdao');
    await page.getByRole('menuitem', { name: 'Kết nạp đảng viên' }).click();
    const table = page.getByRole('table');
    await table.getByText('Hoàn thành').first().waitFor();
    const leader = await env.api('lanhdao');
    // A case waiting for its background replies (the one sponsored case of the demo may have moved on above).
    const open = (await leader.get<{ items: CaseItem[] }>('/api/admission-cases?state=background_check_pending')).items[0]!;
    await page.goto(`/admission/cases/${open.id}`);
    await page.getByText('Bạn chỉ có quyền xem hồ sơ này.').waitFor();
    await expect(page.getByRole('button', { name: 'Ghi bước' }).count()).resolves.toBe(0);
    await expect(page.locator('[data-step="sponsors"]').count()).resolves.toBe(1);
    // The checklist is read-only too: no upload form for the leader.
    await page.getByRole('heading', { name: 'Danh mục hồ sơ kết nạp (R-ADM-33)' }).waitFor();
    await expect(page.getByRole('button', { name: 'Tải tệp lên' }).count()).resolves.toBe(0);
  });
});
