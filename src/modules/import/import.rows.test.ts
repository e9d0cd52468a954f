import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { insertTestOrg, type TestOrg } from '../../../test/factories.js';
import { createMember } from '../member/member.service.js';
import { staffContext, type ServiceContext } from '../service-context.js';
import { analyse, readLayout, type RowPlan } from './import.analysis.js';
import { BATCH } from './import.rows.js';
import { memorySource, type ByteSource } from './byte-source.js';
import { makeScope } from '../auth/scope.js';

// A large file's rows are read in a worker thread (import.rows.thread.ts): the report, the
// counts and the plans must be exactly what reading in the main thread gives, bad rows, file
// duplicates, database duplicates, an unknown cell and a stop at the first error included.

describeApi('member import: reading the rows in a worker thread', (h) => {
  let commune: TestOrg;
  let ctx: ServiceContext;

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh Luồng' });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: 'Đảng bộ xã Luồng', kind: 'commune', code: 'XA-LUONG' });
    const cell = await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: 'Chi bộ Thôn Luồng', code: 'LUONG-CB1' });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: 'Chi bộ Thôn Bãi', code: 'LUONG-CB2' });
    ctx = staffContext(db, h().clock, [commune.path]);
    // Already on the rolls: row 7's citizen ID (an update), and a namesake born the same day as row 11.
    await createMember(ctx, { fullName: 'Hà Văn Có', sex: 'male', birthDate: '1970-01-01', citizenId: '001270000007', status: 'official', statusSince: '2000-01-01', admissionDate: '1999-01-01', officialDate: '2000-01-01', orgId: cell.id, theoryLevel: 'none' });
    await createMember(ctx, { fullName: 'Lò Thị Trùng 11', sex: 'female', birthDate: '1980-02-01', status: 'official', statusSince: '2006-01-01', admissionDate: '2005-01-01', officialDate: '2006-01-01', orgId: cell.id, theoryLevel: 'none' });
  });

  const HEADER = 'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Ngày chính thức,Mã chi bộ,Trình độ LLCT';
  const line = (n: number) => {
    if (n === 7) return 'Hà Văn Có,Nam,01/01/1970,001270000007,01/01/1999,01/01/2000,LUONG-CB1,Sơ cấp';
    if (n === 11) return 'Lò Thị Trùng 11,Nữ,01/02/1980,001270000011,01/01/2005,01/01/2006,LUONG-CB2,';
    if (n === 15) return 'Người Sai Ngày,Nam,31/02/1980,001270000015,01/01/2005,01/01/2006,LUONG-CB1,';
    if (n === 19) return 'Người Trùng Số,Nam,01/02/1981,001270000018,01/01/2005,01/01/2006,LUONG-CB1,';
    if (n === 23) return 'Người Lạ Chi,Nam,01/02/1981,001270000023,01/01/2005,01/01/2006,KHONG-CO,';
    if (n === BATCH + 40) return 'Người Cuối Lỗi,Nam,01/02/1981,001270099999,32/13/2005,01/01/2006,LUONG-CB1,';
    return `Trần Luồng ${n},${n % 3 ? 'Nam' : 'Nữ'},${String(1 + (n % 28)).padStart(2, '0')}/0${1 + (n % 9)}/19${50 + (n % 30)},0012700${String(n).padStart(5, '0')},01/01/2005,,LUONG-CB${1 + (n % 2)},Trung cấp`;
  };
  // Over two batches, so the worker runs ahead of the look-ups.
  const file = () => new TextEncoder().encode([HEADER, ...Array.from({ length: 2 * BATCH + 100 }, (_, i) => line(i + 1))].join('\r\n'));

  async function run(thread: 'main' | 'worker', stopAtError = false) {
    const org = { id: commune.id, path: commune.path, name: 'Đảng bộ xã Luồng' };
    const bytes = file();
    const size = bytes.length;
    const { layout } = await readLayout('csv', memorySource(bytes), {});
    const plans: RowPlan[] = [];
    const meter = { bytesRead: 0, totalBytes: size };
    // The ranges the reading asked of the file, wherever it ran.
    const reads: number[] = [];
    const inMemory = memorySource(bytes);
    const source: ByteSource = { size, read: (offset, length) => (reads.push(length), inMemory.read(offset, length)) };
    const result = await analyse(ctx.db, { scope: ctx.scope, today: ctx.clock.today(), org }, 'csv', source, {
      layout,
      maxProblems: 1000,
      thread,
      stopAtError,
      meter,
      onPlans: async (p) => void plans.push(...p),
    });
    return { result, plans, meter, size, reads };
  }

  it('gives the same counts, problems and plans as reading in the main thread', async () => {
    const main = await run('main');
    const worker = await run('worker');
    expect(main.result.counts).toMatchObject({ rows: 2 * BATCH + 100, toUpdate: 1, error: 4, duplicatesInFile: 1, possibleDuplicates: 1 });
    expect(main.result.problems.map((p) => [p.row, p.code])).toEqual(
      expect.arrayContaining([
        [16, 'IMPORT_BAD_VALUE'],
        [20, 'IMPORT_DUPLICATE_IN_FILE'],
        [24, 'IMPORT_ORG_UNKNOWN'],
        [12, 'IMPORT_POSSIBLE_DUPLICATE'],
        [BATCH + 41, 'IMPORT_BAD_VALUE'],
      ]),
    );
    expect(worker.result).toEqual(main.result);
    // Rows in error stop the staging: nothing planned is handed on after the first error.
    expect(worker.plans).toEqual(main.plans);
    expect(worker.meter.bytesRead).toBe(worker.size);
    // The worker asked this thread for the file by ranges, as the main thread reads it.
    expect(worker.reads).toEqual(main.reads);
    expect(worker.reads.length).toBeGreaterThan(0);
  });

  it('stops at the first row in error in the worker as in the main thread', async () => {
    const main = await run('main', true);
    const worker = await run('worker', true);
    expect(main.result.counts.error).toBe(1);
    expect(worker.result.counts).toEqual(main.result.counts);
    expect(worker.result.problems).toEqual(main.result.problems);
  });

  it('writes each batch in order while the next is looked up, and a failed write fails the reading', async () => {
    const org = { id: commune.id, path: commune.path, name: 'Đảng bộ xã Luồng' };
    // A file without errors, so every batch is written.
    const clean = new TextEncoder().encode([HEADER, ...Array.from({ length: 2 * BATCH + 100 }, (_, i) => line(i + 10_000))].join('\r\n'));
    const { layout } = await readLayout('csv', memorySource(clean), {});
    const firsts: number[] = [];
    let writing = 0;
    let looked = 0;
    const dry = (failAt: number) =>
      analyse(ctx.db, { scope: ctx.scope, today: ctx.clock.today(), org }, 'csv', memorySource(clean), {
        layout,
        maxProblems: 100,
        thread: 'main',
        // The reading runs at most one batch ahead of the writes: plans never pile up.
        onBatch: async () => void expect(++looked - firsts.length).toBeLessThanOrEqual(2),
        onPlans: async (plans) => {
          // One write at a time, in file order.
          expect(writing).toBe(0);
          writing++;
          await new Promise((r) => setTimeout(r, 20));
          writing--;
          firsts.push(plans[0]!.row);
          if (firsts.length === failAt) throw new Error('staging failed');
        },
      });
    const done = await dry(0);
    expect(done.counts.new + done.counts.toUpdate + done.counts.unchanged).toBe(2 * BATCH + 100);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(firsts).toHaveLength(3);
    firsts.length = 0;
    looked = 0;
    await expect(dry(1)).rejects.toThrow('staging failed');
    expect(firsts.length).toBeLessThanOrEqual(2);
  });

  it('reads a stored job from its parts in a worker, inside a transaction as the commit does, with the same report', async () => {
    const { uploadFile } = await import('./import.service.js');
    const { jobFileSource } = await import('./import.repository.js');
    const fromMemory = await run('main');
    const job = await uploadFile(ctx, { fileName: 'luong.csv', orgId: commune.id, onDuplicate: 'skip', source: memorySource(file()) });
    const org = { id: commune.id, path: commune.path, name: 'Đảng bộ xã Luồng' };
    const { layout } = await readLayout('csv', memorySource(file()), {});
    // The worker's ranges are read by this thread in the transaction (PGlite: the one connection it holds).
    const result = await h().database.db.transaction().execute(async (tx) => {
      const source = (await jobFileSource(tx, ctx.scope, job.id))!;
      return analyse(tx, { scope: ctx.scope, today: ctx.clock.today(), org }, 'csv', source, { layout, maxProblems: 1000, thread: 'worker' });
    });
    expect(result).toEqual(fromMemory.result);
    // Out of the caller's scope the job's file is not there at all.
    expect(await jobFileSource(h().database.db, makeScope(['/999999/']), job.id)).toBeUndefined();
  });

  it('answers IMPORT_FILE_TOO_MANY_ROWS, not a crash, when the reading outgrows its bounded heap', async () => {
    const { readBatches } = await import('./import.rows.thread.js');
    const bytes = file();
    const { layout } = await readLayout('csv', memorySource(bytes), {});
    const org = { id: commune.id, path: commune.path, name: 'Đảng bộ xã Luồng' };
    const job = { format: 'csv' as const, source: memorySource(bytes), layout, target: { today: ctx.clock.today(), org }, orgs: [], maxProblems: 10, stopAtError: false };
    const read = async () => {
      for await (const _ of readBatches(job, { thread: 'worker', heapMiB: 2 })) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 'IMPORT_FILE_TOO_MANY_ROWS' });
  });
});
