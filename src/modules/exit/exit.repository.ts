import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, ExemptionRow, RemovalCaseRow } from '../../db/types.js';
import { insertIfInScope } from '../auth/scoped-insert.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// All SQL of removal cases and exemptions. Every read or write takes the caller's scope and
// filters on the row's org_path in SQL: an out-of-scope id looks missing.

type Db = Kysely<DB> | Transaction<DB>;

/** The `org=` filter: the chosen org's subtree (already checked to be in scope), or everything. */
function underOrg(path: string | null, column: string) {
  return path === null ? sql<SqlBool>`true` : inScope(makeScope([path]), column);
}

export function findOrgPath(db: Db, scope: Scope, orgId: number): Promise<{ path: string } | undefined> {
  return db.selectFrom('org').select('path').where('id', '=', orgId).where(inScope(scope, 'path')).executeTakeFirst();
}

// ---- removal cases ---------------------------------------------------------------------------

/** Whether the member has a removal case not yet closed (any scope: it is the member's own). */
export async function openRemovalExists(db: Db, memberId: number): Promise<boolean> {
  return (await db.selectFrom('removal_case').select('id').where('member_id', '=', memberId).where('closed_on', 'is', null).executeTakeFirst()) !== undefined;
}

export type RemovalWithMember = RemovalCaseRow & { full_name: string; birth_date: string; member_status: string };

function removalQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('removal_case as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .selectAll('c')
    .select(['m.full_name', 'm.birth_date', 'm.status as member_status'])
    .where(inScope(scope, 'c.org_path'));
}

export function findRemoval(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<RemovalWithMember | undefined> {
  let q = removalQuery(db, scope).where('c.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export async function listRemovals(db: Db, scope: Scope, f: { states: string[] | null; orgPath: string | null; memberId: number | null; limit: number; offset: number }) {
  let q = removalQuery(db, scope).where(underOrg(f.orgPath, 'c.org_path'));
  if (f.states) q = q.where('c.state', 'in', f.states);
  if (f.memberId !== null) q = q.where('c.member_id', '=', f.memberId);
  const [items, count] = await Promise.all([
    q.orderBy('c.opened_on', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export interface NewRemoval {
  member_id: number;
  org_id: number;
  needs_grassroots_resolution: boolean;
  state: string;
  opened_on: string;
  grounds: string;
  grounds_note: string | null;
  member_status_before: string;
}

/** Inserts the case only if its org is in the scope, checked in the same statement; undefined when it is not. */
export function insertRemoval(db: Db, scope: Scope, row: NewRemoval): Promise<RemovalCaseRow | undefined> {
  return insertIfInScope(db, scope, 'removal_case', row, { table: 'org', id: row.org_id, pathInto: 'org_path' }, { grounds: 'jsonb' })
    .returningAll()
    .executeTakeFirst();
}

/** Open cases after `afterId` in id order, a batch at a time, for the daily due-items job. */
export function openRemovalsAfter(db: Db, scope: Scope, afterId: number, limit: number): Promise<RemovalWithMember[]> {
  return removalQuery(db, scope).where('c.closed_on', 'is', null).where('c.id', '>', afterId).orderBy('c.id').limit(limit).execute();
}

// ---- exemptions ------------------------------------------------------------------------------

export type ExemptionWithMember = ExemptionRow & { full_name: string; member_status: string };

function exemptionQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('exemption as e')
    .innerJoin('member as m', 'm.id', 'e.member_id')
    .selectAll('e')
    .select(['m.full_name', 'm.status as member_status'])
    .where(inScope(scope, 'e.org_path'));
}

export function findExemption(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<ExemptionWithMember | undefined> {
  let q = exemptionQuery(db, scope).where('e.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('e');
  return q.executeTakeFirst();
}

export async function openExemptionExists(db: Db, memberId: number): Promise<boolean> {
  return (await db.selectFrom('exemption').select('id').where('member_id', '=', memberId).where('ended_on', 'is', null).executeTakeFirst()) !== undefined;
}

export async function listExemptions(db: Db, scope: Scope, f: { current: boolean | null; orgPath: string | null; memberId: number | null; limit: number; offset: number }) {
  let q = exemptionQuery(db, scope).where(underOrg(f.orgPath, 'e.org_path'));
  if (f.current !== null) q = q.where('e.ended_on', f.current ? 'is' : 'is not', null);
  if (f.memberId !== null) q = q.where('e.member_id', '=', f.memberId);
  const [items, count] = await Promise.all([
    q.orderBy('e.from_date', 'desc').orderBy('e.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export interface NewExemption {
  member_id: number;
  org_id: number;
  kind: string;
  other_reason: string | null;
  from_date: string;
  to_date: string | null;
  decided_by: string;
  decision_date: string;
  decision_no: string | null;
  documents: string;
  notes: string | null;
}

/** Inserts the exemption only if its org is in the scope, checked in the same statement. */
export function insertExemption(db: Db, scope: Scope, row: NewExemption): Promise<ExemptionRow | undefined> {
  const cols = (Object.keys(row) as (keyof NewExemption)[]).filter((k) => k !== 'org_id');
  return db
    .insertInto('exemption')
    .columns([...cols, 'org_id', 'org_path'])
    .expression(
      db
        .selectFrom('org as o')
        .select([...cols.map((c) => (c === 'documents' ? sql`cast(${row[c]} as jsonb)` : sql`${row[c] ?? null}`).as(c)), 'o.id as org_id', 'o.path as org_path'])
        .where('o.id', '=', row.org_id)
        .where(inScope(scope, 'o.path')),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function endExemptionAtVersion(db: Db, scope: Scope, id: number, version: number, set: { ended_on: string; end_decision_no: string | null; updated_at: Date }): Promise<number> {
  const r = await db
    .updateTable('exemption')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('ended_on', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Exemptions in force after `afterId` in id order, for the daily due-items job. */
export function openExemptionsAfter(db: Db, scope: Scope, afterId: number, limit: number): Promise<ExemptionWithMember[]> {
  return exemptionQuery(db, scope).where('e.ended_on', 'is', null).where('e.id', '>', afterId).orderBy('e.id').limit(limit).execute();
}
