import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { subtreeUpperBound } from '../../db/tree-path.js';
import { inScope, type Scope } from '../auth/scope.js';
import { itemRows } from './due.diff.js';

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
  return itemRows([c]).map((r) => ({ ...r, case_kind: kind, computed_on: today }));
}

/** Replaces the items of one case with its current deadlines (none for a closed case). */
export async function replaceCaseItems(tx: Transaction<DB>, kind: string, c: CaseDue, today: string): Promise<void> {
  await tx.deleteFrom('due_item').where('case_kind', '=', kind).where('case_id', '=', c.caseId).execute();
  const rows = rowsOf(kind, c, today);
  if (rows.length > 0) await tx.insertInto('due_item').values(rows).execute();
}

/** Removes the items of `kind` about one member (their case ids found again by the caller). */
export async function removeMemberItems(tx: Transaction<DB>, kind: string, memberId: number): Promise<void> {
  await tx.deleteFrom('due_item').where('case_kind', '=', kind).where('member_id', '=', memberId).execute();
}

/** A due_item row as the daily job compares it: its key, and what a recomputation may change. */
export interface StoredItem {
  id: number;
  case_id: number;
  step: string;
  rule_id: string;
  due_on: string;
  due_with_extension: string | null;
  org_id: number;
  subject_name: string;
  member_id: number | null;
}

export type NewItem = Omit<StoredItem, 'id'>;

/** The items of `kind` with case ids in (afterId, upToId] (no upper bound when null): one range scan of the unique key. */
export function itemsOfRange(tx: Transaction<DB>, kind: string, afterId: number, upToId: number | null): Promise<StoredItem[]> {
  let q = tx
    .selectFrom('due_item')
    .select(['id', 'case_id', 'step', 'rule_id', 'due_on', 'due_with_extension', 'org_id', 'subject_name', 'member_id'])
    .where('case_kind', '=', kind)
    .where('case_id', '>', afterId);
  if (upToId !== null) q = q.where('case_id', '<=', upToId);
  return q.execute();
}

/**
 * The count and digest of the items of `kind` with case ids in (afterId, upToId], in the form
 * due.diff `fingerprint` computes for the recomputed rows: one row travels instead of thousands
 * when nothing changed (the daily job's usual day).
 */
export async function rangeFingerprint(tx: Transaction<DB>, kind: string, afterId: number, upToId: number | null): Promise<{ n: number; hash: string | null }> {
  const upTo = upToId === null ? sql`true` : sql`case_id <= ${upToId}`;
  const { rows } = await sql<{ n: number; hash: string | null }>`
    select count(*)::int as n,
      md5(string_agg(concat_ws(chr(31), case_id::text, step, rule_id, due_on::text, coalesce(due_with_extension::text, ''), org_id::text, subject_name, coalesce(member_id::text, '')),
        chr(10) order by case_id, step collate "C", rule_id collate "C")) as hash
    from due_item
    where case_kind = ${kind} and case_id > ${afterId} and ${upTo}`.execute(tx);
  return { n: Number(rows[0]!.n), hash: rows[0]!.hash };
}

/** Rows as one array per column: a handful of parameters per statement, however many rows. */
function columns<R, K extends keyof R>(rows: readonly R[], keys: readonly K[]) {
  return keys.map((k) => sql.val(rows.map((r) => r[k])));
}

export async function insertItems(tx: Transaction<DB>, kind: string, rows: readonly NewItem[], today: string): Promise<void> {
  if (rows.length === 0) return;
  const [caseId, step, ruleId, dueOn, ext, orgId, name, memberId] = columns(rows, ['case_id', 'step', 'rule_id', 'due_on', 'due_with_extension', 'org_id', 'subject_name', 'member_id']);
  await sql`
    insert into due_item (case_kind, case_id, step, rule_id, due_on, due_with_extension, org_id, subject_name, member_id, computed_on)
    select ${kind}, n.*, ${today}::date
    from unnest(${caseId}::bigint[], ${step}::text[], ${ruleId}::text[], ${dueOn}::date[], ${ext}::date[], ${orgId}::bigint[], ${name}::text[], ${memberId}::bigint[])
      as n(case_id, step, rule_id, due_on, due_with_extension, org_id, subject_name, member_id)`.execute(tx);
}

export async function updateItems(tx: Transaction<DB>, rows: readonly StoredItem[], today: string): Promise<void> {
  if (rows.length === 0) return;
  const [id, dueOn, ext, orgId, name, memberId] = columns(rows, ['id', 'due_on', 'due_with_extension', 'org_id', 'subject_name', 'member_id']);
  await sql`
    update due_item d
    set due_on = n.due_on, due_with_extension = n.due_with_extension, org_id = n.org_id, subject_name = n.subject_name, member_id = n.member_id, computed_on = ${today}::date
    from unnest(${id}::bigint[], ${dueOn}::date[], ${ext}::date[], ${orgId}::bigint[], ${name}::text[], ${memberId}::bigint[])
      as n(id, due_on, due_with_extension, org_id, subject_name, member_id)
    where d.id = n.id`.execute(tx);
}

export async function deleteItems(tx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`delete from due_item where id = any(${sql.val(ids)}::bigint[])`.execute(tx);
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
      .select(['d.id', 'd.case_kind', 'd.case_id', 'd.step', 'd.rule_id', 'd.due_on', 'd.due_with_extension', 'd.subject_name', 'd.member_id', 'd.org_id', 'o.name as org_name'])
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
    .select(['d.id', 'd.case_kind', 'd.case_id', 'd.step', 'd.rule_id', 'd.due_on', 'd.due_with_extension', 'd.subject_name', 'd.member_id', 'd.org_id', 'o.name as org_name'])
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
