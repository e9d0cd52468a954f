import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.js';
import { fixedClock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { PROFESSIONAL_LEVELS, THEORY_LEVELS } from '../../domain/education.js';
import { ACTIVE_STATUSES, MEMBER_STATUSES, canTransition, type MemberStatus } from '../../domain/member-status.js';
import { ORG_KINDS, canContain, type OrgType } from '../../domain/org-type.js';
import type { DimRow } from '../../domain/stats-figures.js';
import { makeScope } from '../auth/scope.js';
import * as members from '../member/member.service.js';
import type { PatchMemberInput } from '../member/member.schema.js';
import { createOrg } from '../org/org-create.service.js';
import { dissolveOrg } from '../org/org-dissolve.service.js';
import { mergeOrg } from '../org/org-merge.service.js';
import { moveOrg } from '../org/org-move.service.js';
import { updateOrg } from '../org/org-update.service.js';
import { differences } from '../rollup/rollup.repository.js';
import { nameTokenDifferences } from '../member/member-token.repository.js';
import { staffContext, type ServiceContext } from '../service-context.js';
import { historyRows, pathsAsOf, recountRows } from './stats.repository.js';

// Random writes against the roll-ups, each through the service that does it in the app: member
// admissions, status changes, transfers between cells, attribute edits (member.service), cells
// founded, re-kinded, merged and dissolved, and subtree moves (org services). After every thousand
// writes the roll-ups must equal a full recount; at the end a corrupted row must be caught, and the
// history tables must give back the counts seen at checkpoints along the way.

const WRITES = Number(process.env.FUZZ_WRITES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261120);

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const ETHNICITIES = ['kinh', 'kinh', 'kinh', 'kinh', 'tay', 'thai', 'muong', 'hmong', 'khmer'];
const RELIGIONS = ['none', 'none', 'none', 'none', 'buddhism', 'catholicism', 'protestantism'];
// Renames keep the search's token rows (migration 0015) busy: diacritics, a repeated word, a
// name with an apostrophe whose word differs from its text.
const NAMES = ['Nguyễn Văn Hùng', 'Trần Thị Lan', 'Đặng Văn Hùng', "Ksor H'Hen", 'Nguyễn Nguyệt Ánh', 'Lê Minh'];
const EDUCATION = [null, '12/12', '9/12', '5/12', '10/10', '7/10', '4/10'];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const key = (r: DimRow) => `${r.dim}\u0000${r.val}`;
/** Rows as a map, keeping only the dimensions that do not depend on current member attributes. */
function dated(rows: readonly DimRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (['total', 'status', 'org_type', 'org_kind'].includes(r.dim) && Number(r.n) !== 0) out[key(r)] = Number(r.n);
  return out;
}
function all(rows: readonly DimRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (Number(r.n) !== 0) out[key(r)] = (out[key(r)] ?? 0) + Number(r.n);
  return out;
}

describeEachEngine(`roll-ups under ${WRITES} random writes through the services (seed ${SEED})`, (getDb) => {
  const rnd = prng(SEED);
  const memberIds: number[] = [];
  let date = '2000-01-01';
  let codes = 0;
  const checkpoints: { date: string; root: Record<string, number>; orgs: { id: number; rows: Record<string, number> }[] }[] = [];
  const everyone = makeScope(['/']);
  let db: Kysely<DB>;
  let ctx: ServiceContext;
  let rootId = 0;

  interface OrgNow {
    id: number;
    org_type: string;
    org_kind: string | null;
    parent_id: number | null;
    path: string;
    version: number;
  }
  const liveOrgs = async (): Promise<OrgNow[]> =>
    db.selectFrom('org').select(['id', 'org_type', 'org_kind', 'parent_id', 'path', 'version']).where('dissolved_on', 'is', null).orderBy('id').execute();
  const memberNow = async (id: number) =>
    db.selectFrom('member').select(['id', 'status', 'org_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const isHolder = (o: OrgNow) => o.org_type === 'cell' || o.org_type === 'grassroots_cell';

  async function found(type: OrgType, parentId: number | null): Promise<number> {
    const kind = type === 'province' || type === 'section' ? null : rnd.pick(ORG_KINDS);
    const code = `FZ${++codes}`;
    const org = await createOrg(ctx, { code, name: `Tổ chức ${code}`, orgType: type, orgKind: kind, parentId, foundedOn: date });
    return org.id;
  }

  // Birth years up to 1982 and Youth Union dates in 1998–2005 keep every generated record valid
  // (age ≥ 16 at an admission from 2000 on, events after birth) whatever is edited later.
  const randomBirth = () => `${1930 + rnd.int(53)}-${String(1 + rnd.int(12)).padStart(2, '0')}-${String(1 + rnd.int(28)).padStart(2, '0')}`;
  function randomEdit(): Omit<PatchMemberInput, 'version'> {
    const e: Omit<PatchMemberInput, 'version'> = {};
    if (rnd.chance(0.3)) e.sex = rnd.pick(['male', 'female'] as const);
    if (rnd.chance(0.3)) e.birthDate = randomBirth();
    if (rnd.chance(0.3)) e.ethnicity = rnd.pick(ETHNICITIES);
    if (rnd.chance(0.3)) e.religion = rnd.pick(RELIGIONS);
    if (rnd.chance(0.3)) e.theoryLevel = rnd.pick(THEORY_LEVELS);
    if (rnd.chance(0.3)) e.professionalLevel = rnd.chance(0.2) ? null : rnd.pick(PROFESSIONAL_LEVELS);
    if (rnd.chance(0.3)) e.generalEducation = rnd.pick(EDUCATION);
    if (rnd.chance(0.3)) e.youthUnionDate = rnd.chance(0.5) ? null : `${1998 + rnd.int(8)}-03-26`;
    if (rnd.chance(0.1)) e.fullName = rnd.pick(NAMES);
    return e;
  }

  async function admit(): Promise<boolean> {
    const org = rnd.pick((await liveOrgs()).filter(isHolder));
    const m = await members.createMember(ctx, {
      fullName: `Đảng viên Thử ${memberIds.length + 1}`,
      sex: rnd.pick(['male', 'female'] as const),
      birthDate: randomBirth(),
      status: rnd.chance(0.3) ? 'probationary' : 'official',
      statusSince: date,
      admissionDate: date,
      orgId: org.id,
      ...randomEdit(),
    });
    memberIds.push(m.id);
    return true;
  }

  async function changeOneStatus(): Promise<boolean> {
    const m = await memberNow(rnd.pick(memberIds));
    const from = m.status as MemberStatus;
    const to = MEMBER_STATUSES.filter((s) => canTransition(from, s));
    if (to.length === 0) return false;
    const status = rnd.pick(to);
    if (ACTIVE_STATUSES.includes(status) && !ACTIVE_STATUSES.includes(from)) {
      // A transfer back in is only generated to a live org (see the report: the service allows it to a dissolved one).
      const org = await db.selectFrom('org').select('dissolved_on').where('id', '=', m.org_id).executeTakeFirstOrThrow();
      if (org.dissolved_on !== null) return false;
    }
    await members.changeStatus(ctx, m.id, { status, effectiveDate: date, version: m.version });
    return true;
  }

  async function transfer(): Promise<boolean> {
    const m = await memberNow(rnd.pick(memberIds));
    if (!ACTIVE_STATUSES.includes(m.status as MemberStatus)) return false;
    const to = rnd.pick((await liveOrgs()).filter((o) => isHolder(o) && o.id !== m.org_id));
    await members.changePlacement(ctx, m.id, { orgId: to.id, effectiveDate: date, version: m.version });
    return true;
  }

  async function edit(): Promise<boolean> {
    const m = await memberNow(rnd.pick(memberIds));
    await members.updateMember(ctx, m.id, { version: m.version, ...randomEdit() });
    return true;
  }

  async function activeIn(orgId: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from member where org_id = ${orgId} and status in ('probationary', 'official', 'exempt')`.execute(db);
    return rows[0]!.n;
  }

  async function dissolveEmptyCell(): Promise<boolean> {
    const orgs = await liveOrgs();
    if (orgs.filter(isHolder).length <= 4) return false;
    const cells = orgs.filter((o) => o.org_type === 'cell');
    for (const c of cells.sort(() => rnd.next() - 0.5)) {
      if ((await activeIn(c.id)) === 0) {
        await dissolveOrg(ctx, c.id, { effectiveDate: date });
        return true;
      }
    }
    return false;
  }

  async function merge(): Promise<boolean> {
    const cells = (await liveOrgs()).filter((o) => o.org_type === 'cell');
    if (cells.length <= 4) return false;
    const source = rnd.pick(cells);
    const target = rnd.pick(cells.filter((c) => c.id !== source.id));
    await mergeOrg(ctx, source.id, { targetId: target.id, effectiveDate: date });
    return true;
  }

  async function moveSubtree(): Promise<boolean> {
    const orgs = await liveOrgs();
    const movable = orgs.filter((o) => ['cell', 'section', 'grassroots_committee', 'grassroots_cell', 'superior'].includes(o.org_type));
    const o = rnd.pick(movable);
    const parents = orgs.filter((p) => canContain(p.org_type as OrgType, o.org_type as OrgType) && !p.path.startsWith(o.path) && p.id !== o.parent_id);
    if (parents.length === 0) return false;
    await moveOrg(ctx, o.id, { newParentId: rnd.pick(parents).id, effectiveDate: date });
    return true;
  }

  async function changeKind(): Promise<boolean> {
    const o = rnd.pick((await liveOrgs()).filter((x) => x.org_type !== 'province'));
    const kind = rnd.chance(0.15) ? null : rnd.pick(ORG_KINDS);
    if (kind === o.org_kind) return false;
    await updateOrg(ctx, o.id, { version: o.version, orgKind: kind, effectiveDate: date });
    return true;
  }

  async function foundCell(): Promise<boolean> {
    const parents = (await liveOrgs()).filter((o) => o.org_type === 'grassroots_committee' || o.org_type === 'section');
    await found('cell', rnd.pick(parents).id);
    return true;
  }

  async function checkpoint(): Promise<void> {
    const sample = [{ id: rootId, path: `/${rootId}/` }, ...(await liveOrgs())].filter((_, i) => i % 4 === 0);
    const root = dated(await recountRows(db, everyone, null));
    const perOrg = [];
    for (const o of sample) perOrg.push({ id: o.id, rows: dated(await recountRows(db, everyone, [o.path])) });
    checkpoints.push({ date, root, orgs: perOrg });
  }

  beforeAll(async () => {
    db = getDb().db;
    ctx = staffContext(db, fixedClock('2030-01-01T03:00:00Z'), everyone.paths);
    rootId = await found('province', null);
    for (let s = 0; s < 2; s++) {
      const sup = await found('superior', rootId);
      for (let g = 0; g < 2; g++) {
        const gc = await found('grassroots_committee', sup);
        const sec = await found('section', gc);
        for (let c = 0; c < 2; c++) await found('cell', gc);
        for (let c = 0; c < 2; c++) await found('cell', sec);
      }
      await found('grassroots_cell', sup);
    }
  });

  it(
    'keeps every roll-up equal to a recount, and catches a corrupted row',
    async () => {
      const done: Record<string, number> = {};
      let checkpointDue = false;
      let dayHadDatedChange = false;
      for (let i = 0; i < WRITES; i++) {
        // Several writes a day, so that as-of reads meet same-day changes. Checkpoints are taken
        // at the end of a day (its writes all in) on which a status or placement changed, so that
        // the history read meets intervals ending and starting on the very date it asks about.
        if (rnd.chance(0.35)) {
          if (checkpointDue && dayHadDatedChange) {
            await checkpoint();
            checkpointDue = false;
          }
          dayHadDatedChange = false;
          date = addDays(date, 1 + rnd.int(3));
        }
        const r = rnd.next();
        let op: string;
        let ok: boolean;
        if (memberIds.length < 50 || r < 0.22) [op, ok] = ['admit', await admit()];
        else if (r < 0.4) [op, ok] = ['status', await changeOneStatus()];
        else if (r < 0.63) [op, ok] = ['transfer', await transfer()];
        else if (r < 0.9) [op, ok] = ['edit', await edit()];
        else if (r < 0.92) [op, ok] = ['found', await foundCell()];
        else if (r < 0.94) [op, ok] = ['dissolve', await dissolveEmptyCell()];
        else if (r < 0.95) [op, ok] = ['merge', await merge()];
        else if (r < 0.97) [op, ok] = ['kind', await changeKind()];
        else [op, ok] = ['move_subtree', await moveSubtree()];
        if (ok) done[op] = (done[op] ?? 0) + 1;
        if (ok && ['status', 'transfer', 'merge'].includes(op)) dayHadDatedChange = true;
        if ((i + 1) % 1000 === 0 || i + 1 === WRITES) {
          const diff = await differences(db);
          expect(diff.rows.slice(0, 5), `after ${i + 1} writes (${JSON.stringify(done)})`).toEqual([]);
          expect(diff.total).toBe(0);
          expect(await nameTokenDifferences(db, 5), `search tokens after ${i + 1} writes`).toEqual([]);
        }
        if ((i + 1) % Math.max(1, Math.floor(WRITES / 40)) === 0) checkpointDue = true;
      }
      // Every kind of write happened, several times.
      for (const op of ['admit', 'status', 'transfer', 'edit', 'found', 'dissolve', 'merge', 'kind', 'move_subtree']) {
        expect(done[op] ?? 0, `${op} in ${JSON.stringify(done)}`).toBeGreaterThan(WRITES >= 1000 ? 2 : 0);
      }

      // A deliberate corruption of one stored count is caught, naming the row.
      const victim = await db.selectFrom('org_rollup').select(['org_id', 'dim', 'val', 'n']).where('dim', '=', 'sex').where('n', '>', 0).executeTakeFirstOrThrow();
      await sql`update org_rollup set n = n + 1 where org_id = ${victim.org_id} and dim = ${victim.dim} and val = ${victim.val}`.execute(db);
      const caught = await differences(db);
      expect(caught.total).toBe(1);
      expect(caught.rows[0]).toMatchObject({ org_id: victim.org_id, dim: victim.dim, val: victim.val, stored: Number(victim.n) + 1, expected: Number(victim.n) });
      await sql`update org_rollup set n = n - 1 where org_id = ${victim.org_id} and dim = ${victim.dim} and val = ${victim.val}`.execute(db);
      expect((await differences(db)).total).toBe(0);
    },
    600_000,
  );

  it('gives back, from the history tables, the counts each checkpoint saw', async () => {
    expect(checkpoints.length).toBeGreaterThanOrEqual(Math.min(20, WRITES / 100));
    for (const cp of checkpoints) {
      expect(dated(await historyRows(db, everyone, null, cp.date)), `root as of ${cp.date}`).toEqual(cp.root);
      for (const o of cp.orgs) {
        const paths = await pathsAsOf(db, everyone, [o.id], cp.date);
        expect(dated(await historyRows(db, everyone, paths, cp.date)), `org ${o.id} as of ${cp.date}`).toEqual(o.rows);
      }
    }
    // As of the last write's date (its day is complete) the history gives today's state in every dimension.
    expect(all(await historyRows(db, everyone, null, date))).toEqual(all(await recountRows(db, everyone, null)));
  }, 300_000);
});
