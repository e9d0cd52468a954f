import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Api } from '../kill/server-harness.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, chooseOption, failedResponses, signIn, startBrowserEnv, type BrowserEnv } from './harness.js';

// The records screens (issue 5 item 7) on the demo data, which has cards in every state and
// phiếu bổ sung at every step in the anchor commune: its organization staff record a card decision
// and approve a phiếu (seeing before → after), and find the record number on the member page.

const chromiumPath = inject('chromiumPath');

interface Card {
  id: number;
  status: string;
  member: { id: number; fullName: string };
}
interface Update {
  id: number;
  stage: string;
  member: { id: number; fullName: string };
  changes: { field: string; before: unknown; after: unknown }[];
}

describe.skipIf(!chromiumPath)('records screens in Chromium', () => {
  let env: BrowserEnv;
  let staff: Api;

  beforeAll(async () => {
    env = await startBrowserEnv(chromiumPath!);
    staff = await env.api('bantochuc.xa');
  }, 400_000);
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    await env.beginTest();
    onTestFailed(() => env.screenshotAll(task.name));
  });

  it('records a card decision, approves a phiếu bổ sung, and shows the record number on the member page', async () => {
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc.xa');
    await page.getByRole('menuitem', { name: 'Hồ sơ, thẻ đảng' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ đảng viên, thẻ đảng', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('Đã đề nghị').first().waitFor();
    for (const text of ['Đã trao thẻ', 'Đã có quyết định', 'Bị mất', 'Cấp lại']) await expect(table.getByText(text).first().isVisible(), text).resolves.toBe(true);

    const requested = (await staff.get<{ items: Card[] }>('/api/party-cards?status=requested&limit=500')).items[0]!;
    await page.getByRole('button', { name: `Ghi quyết định: ${requested.member.fullName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số quyết định').fill('77-QĐ/ĐU');
    await dialog.getByRole('button', { name: 'Ghi quyết định' }).click();
    await page.getByText('Đã lưu').first().waitFor();
    await expect.poll(async () => (await staff.get<Card>(`/api/party-cards/${requested.id}`)).status).toBe('decided');

    await page.getByRole('tab', { name: 'Phiếu bổ sung hồ sơ' }).click();
    const waiting = (await staff.get<{ items: Update[] }>('/api/record-updates?stage=superior')).items[0]!;
    const change = waiting.changes[0]!;
    await page.getByRole('table').getByText(`${String(change.before ?? '—')} → ${String(change.after)}`).first().waitFor();
    await page.getByRole('button', { name: `Duyệt: ${waiting.member.fullName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Duyệt' }).click();
    await page.getByText('Đã lưu').first().waitFor();
    await expect.poll(async () => (await staff.get<Update>(`/api/record-updates/${waiting.id}`)).stage).toBe('approved');
    const record = await staff.get<Record<string, unknown>>(`/api/members/${waiting.member.id}`);
    expect(record[change.field]).toBe(change.after);

    await page.getByRole('tab', { name: 'Khối số lý lịch' }).click();
    await page.getByRole('table').getByText(/000101/).waitFor();

    await page.getByRole('tab', { name: 'Sổ sách' }).click();
    await expect(page.getByRole('link', { name: 'Tải Excel: Sổ phát thẻ đảng viên' }).getAttribute('href')).resolves.toContain('/api/party-cards/register/export');
    await expect(page.getByRole('link', { name: 'Tải Excel: Sổ đảng viên từ trần' }).getAttribute('href')).resolves.toContain('status=deceased');

    const numbered = (await staff.get<{ recordNo: string | null }>(`/api/records/members/${waiting.member.id}`)).recordNo;
    expect(numbered).not.toBeNull();
    await page.goto(`/members/${waiting.member.id}`);
    await page.getByRole('heading', { name: 'Số lý lịch, thẻ đảng' }).waitFor();
    await page.getByText(numbered!).waitFor();
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });

  it('gives a member the record number, requests the card and files a phiếu bổ sung from the member page', async () => {
    const commune = (await staff.get<{ items: { id: number }[] }>('/api/orgs')).items[0]!;
    const officials = (await staff.get<{ items: { id: number }[] }>(`/api/members?org=${commune.id}&status=official&pageSize=100`)).items;
    let member: { id: number; occupation: string | null } | undefined;
    for (const m of officials) {
      const facts = await staff.get<{ recordNo: string | null; card: unknown }>(`/api/records/members/${m.id}`);
      if (facts.recordNo === null && facts.card === null) {
        member = await staff.get<{ id: number; occupation: string | null }>(`/api/members/${m.id}`);
        break;
      }
    }
    expect(member, 'an official member of the commune with neither a record number nor a card').toBeDefined();
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc.xa');
    await page.goto(`/members/${member!.id}`);
    await page.getByRole('heading', { name: 'Số lý lịch, thẻ đảng' }).waitFor();

    await page.getByRole('button', { name: 'Cấp số lý lịch' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cấp số lý lịch' }).click();
    await page.getByText('Đã cấp số lý lịch.').waitFor();
    const numbered = await staff.get<{ recordNo: string | null }>(`/api/records/members/${member!.id}`);
    expect(numbered.recordNo).toMatch(/^\d{6}[A-Z]{2,3}$/);
    await page.getByText(numbered.recordNo!).waitFor();

    await page.getByRole('button', { name: 'Đề nghị cấp thẻ đảng' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Đề nghị cấp thẻ đảng' }).click();
    await page.getByText('Đã ghi đề nghị cấp thẻ đảng.').waitFor();
    await page.getByText('Đã đề nghị').waitFor();

    await page.getByRole('button', { name: 'Lập phiếu bổ sung hồ sơ' }).click();
    const dialog = page.getByRole('dialog');
    // Nothing changed: nothing is sent.
    await dialog.getByRole('button', { name: 'Lập phiếu bổ sung hồ sơ' }).click();
    await dialog.getByText('Chưa có mục nào thay đổi').waitFor();
    const occupation = `${member!.occupation ?? 'Nông dân'} (bổ sung năm nay)`.slice(0, 100);
    await dialog.getByLabel('Nghề nghiệp').fill(occupation);
    await dialog.getByRole('button', { name: 'Lập phiếu bổ sung hồ sơ' }).click();
    await page.getByText('Đã lập phiếu bổ sung').waitFor();
    const filed = (await staff.get<{ items: Update[] }>('/api/record-updates?stage=cell&limit=500')).items.find((u) => u.member.id === member!.id);
    expect(filed?.changes).toEqual([{ field: 'occupation', before: member!.occupation, after: occupation }]);
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });

  it('R-REC-09: the province gives a direct superior a block of record numbers; an overlapping block is refused in Vietnamese', async () => {
    const province = await env.api('bantochuc');
    const commune = (await staff.get<{ items: { id: number }[] }>('/api/orgs')).items[0]!;
    const org = (await province.get<{ org: { name: string; code: string } }>(`/api/orgs/${commune.id}`)).org;
    const blocks = (await province.get<{ items: { code: string; lastNo: number }[] }>('/api/record-no-blocks')).items;
    const first = Math.max(0, ...blocks.map((b) => b.lastNo)) + 1001;
    // The demo province's own code is not 2–3 letters, so its blocks carry a typed one.
    const code = blocks[0]?.code ?? 'DV';
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc');
    await page.goto('/records?tab=blocks');
    await page.getByRole('heading', { name: 'Hồ sơ đảng viên, thẻ đảng', level: 1 }).waitFor();

    const give = async (from: number, to: number) => {
      await page.getByRole('button', { name: 'Cấp khối số mới' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Tỉnh cấp khối số lý lịch cho cấp trên trực tiếp cơ sở' }).or(dialog.getByText('Tỉnh cấp khối số lý lịch cho cấp trên trực tiếp cơ sở')).first().waitFor();
      const picker = dialog.getByRole('combobox', { name: 'Đơn vị nhận khối số' });
      await picker.click();
      await picker.pressSequentially(org.name.slice(0, 12));
      await chooseOption(page, picker, `${org.name} (${org.code})`, dialog);
      await dialog.getByLabel('Từ số').fill(String(from));
      await dialog.getByLabel('Đến số').fill(String(to));
      await dialog.getByLabel('Mã tỉnh (2–3 chữ in hoa)').fill(code);
      await dialog.getByLabel('Số quyết định').fill('21-QĐ/TU');
      await dialog.getByRole('button', { name: 'Cấp khối số mới' }).click();
      return dialog;
    };

    await give(first, first + 99);
    await page.getByText('Đã cấp khối số lý lịch.').first().waitFor();
    const created = (await province.get<{ items: { firstNo: number; lastNo: number; holder: { id: number }; decisionNo: string | null }[] }>('/api/record-no-blocks')).items.find((b) => b.firstNo === first);
    expect(created).toMatchObject({ code, lastNo: first + 99, holder: { id: commune.id }, decisionNo: '21-QĐ/TU' });
    await page.getByRole('table').getByText(new RegExp(String(first).padStart(6, '0'))).first().waitFor();

    // The same numbers again: the server refuses, the dialog stays open with its Vietnamese message.
    const dialog = await give(first + 50, first + 150);
    await dialog.getByText(/trùng với khối \d{6}/).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'records-block-overlap.png'), fullPage: true });
    expect((await province.get<{ items: { firstNo: number }[] }>('/api/record-no-blocks')).items.filter((b) => b.firstNo === first + 50)).toEqual([]);
    expect(failed.filter((f) => f !== '401 GET /api/auth/me' && f !== '409 POST /api/record-no-blocks')).toEqual([]);
  });

  it('R-REC-07: a member files their own phiếu bổ sung from their home page and sees it waiting for the chi bộ', async () => {
    const member = await env.api('dangvien');
    const own = await member.get<{ id: number; occupation: string | null }>('/api/members/me');
    const before = (await member.get<{ total: number }>('/api/record-updates/own')).total;
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'dangvien');
    await page.getByRole('heading', { name: 'Phiếu bổ sung hồ sơ của tôi' }).waitFor();
    await page.getByRole('button', { name: 'Lập phiếu bổ sung hồ sơ' }).click();
    const dialog = page.getByRole('dialog');
    // The phiếu of an official transfer (a yearly one may already be filed on the demo).
    await dialog.getByText('Chuyển sinh hoạt chính thức').click();
    const occupation = `${own.occupation ?? 'Nông dân'} (tự khai)`.slice(0, 100);
    await dialog.getByLabel('Nghề nghiệp').fill(occupation);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'records-own-phieu-form.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Lập phiếu bổ sung hồ sơ' }).click();
    await page.getByText('Đã lập phiếu bổ sung').first().waitFor();
    await page.getByText(/Phiếu năm \d{4} \(Chuyển sinh hoạt chính thức\)/).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'records-own-phieu-filed.png'), fullPage: true });
    const mine = await member.get<{ total: number; items: Update[] }>('/api/record-updates/own');
    expect(mine.total).toBe(before + 1);
    expect(mine.items[0]).toMatchObject({ stage: 'cell', member: { id: own.id }, changes: [{ field: 'occupation', before: own.occupation, after: occupation }] });
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });

  it('lends a dossier from the register tab and records its return (R-REC-11)', async () => {
    interface Line { id: number; kind: string; returnedOn: string | null; member: { id: number; fullName: string } }
    const lines = (await staff.get<{ items: Line[] }>('/api/dossiers?limit=500')).items;
    let member: Line['member'] | undefined;
    for (const l of lines.filter((x) => x.kind === 'received')) {
      const facts = await staff.get<{ dossier: { state: string } | null }>(`/api/records/members/${l.member.id}`);
      if (facts.dossier?.state === 'held') {
        member = l.member;
        break;
      }
    }
    expect(member, 'a dossier held in the demo commune').toBeDefined();
    const page = await (await env.newContext()).newPage();
    const failed = failedResponses(page);
    await signIn(page, 'bantochuc.xa');
    await page.goto('/records?tab=dossiers');
    const table = page.getByRole('table');
    // The demo has a loan past its due date.
    await table.getByText('Quá hạn').first().waitFor();
    const filter = (name: string) => page.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${name}$`) });
    await filter('Quá hạn trả').click();
    await expect.poll(async () => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await filter('Tất cả').click();
    await table.getByText('Nhận hồ sơ').first().waitFor();

    await page.getByRole('button', { name: 'Ghi giao nhận / cho mượn' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Đảng viên' }).fill(member!.fullName);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: member!.fullName }).first().click();
    await dialog.getByLabel('Người mượn (họ tên, đơn vị)').fill('Đ/c Ngô Văn Mượn, Ủy ban Kiểm tra');
    await dialog.getByLabel('Mục đích mượn').fill('Xác minh lý lịch');
    await dialog.getByLabel('Ngày hẹn trả').fill('30/12/2099');
    await dialog.getByLabel('Ngày hẹn trả').press('Enter');
    await dialog.getByRole('button', { name: 'Ghi giao nhận / cho mượn' }).click();
    await page.getByText('Đã lưu').first().waitFor();
    await table.getByText('Đ/c Ngô Văn Mượn, Ủy ban Kiểm tra').waitFor();
    await expect.poll(async () => (await staff.get<{ dossier: { state: string } | null }>(`/api/records/members/${member!.id}`)).dossier?.state).toBe('on_loan');
    await page.screenshot({ path: join(ARTIFACTS, 'records-dossiers-lent.png'), fullPage: true });

    await page.getByRole('button', { name: `Ghi trả hồ sơ: ${member!.fullName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ghi trả' }).click();
    await page.getByText('Đã lưu').first().waitFor();
    await expect.poll(async () => (await staff.get<{ dossier: { state: string } | null }>(`/api/records/members/${member!.id}`)).dossier?.state).toBe('held');
    await expect.poll(async () => page.getByRole('button', { name: `Ghi trả hồ sơ: ${member!.fullName}` }).count()).toBe(0);

    await page.getByRole('button', { name: 'Đối chiếu hồ sơ với danh sách' }).click();
    const recon = page.getByRole('dialog');
    await recon.getByText('Chưa đối chiếu lần nào').waitFor();
    await recon.getByRole('button', { name: 'Đối chiếu', exact: true }).click();
    await recon.getByText(/Đảng viên chưa có hồ sơ đang giữ \(\d+\)/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'records-dossiers-reconcile.png'), fullPage: true });
    await recon.getByRole('button', { name: 'Đóng' }).first().click();

    await page.getByRole('tab', { name: 'Sổ sách' }).click();
    await expect(page.getByRole('link', { name: 'Tải Excel: Sổ giao nhận, mượn trả hồ sơ đảng viên' }).getAttribute('href')).resolves.toContain('/api/dossiers/export');
    await page.goto(`/members/${member!.id}`);
    await page.getByText(/Đang giữ tại/).waitFor();
    expect(failed.filter((f) => f !== '401 GET /api/auth/me')).toEqual([]);
  });
});
