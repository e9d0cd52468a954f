import { describe, expect, it } from 'vitest';
import { readMemberRow } from '../../domain/import/member-row.js';
import { newMemberFields } from '../member/member.service.js';
import { createMemberBody } from '../member/member.schema.js';
import { memorySource } from './byte-source.js';
import { readLayout } from './import.analysis.js';
import type { SubtreeOrg } from './import.repository.js';
import { pendingRows, RowValidator, validatedBatches, type Pending } from './import.rows.js';

// The reading thread posts its valid rows as columns of the input only (ValidRows); the database
// half rebuilds each row from them (pendingRows). Rebuilt, a row must be what the reading had:
// the body the API's schema gives for the row, the record's columns derived from it, the fields
// the row filled, and the headers to name in a problem — rows leaving fields empty included, and
// rows whose name comes from another column than their neighbours'.

const TODAY = '2026-11-23';
const orgs: SubtreeOrg[] = [
  { id: 4, code: 'XA', name: 'Đảng bộ xã', name_norm: 'dang bo xa', path: '/1/4/', org_type: 'superior', dissolved_on: null },
  { id: 5, code: 'CB1', name: 'Chi bộ 1', name_norm: 'chi bo 1', path: '/1/4/5/', org_type: 'grassroots_cell', dissolved_on: null },
  { id: 6, code: 'CB2', name: 'Chi bộ 2', name_norm: 'chi bo 2', path: '/1/4/6/', org_type: 'grassroots_cell', dissolved_on: null },
];

const CSV = [
  'Họ và tên,Họ đệm,Tên,Giới tính,Ngày sinh,Số CCCD,Số thẻ đảng,Ngày vào Đảng,Ngày chính thức,Dân tộc,Tôn giáo,Điện thoại,Quê quán,Mã chi bộ',
  'nguyễn  văn AN,,,Nam,05/03/1975,034075001234,80000001,01/02/2000,01/02/2001,Kinh,Không,0912 345 678,Thái Bình,CB1',
  ',Lê Thị,Hoa,Nữ,1/2/1980,0340 8000 1235,,01/02/2005,,Tày,,,,CB2',
  'Trần Văn Bình,,,Nam,1960-07-30,,80000003,01/02/1990,01/02/1991,,,,,CB2',
  'Phạm Thị Sai Ngày,,,Nữ,31/02/1980,034080001236,,01/02/2005,,,,,,CB1',
  'Đỗ Văn Cường,,,Nam,05/03/1985,034085001237,,01/02/2010,01/02/2011,Mường,Phật giáo,,Hà Nam,CB1',
].join('\r\n');

describe('member import: the valid rows posted between the threads', () => {
  it('rebuilds each valid row as the reading had it', async () => {
    const bytes = new TextEncoder().encode(CSV);
    const { layout } = await readLayout('csv', memorySource(bytes), {});
    const validator = new RowValidator(layout, { today: TODAY, org: { id: 4, path: '/1/4/', name: 'Đảng bộ xã' } }, orgs, 100);
    const rebuilt: Pending[] = [];
    for await (const b of validatedBatches(validator, 'csv', memorySource(bytes), {})) rebuilt.push(...pendingRows(b.rows));
    expect(rebuilt.map((p) => p.row)).toEqual([2, 3, 4, 6]);

    const cells = CSV.split('\r\n').map((l) => l.split(','));
    const orgOf: Record<string, number> = { CB1: 5, CB2: 6 };
    for (const p of rebuilt) {
      const line = cells[p.row - 1]!;
      const read = readMemberRow(line, layout.columns, TODAY);
      const input = createMemberBody.parse({ ...read.draft, orgId: orgOf[line.at(-1)!] });
      expect(p.input).toEqual(input);
      expect(Object.keys(p.input)).toEqual(Object.keys(input));
      expect(p.fields).toEqual(newMemberFields(input));
      expect([...p.provided].sort()).toEqual(Object.keys(read.draft).sort());
      expect(p.columnOf).toEqual({
        citizenId: read.columnOf.citizenId ?? 'Số CCCD',
        partyCardNo: read.columnOf.partyCardNo ?? 'Số thẻ đảng',
        fullName: read.columnOf.fullName,
      });
    }
    // Row 3 is named by its given-name columns, the others by the full name's.
    expect(rebuilt.map((p) => p.columnOf.fullName)).toEqual(['Họ và tên', 'Tên', 'Họ và tên', 'Họ và tên']);
    expect(rebuilt[2]!.provided).not.toContain('citizenId');
  });

  it('takes the names the reading derived instead of deriving them again', () => {
    const input = createMemberBody.parse({ fullName: 'lê  thị HOA', sex: 'female', birthDate: '1980-02-01', admissionDate: '2005-02-01', status: 'probationary', statusSince: '2005-02-01', orgId: 5 });
    const keys = Object.keys(createMemberBody.shape) as (keyof typeof input)[];
    const posted = (fullName: string | undefined, nameNorm: string) => pendingRows({
      row: [7],
      input: keys.map((k) => [input[k] as string | number | undefined]),
      fullName: [fullName],
      nameNorm: [nameNorm],
      columnsOf: [{ citizenId: 'Số CCCD', partyCardNo: 'Số thẻ đảng', fullName: 'Họ và tên' }],
      columnsAt: [0],
    })[0]!.fields;
    // What the reading posts for this row gives exactly the fields derived from the body.
    expect(posted('Lê Thị Hoa', 'le thi hoa')).toEqual(newMemberFields(input));
    // A name the reading did not post (tidying left it as typed) is the input's.
    expect(posted(undefined, 'x y').full_name).toBe('lê  thị HOA');
    // The posted normalized name is used as it is: the sort key follows it.
    expect(posted('Lê Thị Hoa', 'marker name')).toMatchObject({ name_norm: 'marker name', name_sort: 'name marker name' });
  });

  it('refuses a file whose keys outgrow their cap (they live outside the heap and its cap)', async () => {
    const lines = ['Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Ngày chính thức,Mã chi bộ'];
    for (let i = 0; i < 3000; i++) lines.push(`Người Số ${i},Nam,01/02/1980,0340${String(i).padStart(8, '0')},01/02/2005,01/02/2006,CB1`);
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const { layout } = await readLayout('csv', memorySource(bytes), {});
    const read = async (cap?: number) => {
      const validator = new RowValidator(layout, { today: TODAY, org: { id: 4, path: '/1/4/', name: 'Đảng bộ xã' } }, orgs, 10, cap);
      let rows = 0;
      for await (const b of validatedBatches(validator, 'csv', memorySource(bytes), {})) rows += b.rowsRead;
      return rows;
    };
    expect(await read()).toBe(3000);
    await expect(read(150_000)).rejects.toMatchObject({ code: 'IMPORT_FILE_TOO_MANY_ROWS', params: { rows: 2048 } });
  });
});
