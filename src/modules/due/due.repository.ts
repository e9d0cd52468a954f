import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { subtreeUpperBound } from '../../db/tree-path.js';
import { inScope, type Scope } from '../auth/scope.js';

// SQL of the due list (issue 5 item 9). Scope is the current path of each item's org, joined at
// read time, so a moved org takes its items along without a write here.

type Db = Kysely<DB> | Transaction<DB>;

/** One open deadline of a case, as its case module computes it. */
export interface DueEntry {
  step: string;
  ruleId: string;
  due: string;
  dueWithExtension: string | null;
}

/** A case with what is due on it: the rows due_item holds for it. */
export interface CaseDue {
  caseId: number;
  orgId: number;
  subjectName: string;
  memberId: number | null;
  deadlines: readonly DueEntry[];
}

function rowsOf(kind: string, c: CaseDue, today: string) {
  return c.deadlines.map((d) => ({
    case_kind: kind,
    case_id: c.caseId,
    step: d.step,
    rule_id: d.ruleId,
    due_on: d.due,
    due_with_extension: d.dueWithExtension,
    org_id: c.orgId,
    subject_name: c.subjectName,
    member_id: c.memberId,
    computed_on: today,
  }));
}

/** Replaces the items of one case with its current deadlines (none for a closed case). */
export async function replaceCaseItems(tx: Transaction<DB>, kind: string, c: CaseDue, today: string): Promise<void> {
  await tx.deleteFrom('due_item').where('case_kind', '=', kind).where('case_id', '=', c.caseId).execute();
  const rows = rowsOf(kind, c, today);
  if (rows.length > 0) await tx.insertInto('due_item').values(rows).execute();
}

/** What the daily job changed for a range of cases: rows written (new or different) and rows removed. */
export interface SyncCount {
  written: number;
  removed: number;
}

/**
 * Makes the items of `kind` with case ids in (afterId, upToId] exactly the deadlines of `cases`
 * (the open cases of that range), writing only the difference: a row identical to the stored one
 * is left alone, so a day with nothing new writes nothing. One statement: the rows travel as one
 * array per column (a handful of parameters, not ten per row); the delete (rows no longer due)
 * and the upsert touch disjoint keys.
 */
export async function syncCaseRange(tx: Transaction<DB>, kind: string, afterId: number, upToId: number | null, cases: readonly CaseDue[], today: string): Promise<SyncCount> {
  const rows = cases.flatMap((c) => rowsOf(kind, c, today));
  const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.val(rows.map((r) => r[k]));
  const upTo = upToId === null ? sql`true` : sql`d.case_id <= ${upToId}`;
  const { rows: out } = await sql<{ written: number; removed: number }>`
    with n as (
      select * from unnest(${col('case_id')}::bigint[], ${col('step')}::text[], ${col('rule_id')}::text[], ${col('due_on')}::date[],
        ${col('due_with_extension')}::date[], ${col('org_id')}::bigint[], ${col('subject_name')}::text[], ${col('member_id')}::bigint[])
        as n(case_id, step, rule_id, due_on, due_with_extension, org_id, subject_name, member_id)),
    gone as (
      delete from due_item d
      where d.case_kind = ${kind} and d.case_id > ${afterId} and ${upTo}
        and not exists (select 1 from n where n.case_id = d.case_id and n.step = d.step and n.rule_id = d.rule_id)
      returning 1),
    put as (
      insert into due_item as d (case_kind, case_id, step, rule_id, due_on, due_with_extension, org_id, subject_name, member_id, computed_on)
      select ${kind}, n.case_id, n.step, n.rule_id, n.due_on, n.due_with_extension, n.org_id, n.subject_name, n.member_id, ${today}::date from n
      on conflict (case_kind, case_id, step, rule_id) do update
        set due_on = excluded.due_on, due_with_extension = excluded.due_with_extension, org_id = excluded.org_id,
            subject_name = excluded.subject_name, member_id = excluded.member_id, computed_on = excluded.computed_on
        where (d.due_on, d.due_with_extension, d.org_id, d.subject_name, d.member_id)
          is distinct from (excluded.due_on, excluded.due_with_extension, excluded.org_id, excluded.subject_name, excluded.member_id)
      returning 1)
    select (select count(*) from put)::int as written, (select count(*) from gone)::int as removed`.execute(tx);
  return { written: Number(out[0]!.written), removed: Number(out[0]!.removed) };
}

export interface DueFilter {
  /** The org whose subtree is listed; null for the whole scope. */
  orgPath: string | null;
  /** Due dates on or before this day (overdue, in extension, due soon); null for all. */
  dueUntil: string | null;
  /** Only items whose final date (the extension's when there is one) has passed this day. */
  overdueOn: string | null;
}

function filtered(db: Db, scope: Scope, f: DueFilter) {
  let q = db.selectFrom('due_item as d').innerJoin('org as o', 'o.id', 'd.org_id').where(inScope(scope, 'o.path'));
  if (f.orgPath !== null) q = q.where('o.path', '>=', f.orgPath).where('o.path', '<', subtreeUpperBound(f.orgPath));
  if (f.dueUntil !== null) q = q.where('d.due_on', '<=', f.dueUntil);
  if (f.overdueOn !== null) q = q.where(sql<boolean>`coalesce(d.due_with_extension, d.due_on) < ${f.overdueOn}`);
  return q;
}

export async function listItems(db: Db, scope: Scope, f: DueFilter, limit: number, offset: number) {
  const q = filtered(db, scope, f);
  const [items, count] = await Promise.all([
    q
      .select(['d.id', 'd.case_kind', 'd.case_id', 'd.step', 'd.rule_id', 'd.due_on', 'd.due_with_extension', 'd.subject_name', 'd.org_id', 'o.name as org_name'])
      .orderBy('d.due_on')
      .orderBy('d.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Counts for the dashboard: items past their final date, past the first date only, and due within the window. */
export async function countItems(db: Db, scope: Scope, orgPath: string | null, today: string, soonUntil: string) {
  const row = await filtered(db, scope, { orgPath, dueUntil: null, overdueOn: null })
    .select([
      sql<string>`count(*) filter (where coalesce(d.due_with_extension, d.due_on) < ${today})`.as('overdue'),
      sql<string>`count(*) filter (where d.due_on < ${today} and d.due_with_extension >= ${today})`.as('in_extension'),
      sql<string>`count(*) filter (where d.due_on >= ${today} and d.due_on <= ${soonUntil})`.as('soon'),
      sql<string>`count(*)`.as('total'),
    ])
    .executeTakeFirstOrThrow();
  return { overdue: Number(row.overdue), inExtension: Number(row.in_extension), soon: Number(row.soon), total: Number(row.total) };
}

/** The items of one member's own cases (a probationary member's self-review …), by identity, not by scope. */
export function itemsOfMember(db: Db, memberId: number) {
  return db
    .selectFrom('due_item as d')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.case_kind', 'd.case_id', 'd.step', 'd.rule_id', 'd.due_on', 'd.due_with_extension', 'd.subject_name', 'd.org_id', 'o.name as org_name'])
    .where('d.member_id', '=', memberId)
    .orderBy('d.due_on')
    .orderBy('d.id')
    .execute();
}

export async function lastRun(db: Db, name: string): Promise<string | null> {
  const row = await db.selectFrom('job_run').select('last_run_on').where('name', '=', name).executeTakeFirst();
  return row?.last_run_on ?? null;
}

export async function recordRun(tx: Transaction<DB>, name: string, day: string, details: Record<string, unknown>): Promise<void> {
  await tx
    .insertInto('job_run')
    .values({ name, last_run_on: day, finished_at: new Date(), details: JSON.stringify(details) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_on: day, finished_at: new Date(), details: JSON.stringify(details) }))
    .execute();
}

export async function orgPathInScope(db: Db, scope: Scope, orgId: number): Promise<string | null> {
  const row = await db.selectFrom('org').select('path').where('id', '=', orgId).where(inScope(scope, 'org.path')).executeTakeFirst();
  return row?.path ?? null;
}
