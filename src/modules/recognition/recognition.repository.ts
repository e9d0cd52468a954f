import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, RecognitionCaseRow } from '../../db/types.js';
import { insertIfInScope } from '../auth/scoped-insert.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// All SQL of recognition cases. Every read or write of a case takes the caller's scope and filters
// on its org_path in SQL: an out-of-scope id looks missing.

type Db = Kysely<DB> | Transaction<DB>;

/** The `org=` filter: the chosen org's subtree (already checked to be in scope), or everything. */
function underOrg(path: string | null, column: string) {
  return path === null ? sql<SqlBool>`true` : inScope(makeScope([path]), column);
}

export function findOrgPath(db: Db, scope: Scope, orgId: number): Promise<{ path: string } | undefined> {
  return db.selectFrom('org').select('path').where('id', '=', orgId).where(inScope(scope, 'path')).executeTakeFirst();
}

/** Whether the member has a recognition case not yet closed (any scope: it is the member's own). */
export async function openCaseExists(db: Db, memberId: number): Promise<boolean> {
  return (await db.selectFrom('recognition_case').select('id').where('member_id', '=', memberId).where('closed_on', 'is', null).executeTakeFirst()) !== undefined;
}

export type CaseWithMember = RecognitionCaseRow & { full_name: string; birth_date: string; member_status: string };

function caseQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('recognition_case as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .selectAll('c')
    .select(['m.full_name', 'm.birth_date', 'm.status as member_status'])
    .where(inScope(scope, 'c.org_path'));
}

export function findCase(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<CaseWithMember | undefined> {
  let q = caseQuery(db, scope).where('c.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export async function listCases(db: Db, scope: Scope, f: { states: string[] | null; orgPath: string | null; limit: number; offset: number }) {
  let q = caseQuery(db, scope).where(underOrg(f.orgPath, 'c.org_path'));
  if (f.states) q = q.where('c.state', 'in', f.states);
  const [items, count] = await Promise.all([
    q.orderBy('c.opened_on', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/**
 * Inserts the case only if its org is in the scope, checked in the same statement; undefined when
 * it is not. The row's org_path is the org's.
 */
export function insertCase(db: Db, scope: Scope, row: Omit<RecognitionCaseRow, 'id' | 'version' | 'org_path' | 'cell_inconclusive_votes' | 'grassroots_inconclusive_votes'>) {
  return insertIfInScope(db, scope, 'recognition_case', row, { table: 'org', id: row.org_id, pathInto: 'org_path' })
    .returningAll()
    .executeTakeFirst();
}

/** Open cases after `afterId` in id order, a batch at a time, for the daily due-items job. */
export function openCasesAfter(db: Db, scope: Scope, afterId: number, limit: number): Promise<CaseWithMember[]> {
  return caseQuery(db, scope).where('c.closed_on', 'is', null).where('c.id', '>', afterId).orderBy('c.id').limit(limit).execute();
}
