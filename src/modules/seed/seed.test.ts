import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { structureWarnings } from '../../domain/org-structure.js';
import { nameSortKey, normalizeName } from '../../domain/vn-name.js';
import { differences } from '../rollup/rollup.repository.js';
import { nameTokenDifferences } from '../member/member-token.repository.js';
import { ETHNICITIES } from './seed.data.js';
import { generateSeed, memberName, seedTotals } from './seed.generator.js';
import { PROVINCES } from './seed.data.js';
import { Rng } from './seed.random.js';
import { BULK_TABLES, createIndex, addForeignKey, dropBulkSchema, enableTriggers, readBulkSchema } from './seed.repository.js';
import { runSeed, seedDatabase } from './seed.service.js';

const TODAY = '2026-03-01';

/** One digest per table over the whole stream (batch boundaries may differ). */
function digest(opts: Parameters<typeof generateSeed>[0]): Record<string, string> {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  for (const batch of generateSeed(opts)) {
    for (const [table, chunks] of Object.entries(batch.csv)) {
      let h = hashes.get(table);
      if (!h) hashes.set(table, (h = createHash('sha256')));
      for (const c of chunks) h.update(c);
    }
  }
  return Object.fromEntries([...hashes].map(([t, h]) => [t, h.digest('hex')]));
}

describe('seed generator (pure)', () => {
  it('gives byte-identical rows for the same seed and different rows for another', () => {
    const a = digest({ scale: 'demo', seed: 1, today: TODAY });
    expect(digest({ scale: 'demo', seed: 1, today: TODAY, batchMembers: 100 })).toEqual(a);
    const b = digest({ scale: 'demo', seed: 2, today: TODAY });
    expect(b.member).not.toBe(a.member);
    expect(b.org).not.toBe(a.org);
  });

  it('plans the same totals it writes', () => {
    const totals = seedTotals({ scale: 'demo', seed: 1, today: TODAY });
    let members = 0;
    let orgs = 0;
    for (const b of generateSeed({ scale: 'demo', seed: 1, today: TODAY })) {
      members += b.rows.member;
      orgs += b.rows.org;
    }
    expect({ members, orgs }).toEqual(totals);
  });

  it('writes names whose normalized and sort forms are those of vn-name', () => {
    const r = new Rng(7);
    for (const ethnicity of ETHNICITIES) {
      for (const sex of ['male', 'female'] as const) {
        for (let i = 0; i < 60; i++) {
          const { full, norm } = memberName(r, sex, ethnicity, i % 2 === 0);
          expect(full).toBe(full.normalize('NFC'));
          expect(norm).toBe(normalizeName(full));
          expect(`${norm.slice(norm.lastIndexOf(' ') + 1)} ${norm}`).toBe(nameSortKey(full));
        }
      }
    }
  });

  it('has the 34 provinces and 3,321 commune-level units of the post-2025 tree (R-SCALE-03)', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.reduce((s, p) => s + p.communes, 0)).toBe(3321);
  });
});

describeEachEngine('seed demo', (getDb) => {
  it('loads the demo province', async () => {
    const { db } = getDb();
    const progress: string[] = [];
    const result = await seedDatabase(getDb(), { scale: 'demo', today: TODAY, onProgress: (_d, _t, phase) => progress.push(phase) });
    expect(result.members).toBeGreaterThan(800);
    expect(result.members).toBeLessThan(1300);
    expect(progress).toContain('members');
    const orgs = await db.selectFrom('org').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(orgs.n)).toBe(result.orgs);
  });

  it('has counts in the expected ranges, all rows marked as demo', async () => {
    const { db } = getDb();
    const byType = await db.selectFrom('org').select(['org_type', ({ fn }) => fn.countAll<number>().as('n')]).groupBy('org_type').execute();
    const n = Object.fromEntries(byType.map((r) => [r.org_type, Number(r.n)]));
    expect(n.province).toBe(1);
    expect(n.superior).toBeGreaterThanOrEqual(3);
    const grassroots = (n.grassroots_committee ?? 0) + (n.grassroots_cell ?? 0);
    expect(grassroots).toBeGreaterThanOrEqual(10);
    expect(grassroots).toBeLessThanOrEqual(25);
    const cells = (n.cell ?? 0) + (n.grassroots_cell ?? 0);
    expect(cells).toBeGreaterThanOrEqual(30);
    expect(cells).toBeLessThanOrEqual(60);

    const root = await db.selectFrom('org').select(['name', 'code']).where('org_type', '=', 'province').executeTakeFirstOrThrow();
    expect(root.name).toBe('Đảng bộ tỉnh Sông Hồng (Dữ liệu mẫu)');
    const notDemo = await sql<{ n: number }>`
      select (select count(*) from org where not is_demo) + (select count(*) from member where not is_demo) as n`.execute(db);
    expect(Number(notDemo.rows[0]?.n)).toBe(0);

    const status = await db.selectFrom('member').select(['status', ({ fn }) => fn.countAll<number>().as('n')]).groupBy('status').execute();
    const s = Object.fromEntries(status.map((r) => [r.status, Number(r.n)]));
    const onRolls = (s.official ?? 0) + (s.probationary ?? 0) + (s.exempt ?? 0);
    expect((s.official ?? 0) / onRolls).toBeGreaterThan(0.88);
    expect((s.probationary ?? 0) / onRolls).toBeGreaterThan(0.01);
    expect((s.probationary ?? 0) / onRolls).toBeLessThan(0.1);
    expect((s.deceased ?? 0) + (s.transferred ?? 0) + (s.removed ?? 0)).toBeGreaterThan(0);
  });

  it('puts every member in an org that holds members, with its path', async () => {
    const { db } = getDb();
    const rows = await db
      .selectFrom('member as m')
      .innerJoin('org as o', 'o.id', 'm.org_id')
      .select(['o.org_type', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where m.org_path <> o.path)`.as('bad_path')])
      .groupBy('o.org_type')
      .execute();
    for (const r of rows) {
      expect(holdsMembers(r.org_type as OrgType)).toBe(true);
      expect(Number(r.bad_path)).toBe(0);
    }
  });

  it('has unique readable codes and unique 12-digit citizen IDs, card numbers for official members', async () => {
    const { db } = getDb();
    const codes = await sql<{ n: number; d: number; bad: number }>`
      select count(*) as n, count(distinct code) as d,
             count(*) filter (where code !~ '^P[0-9]{2}(\\.[A-Z][0-9]+)*$') as bad from org`.execute(db);
    expect(Number(codes.rows[0]?.d)).toBe(Number(codes.rows[0]?.n));
    expect(Number(codes.rows[0]?.bad)).toBe(0);
    const ids = await sql<{ n: number; d: number; bad: number; cards: number }>`
      select count(*) as n, count(distinct citizen_id) as d,
             count(*) filter (where citizen_id !~ '^[0-9]{12}$') as bad,
             count(*) filter (where (official_date is null) <> (party_card_no is null)
                                 or (party_card_no is not null and party_card_no <> citizen_id)) as cards
      from member`.execute(db);
    expect(Number(ids.rows[0]?.d)).toBe(Number(ids.rows[0]?.n));
    expect(Number(ids.rows[0]?.bad)).toBe(0);
    expect(Number(ids.rows[0]?.cards)).toBe(0);
  });

  it('keeps status periods and placements consistent with the member rows', async () => {
    const { db } = getDb();
    const bad = await sql<{ open_mismatch: number; overlap: number; placement: number; adult: number }>`
      select
        (select count(*) from member m where m.status is distinct from
          (select p.status from member_status_period p where p.member_id = m.id and p.valid_to is null)) as open_mismatch,
        (select count(*) from member_status_period a join member_status_period b
           on a.member_id = b.member_id and a.valid_from < b.valid_from and (a.valid_to is null or a.valid_to > b.valid_from)) as overlap,
        (select count(*) from member m where 1 <> (select count(*) from member_placement p where p.member_id = m.id and p.org_id = m.org_id)) as placement,
        (select count(*) from member where admission_date < birth_date + interval '18 years'
           or (official_date is not null and official_date <> admission_date + interval '1 year')
           or status_since < admission_date) as adult`.execute(db);
    expect(bad.rows[0]).toEqual({ open_mismatch: 0, overlap: 0, placement: 0, adult: 0 });
  });

  it('writes the search tokens of every live member (the demo loads with triggers on)', async () => {
    const { db } = getDb();
    expect(await nameTokenDifferences(db)).toEqual([]);
    expect(Number((await db.selectFrom('member_name_token').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(100);
  });

  it('leaves the roll-ups exact', async () => {
    const { db } = getDb();
    expect((await differences(db)).total).toBe(0);
  });

  it('meets the structure rules: R-ORG-05, -06 (committee ≥ 30, chi bộ cơ sở < 30), -08, -09', async () => {
    const { db } = getDb();
    const rows = await sql<{ org_type: OrgType; org_kind: string | null; members: number; official: number; child_types: OrgType[] | null; parent_type: OrgType | null; parent_kind: string | null }>`
      select o.org_type, o.org_kind,
        coalesce((select sum(n) from org_rollup r where r.org_id = o.id and r.dim = 'total'), 0)::int as members,
        coalesce((select sum(n) from org_rollup r where r.org_id = o.id and r.dim = 'status' and r.val = 'official'), 0)::int as official,
        (select array_agg(c.org_type) from org c where c.parent_id = o.id) as child_types,
        p.org_type as parent_type, p.org_kind as parent_kind
      from org o left join org p on p.id = o.parent_id`.execute(db);
    const warnings = rows.rows.flatMap((r) =>
      structureWarnings({
        orgType: r.org_type,
        orgKind: r.org_kind,
        members: r.members,
        officialMembers: r.official,
        childTypes: r.child_types ?? [],
        parentType: r.parent_type,
        parentKind: r.parent_kind,
      }),
    );
    expect(warnings).toEqual([]);
    const committees = rows.rows.filter((r) => r.org_type === 'grassroots_committee');
    expect(committees.length).toBeGreaterThan(0);
    for (const c of committees) expect(c.members).toBeGreaterThanOrEqual(30);
    for (const c of rows.rows.filter((r) => r.org_type === 'grassroots_cell')) expect(c.members).toBeLessThan(30);
  });

  it('moves the identity sequences past the seeded ids', async () => {
    const { db } = getDb();
    const r = await sql<{ org: boolean; member: boolean }>`
      select nextval(pg_get_serial_sequence('org', 'id')) > (select max(id) from org) as org,
             nextval(pg_get_serial_sequence('member', 'id')) > (select max(id) from member) as member`.execute(db);
    expect(r.rows[0]).toEqual({ org: true, member: true });
  });

  it('refuses to seed a database that has orgs', async () => {
    await expect(seedDatabase(getDb(), { scale: 'demo', today: TODAY })).rejects.toThrow(/already has organizations/);
  });
});

describeEachEngine('seed bulk path at demo size', (getDb) => {
  it('loads with indexes and foreign keys off, then restores them, roll-ups exact', async () => {
    const { db } = getDb();
    const before = await readBulkSchema(db, BULK_TABLES);
    const result = await runSeed(getDb(), { scale: 'demo', seed: 5, today: TODAY }, { bulk: true });
    expect(await readBulkSchema(db, BULK_TABLES)).toEqual(before);
    const members = await db.selectFrom('member').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(members.n)).toBe(result.members);
    expect((await differences(db)).total).toBe(0);
    expect(await nameTokenDifferences(db)).toEqual([]);
    // The vocabulary the load wrote itself, with the trigger off, is the one the trigger keeps.
    const words = await sql<{ missing: number; extra: number }>`
      with indexed as (select distinct w from member, unnest(tsvector_to_array(member_name_words(name_norm))) w)
      select (select count(*) from indexed where w not in (select word from member_name_word))::int as missing,
             (select count(*) from member_name_word where word not in (select w from indexed))::int as extra`.execute(db);
    expect(words.rows[0]).toEqual({ missing: 0, extra: 0 });
  });
});

describeEachEngine('seed bulk mode', (getDb) => {
  it('takes secondary indexes, foreign keys and triggers off and puts back the same definitions', async () => {
    const { db } = getDb();
    const before = await readBulkSchema(db, BULK_TABLES);
    expect(before.indexes.map((i) => i.name)).toContain('member_name_trgm_idx');
    expect(before.foreignKeys.length).toBeGreaterThan(0);
    expect(before.triggers).toEqual(
      ['member_name_token_delete', 'member_name_token_insert', 'member_name_token_update', 'member_name_word_add', 'member_name_word_update'].map((name) => ({ table: 'member', name })),
    );
    await dropBulkSchema(db, before);
    expect(await readBulkSchema(db, BULK_TABLES)).toEqual({ indexes: [], foreignKeys: [], triggers: [] });
    for (const ix of before.indexes) await createIndex(db, ix, '64MB');
    for (const fk of before.foreignKeys) await addForeignKey(db, fk, '64MB');
    await enableTriggers(db, before.triggers);
    expect(await readBulkSchema(db, BULK_TABLES)).toEqual(before);
  });
});

describe('national tree', () => {
  it('hangs the 34 provinces under one central node whose code does not prefix theirs', () => {
    const first = generateSeed({ scale: 'national', seed: 1, today: '2026-11-20', batchMembers: 1000 }).next();
    if (first.done) throw new Error('no batch');
    const orgLines = first.value.csv.org.join('').split('\n').filter(Boolean);
    const [rootId, rootCode, rootName, , rootType, , rootParent, rootPath] = orgLines[0]!.split(',');
    expect({ rootId, rootCode, rootName, rootType, rootParent, rootPath }).toEqual({
      rootId: '1',
      rootCode: 'TW',
      rootName: 'Đảng Cộng sản Việt Nam',
      rootType: 'central',
      rootParent: '',
      rootPath: '/1/',
    });
    const province = orgLines[1]!.split(',');
    expect(province[1]).toMatch(/^P\d\d$/);
    expect(province[4]).toBe('province');
    expect(province[6]).toBe('1');
    expect(province[7]).toMatch(/^\/1\/\d+\/$/);
    expect(seedTotals({ scale: 'national', seed: 1, today: '2026-11-20' }).orgs).toBeGreaterThan(250_000);
  });
});
