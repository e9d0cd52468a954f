import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.js';
import type { DB } from '../../db/types.js';
import { ORG_KINDS, canContain, holdsMembers, type OrgType } from '../../domain/org-type.js';
import { ACTIVE_STATUSES, MEMBER_STATUSES, canTransition, type MemberStatus } from '../../domain/member-status.js';
import type { DimRow } from '../../domain/stats-figures.js';
import { makeScope } from '../auth/scope.js';
import { differences } from '../rollup/rollup.repository.js';
import { historyRows, pathsAsOf, recountRows } from './stats.repository.js';
import { changeStatus, createMember, createOrg, dissolveOrg, editMember, moveMember, moveOrg, type MemberEdit } from './test-writes.js';

// Random writes against the roll-ups: member admissions, status changes, transfers between
// cells, attribute edits, cells founded and dissolved, and subtree moves — each in its own
// transaction that updates the base tables and applies the roll-up delta, as the services do.
// After every thousand writes the roll-ups must equal a full recount; at the end a corrupted
// row must be caught, and the history tables must give back the counts seen at checkpoints.

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
const THEORY = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'];
const PROFESSIONAL = [null, 'vocational', 'intermediate', 'college', 'university', 'master', 'doctor'];
const EDUCATION = [null, '12/12', '9/12', '5/12', '10/10', '7/10', '4/10', 'lớp 12'];

interface FuzzOrg {
  id: number;
  type: OrgType;
  live: boolean;
}

interface FuzzMember {
  id: number;
  status: MemberStatus;
  orgId: number;
}

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

async function pathOf(db: Kysely<DB>, id: number): Promise<string> {
  return (await db.selectFrom('org').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
}

describeEachEngine(`roll-ups under ${WRITES} random writes (seed ${SEED})`, (getDb) => {
  const rnd = prng(SEED);
  const orgs: FuzzOrg[] = [];
  const members: FuzzMember[] = [];
  let date = '2000-01-01';
  const checkpoints: { date: string; root: Record<string, number>; orgs: { id: number; rows: Record<string, number> }[] }[] = [];
  const everyone = makeScope(['/']);
  let db: Kysely<DB>;
  let rootId = 0;

  async function found(type: OrgType, parentId: number | null): Promise<FuzzOrg> {
    const kind = type === 'province' || type === 'section' ? null : rnd.pick(ORG_KINDS);
    const { id } = await createOrg(db, { type, kind, parentId, foundedOn: date });
    const o = { id, type, live: true };
    orgs.push(o);
    return o;
  }

  const holders = () => orgs.filter((o) => o.live && holdsMembers(o.type) && o.type !== 'group');
  const randomBirth = () => `${1940 + rnd.int(62)}-${String(1 + rnd.int(12)).padStart(2, '0')}-${String(1 + rnd.int(28)).padStart(2, '0')}`;
  function randomEdit(): MemberEdit {
    const e: MemberEdit = {};
    if (rnd.chance(0.3)) e.sex = rnd.pick(['male', 'female']);
    if (rnd.chance(0.3)) e.birth_date = randomBirth();
    if (rnd.chance(0.3)) e.ethnicity = rnd.pick(ETHNICITIES);
    if (rnd.chance(0.3)) e.religion = rnd.pick(RELIGIONS);
    if (rnd.chance(0.3)) e.theory_level = rnd.pick(THEORY);
    if (rnd.chance(0.3)) e.professional_level = rnd.pick(PROFESSIONAL);
    if (rnd.chance(0.3)) e.general_education = rnd.pick(EDUCATION);
    if (rnd.chance(0.3)) e.youth_union_date = rnd.chance(0.5) ? null : `${1990 + rnd.int(30)}-03-26`;
    return e;
  }

  async function admit(): Promise<void> {
    const org = rnd.pick(holders());
    const status = rnd.chance(0.3) ? 'probationary' : 'official';
    const id = await createMember(db, { orgId: org.id, since: date, status, birth_date: randomBirth(), sex: rnd.pick(['male', 'female']), ...randomEdit() });
    members.push({ id, status, orgId: org.id });
  }

  async function changeOneStatus(): Promise<boolean> {
    const m = rnd.pick(members);
    const to = MEMBER_STATUSES.filter((s) => canTransition(m.status, s));
    if (to.length === 0) return false;
    const status = rnd.pick(to);
    // A member comes back (transfer in) only to a live org; a real transfer in would place them.
    if (ACTIVE_STATUSES.includes(status) && !ACTIVE_STATUSES.includes(m.status) && !orgs.find((o) => o.id === m.orgId)?.live) return false;
    await changeStatus(db, m.id, status, date);
    m.status = status;
    return true;
  }

  async function transfer(): Promise<boolean> {
    const onRolls = members.filter((m) => ACTIVE_STATUSES.includes(m.status));
    if (onRolls.length === 0) return false;
    const m = rnd.pick(onRolls);
    const to = rnd.pick(holders());
    if (to.id === m.orgId) return false;
    await moveMember(db, m.id, to.id, date);
    m.orgId = to.id;
    return true;
  }

  async function edit(): Promise<boolean> {
    const m = rnd.pick(members);
    await editMember(db, m.id, randomEdit());
    return true;
  }

  async function dissolveEmptyCell(): Promise<boolean> {
    const candidates = orgs.filter(
      (o) =>
        o.live &&
        o.type === 'cell' &&
        !members.some((m) => m.orgId === o.id && ACTIVE_STATUSES.includes(m.status)) &&
        holders().length > 3,
    );
    if (candidates.length === 0) return false;
    const o = rnd.pick(candidates);
    await dissolveOrg(db, o.id, date);
    o.live = false;
    return true;
  }

  async function moveSubtree(): Promise<boolean> {
    const movable = orgs.filter((o) => o.live && ['cell', 'section', 'grassroots_committee', 'grassroots_cell', 'superior'].includes(o.type));
    const o = rnd.pick(movable);
    const oPath = await pathOf(db, o.id);
    const parents = [];
    for (const p of orgs.filter((p) => p.live && canContain(p.type, o.type))) {
      const pPath = await pathOf(db, p.id);
      if (!pPath.startsWith(oPath) && !oPath.endsWith(`/${p.id}/${o.id}/`)) parents.push(p);
    }
    if (parents.length === 0) return false;
    await moveOrg(db, o.id, rnd.pick(parents).id, date);
    return true;
  }

  async function foundCell(): Promise<boolean> {
    const parents = orgs.filter((o) => o.live && (o.type === 'grassroots_committee' || o.type === 'section'));
    await found('cell', rnd.pick(parents).id);
    return true;
  }

  async function checkpoint(): Promise<void> {
    const sample = [rootId, ...orgs.filter((o) => o.live).map((o) => o.id)].filter((_, i) => i % 4 === 0);
    const root = dated(await recountRows(db, everyone, null));
    const perOrg = [];
    for (const id of sample) perOrg.push({ id, rows: dated(await recountRows(db, everyone, [await pathOf(db, id)])) });
    checkpoints.push({ date, root, orgs: perOrg });
  }

  beforeAll(async () => {
    db = getDb().db;
    const root = await found('province', null);
    rootId = root.id;
    for (let s = 0; s < 2; s++) {
      const sup = await found('superior', root.id);
      for (let g = 0; g < 2; g++) {
        const gc = await found('grassroots_committee', sup.id);
        const sec = await found('section', gc.id);
        for (let c = 0; c < 2; c++) await found('cell', gc.id);
        for (let c = 0; c < 2; c++) await found('cell', sec.id);
      }
      await found('grassroots_cell', sup.id);
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
        if (members.length < 50 || r < 0.22) [op, ok] = ['admit', (await admit(), true)];
        else if (r < 0.4) [op, ok] = ['status', await changeOneStatus()];
        else if (r < 0.65) [op, ok] = ['transfer', await transfer()];
        else if (r < 0.93) [op, ok] = ['edit', await edit()];
        else if (r < 0.95) [op, ok] = ['found', await foundCell()];
        else if (r < 0.97) [op, ok] = ['dissolve', await dissolveEmptyCell()];
        else [op, ok] = ['move_subtree', await moveSubtree()];
        if (ok) done[op] = (done[op] ?? 0) + 1;
        if (ok && (op === 'status' || op === 'transfer')) dayHadDatedChange = true;
        if ((i + 1) % 1000 === 0 || i + 1 === WRITES) {
          const diff = await differences(db);
          expect(diff.rows.slice(0, 5), `after ${i + 1} writes (${JSON.stringify(done)})`).toEqual([]);
          expect(diff.total).toBe(0);
        }
        if ((i + 1) % Math.max(1, Math.floor(WRITES / 40)) === 0) checkpointDue = true;
      }
      // Every kind of write happened, several times.
      for (const op of ['admit', 'status', 'transfer', 'edit', 'found', 'dissolve', 'move_subtree']) expect(done[op] ?? 0, op).toBeGreaterThan(2);

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
      expect(dated(await historyRows(db, null, cp.date)), `root as of ${cp.date}`).toEqual(cp.root);
      for (const o of cp.orgs) {
        const paths = await pathsAsOf(db, [o.id], cp.date);
        expect(dated(await historyRows(db, paths, cp.date)), `org ${o.id} as of ${cp.date}`).toEqual(o.rows);
      }
    }
    // As of the last write's date (its day is complete) the history gives today's state in every dimension.
    expect(all(await historyRows(db, null, date))).toEqual(all(await recountRows(db, everyone, null)));
  });
});
