import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { insertTestOrg, type TestOrg } from '../../../test/factories.js';
import type { DuplicatePolicy } from '../../db/types.js';
import { nameTokenDifferences } from '../member/member-token.repository.js';
import { memberFields } from '../member/member.presenter.js';
import { createMember, updateMember } from '../member/member.service.js';
import { differences } from '../rollup/rollup.repository.js';
import { staffContext, type ServiceContext } from '../service-context.js';
import { commit, dryRun, remap, uploadFile } from './import.service.js';
import { memorySource } from './byte-source.js';

// The staged import (migration 0022): the dry run keeps its valid rows, the commit writes from
// them set-based, and falls back to reading the file again when the database moved in between.

describeApi('member import: the staged commit (issue 6 targets)', (h) => {
  let commune: TestOrg;
  let ctx: ServiceContext;

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh Nạp' });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: 'Đảng bộ xã Nạp', kind: 'commune', code: 'XA-NAP' });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: 'Chi bộ Thôn Nạp', code: 'NAP-CB1' });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: 'Chi bộ Thôn Đông', code: 'NAP-CB2' });
    ctx = staffContext(db, h().clock, [commune.path]);
  });

  const HEADER = 'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Số thẻ đảng viên,Quê quán,Ngày vào Đảng,Ngày chính thức,Mã chi bộ';
  /** A person of the file: citizen ID 0012800000NN, card 7700NN, in cell 1 or 2 by parity. */
  const person = (n: number, hometown = `Thôn ${n}`, name = `Trần Văn Nạp ${String.fromCharCode(65 + (n % 26))}${n}`) =>
    `${name},Nam,01/02/1980,0012800000${String(n).padStart(2, '0')},7700${String(n).padStart(2, '0')},${hometown},01/01/2005,01/01/2006,NAP-CB${1 + (n % 2)}`;
  const file = (lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join('\r\n'));

  async function dry(lines: string[], onDuplicate: DuplicatePolicy = 'skip') {
    const job = await uploadFile(ctx, { fileName: 'nap.csv', orgId: commune.id, onDuplicate, source: memorySource(file(lines)) });
    return dryRun(ctx, job.id);
  }
  const staged = async (jobId: number) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from import_row where job_id = ${jobId}`.execute(h().database.db)).rows[0]!.n);
  async function snapshot() {
    const db = h().database.db;
    const n = async (t: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db)).rows[0]!.n);
    return {
      members: await db.selectFrom('member').selectAll().orderBy('id').execute(),
      periods: await n('member_status_period'),
      placements: await n('member_placement'),
      tokens: await n('member_name_token'),
      words: await n('member_name_word'),
      rollups: await db.selectFrom('org_rollup').selectAll().orderBy('org_id').orderBy('dim').orderBy('val').execute(),
      memberAudit: await db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'member').orderBy('id').execute(),
    };
  }
  const member = (n: number) => h().database.db.selectFrom('member').selectAll().where('citizen_id', '=', `0012800000${String(n).padStart(2, '0')}`).executeTakeFirstOrThrow();

  it('stages every valid row once, writes them set-based with intervals, name words, audit and exact roll-ups, and drops the staged rows', async () => {
    const before = await snapshot();
    const j = await dry([1, 2, 3, 4, 5].map((n) => person(n)));
    expect(j.counts).toMatchObject({ rows: 5, new: 5, error: 0 });
    expect(await staged(j.id)).toBe(5);
    const done = await commit(ctx, j.id);
    expect(done.status).toBe('committed');
    expect(done.counts).toMatchObject({ created: 5, updated: 0, skipped: 0, unchanged: 0 });
    const after = await snapshot();
    expect(after.members.length - before.members.length).toBe(5);
    expect(after.periods - before.periods).toBe(5);
    expect(after.placements - before.placements).toBe(5);
    expect(after.tokens).toBeGreaterThan(before.tokens);
    // Exactly the tokens the new names give, no more, no fewer (the insert trigger, 0031).
    expect(await nameTokenDifferences(h().database.db)).toEqual([]);
    // The vocabulary gained the words of the new names ("nap" and the letter-number words).
    expect(after.words).toBeGreaterThan(before.words);
    const words = await h().database.db.selectFrom('member_name_word').select('word').where('word', 'in', ['nap', 'b1', 'c2']).execute();
    expect(words.map((w) => w.word).sort()).toEqual(['b1', 'c2', 'nap']);
    expect(after.memberAudit.length - before.memberAudit.length).toBe(5);
    const m = await member(2);
    expect(m).toMatchObject({ full_name: 'Trần Văn Nạp C2', hometown: 'Thôn 2', status: 'official', party_card_no: '770002' });
    const audit = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.create').where('entity_id', '=', String(m.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ fullName: 'Trần Văn Nạp C2', citizenId: '001280000002', birthDate: '1980-02-01', orgId: m.org_id, status: 'official' });
    // The set-based audit row is the record exactly as the one-by-one path presents it.
    expect(audit.after).toEqual(memberFields(m));
    expect((await differences(h().database.db, 10)).total).toBe(0);
    expect(await staged(j.id)).toBe(0);
  });

  it('runs the same file again as a no-op, under every policy', async () => {
    for (const policy of ['skip', 'update', 'stop'] as const) {
      const before = await snapshot();
      const j = await dry([1, 2, 3, 4, 5].map((n) => person(n)), policy);
      expect(j.counts).toMatchObject({ rows: 5, new: 0, unchanged: 5, toUpdate: 0 });
      expect((await commit(ctx, j.id)).counts).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
      expect(await snapshot()).toEqual(before);
    }
  });

  it('applies each policy to duplicates against the database, and refuses duplicates in the file', async () => {
    // 1 changed (hometown), 2 unchanged, 6 and 7 new.
    const lines = [person(1, 'Hà Nội'), person(2), person(6), person(7)];
    const before = await snapshot();
    const stop = await dry(lines, 'stop');
    expect(stop.counts).toMatchObject({ new: 2, toUpdate: 1, unchanged: 1 });
    await expect(commit(ctx, stop.id)).rejects.toMatchObject({ code: 'IMPORT_DUPLICATES_STOP' });
    expect(await snapshot()).toEqual(before);

    const skip = await dry(lines, 'skip');
    expect((await commit(ctx, skip.id)).counts).toMatchObject({ created: 2, skipped: 1, unchanged: 1, updated: 0 });
    expect((await member(1)).hometown).toBe('Thôn 1');
    expect((await differences(h().database.db, 10)).total).toBe(0);

    const update = await dry([person(1, 'Hà Nội'), person(2), person(8)], 'update');
    expect(update.counts).toMatchObject({ new: 1, toUpdate: 1, unchanged: 1 });
    const one = await member(1);
    expect((await commit(ctx, update.id)).counts).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    expect(await member(1)).toMatchObject({ hometown: 'Hà Nội', version: one.version + 1 });
    const a = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.update').where('entity_id', '=', String(one.id)).executeTakeFirstOrThrow();
    expect(a.before).toEqual({ hometown: 'Thôn 1' });
    expect(a.after).toEqual({ hometown: 'Hà Nội' });
    expect((await differences(h().database.db, 10)).total).toBe(0);

    const twice = await dry([person(9), person(9, 'Khác', 'Lê Văn Khác')]);
    expect(twice.counts).toMatchObject({ rows: 2, error: 1, duplicatesInFile: 1 });
    expect(twice.problems.find((p) => p.severity === 'error')).toMatchObject({ row: 3, code: 'IMPORT_DUPLICATE_IN_FILE' });
    await expect(commit(ctx, twice.id)).rejects.toMatchObject({ code: 'IMPORT_HAS_ERRORS' });
  });

  it('warns of a possible duplicate (same name and date of birth, other keys) and still creates the row', async () => {
    const j = await dry([person(40, 'Thôn 40', 'Trần Văn Nạp B1'), person(41)]);
    expect(j.counts).toMatchObject({ new: 2, possibleDuplicates: 1, error: 0 });
    expect(j.problems).toEqual([expect.objectContaining({ row: 2, code: 'IMPORT_POSSIBLE_DUPLICATE', severity: 'warning' })]);
    expect((await commit(ctx, j.id)).counts).toMatchObject({ created: 2, possibleDuplicates: 1 });
  });

  it('notices a new holder of a key between the dry run and the commit, and commits what the database now says', async () => {
    const j = await dry([person(10), person(11)]);
    expect(j.counts).toMatchObject({ new: 2 });
    // Meanwhile someone records person 11 by hand: the staged "new" row would now collide.
    await createMember(ctx, {
      fullName: 'Trần Văn Nạp L11',
      sex: 'male',
      birthDate: '1980-02-01',
      citizenId: '001280000011',
      orgId: (await h().database.db.selectFrom('org').select('id').where('code', '=', 'NAP-CB2').executeTakeFirstOrThrow()).id,
      status: 'official',
      statusSince: '2006-01-01',
      admissionDate: '2005-01-01',
      officialDate: '2006-01-01',
    } as never);
    const done = await commit(ctx, j.id);
    expect(done.status).toBe('committed');
    // Read again: person 11 now matches the hand-made record (which lacks the card and hometown): skipped.
    expect(done.counts).toMatchObject({ created: 1, skipped: 1 });
    expect(await h().database.db.selectFrom('member').select('id').where('citizen_id', '=', '001280000011').execute()).toHaveLength(1);
    expect((await differences(h().database.db, 10)).total).toBe(0);
  });

  it('notices a record edited between the dry run and the commit, and updates it as it now is', async () => {
    const j = await dry([person(10, 'Huế')], 'update');
    expect(j.counts).toMatchObject({ toUpdate: 1 });
    const m = await member(10);
    // An edit of another field meanwhile: the staged version is stale.
    await updateMember(ctx, m.id, { version: m.version, phone: '0912345678' });
    const done = await commit(ctx, j.id);
    expect(done.status).toBe('committed');
    expect(done.counts).toMatchObject({ updated: 1 });
    expect(await member(10)).toMatchObject({ hometown: 'Huế', phone: '0912345678', version: m.version + 2 });
  });

  it('leaves the database exactly as before when the staged commit fails half-way, and succeeds when run again', async () => {
    const db = h().database.db;
    const j = await dry([20, 21, 22, 23, 24, 25].map((n) => person(n)));
    expect(await staged(j.id)).toBe(6);
    // A refusal of the database inside the set-based insert (the fifth row), as a disk would fail.
    await sql`create function refuse_nap() returns trigger language plpgsql as $$ begin if new.citizen_id = '001280000024' then raise exception 'forced failure'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_nap before insert on member for each row execute function refuse_nap()`.execute(db);
    const before = await snapshot();
    try {
      await expect(commit(ctx, j.id)).rejects.toThrow('forced failure');
    } finally {
      await sql`drop trigger refuse_nap on member`.execute(db);
      await sql`drop function refuse_nap()`.execute(db);
    }
    expect(await snapshot()).toEqual(before);
    // The staged rows are intact: the second try writes from them.
    expect(await staged(j.id)).toBe(6);
    const again = await commit(ctx, j.id);
    expect(again.status).toBe('committed');
    expect(again.counts).toMatchObject({ created: 6 });
    expect((await differences(db, 10)).total).toBe(0);
  });

  it('drops the staged rows when the columns are read anew', async () => {
    const j = await dry([person(30)]);
    expect(await staged(j.id)).toBe(1);
    const layout = j.layout!;
    const hometown = layout.columns.find((c) => c.header === 'Quê quán')!;
    await remap(ctx, j.id, { columns: [{ index: hometown.index, field: 'residence' }] });
    expect(await staged(j.id)).toBe(0);
  });
});
