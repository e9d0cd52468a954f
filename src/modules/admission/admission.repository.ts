import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { AdmissionCaseRow, CandidateRow, DB } from '../../db/types.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// All SQL of candidates and admission cases. Every read or write of a candidate or a case takes
// the caller's scope and filters on its org_path in SQL: an out-of-scope id looks missing.

type Db = Kysely<DB> | Transaction<DB>;

/** The `org=` filter: the chosen org's subtree (already checked to be in scope), or everything. */
function underOrg(path: string | null, column: string) {
  return path === null ? sql<SqlBool>`true` : inScope(makeScope([path]), column);
}

export function findOrgPath(db: Db, scope: Scope, orgId: number): Promise<{ path: string } | undefined> {
  return db.selectFrom('org').select('path').where('id', '=', orgId).where(inScope(scope, 'path')).executeTakeFirst();
}

export function findCandidate(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<CandidateRow | undefined> {
  let q = db.selectFrom('candidate').selectAll().where('id', '=', id).where(inScope(scope, 'org_path'));
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

// The register is national: a person already registered anywhere is a duplicate. Only existence.
export async function candidateCitizenIdTaken(db: Db, citizenId: string): Promise<boolean> {
  return (await db.selectFrom('candidate').select('id').where('citizen_id', '=', citizenId).executeTakeFirst()) !== undefined;
}

export async function memberCitizenIdTaken(db: Db, citizenId: string): Promise<boolean> {
  return (await db.selectFrom('member').select('id').where('citizen_id', '=', citizenId).where('deleted_at', 'is', null).executeTakeFirst()) !== undefined;
}

export async function openCaseExists(db: Db, citizenId: string): Promise<boolean> {
  return (await db.selectFrom('admission_case').select('id').where('citizen_id', '=', citizenId).where('closed_on', 'is', null).executeTakeFirst()) !== undefined;
}

export function insertCandidate(db: Db, row: Omit<CandidateRow, 'id' | 'version'>): Promise<CandidateRow> {
  return db.insertInto('candidate').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listCandidates(db: Db, scope: Scope, f: { orgPath: string | null; limit: number; offset: number }) {
  const base = db.selectFrom('candidate').where(inScope(scope, 'org_path')).where(underOrg(f.orgPath, 'org_path'));
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('name_sort').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export type CaseWithCandidate = AdmissionCaseRow & { full_name: string; sex: 'male' | 'female'; birth_date: string; youth_union_member: boolean };

function caseQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('admission_case as c')
    .innerJoin('candidate as p', 'p.id', 'c.candidate_id')
    .selectAll('c')
    .select(['p.full_name', 'p.sex', 'p.birth_date', 'p.youth_union_member'])
    .where(inScope(scope, 'c.org_path'));
}

export function findCase(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<CaseWithCandidate | undefined> {
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

export function insertCase(db: Db, row: Omit<AdmissionCaseRow, 'id' | 'version'>): Promise<AdmissionCaseRow> {
  return db.insertInto('admission_case').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Status of the members named as introducers, among those the caller may see. */
export function sponsorStatuses(db: Db, scope: Scope, ids: number[]): Promise<{ id: number; status: string; full_name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member')
    .select(['id', 'status', 'full_name'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where(inScope(scope, 'org_path'))
    .execute();
}

/** The columns of a case its deadlines depend on (admissionCaseDue): what the daily due job reads. */
export const CASE_DUE_COLUMNS = [
  'id',
  'org_id',
  'state',
  'needs_grassroots_resolution',
  'opened_on',
  'course_certificate_date',
  'sponsors_date',
  'background_requested_on',
  'background_replied_on',
  'background_abroad',
  'comments_on',
  'cell_resolution_date',
  'grassroots_resolution_date',
  'decision_date',
  'ceremony_date',
  'member_forms_date',
] as const;
export type CaseDueRow = Pick<CaseWithCandidate, (typeof CASE_DUE_COLUMNS)[number] | 'full_name' | 'birth_date' | 'youth_union_member'>;

/**
 * Open cases after `afterId` in id order, a batch at a time, for the daily due-items job
 * (src/modules/due): the caller's scope is the whole installation there. Only the columns the
 * deadlines depend on: the national job reads every open case, and the row width is its cost.
 */
export function openCasesAfter(db: Db, scope: Scope, afterId: number, limit: number): Promise<CaseDueRow[]> {
  return db
    .selectFrom('admission_case as c')
    .innerJoin('candidate as p', 'p.id', 'c.candidate_id')
    .select(CASE_DUE_COLUMNS.map((k) => `c.${k}` as const))
    .select(['p.full_name', 'p.birth_date', 'p.youth_union_member'])
    .where(inScope(scope, 'c.org_path'))
    .where('c.closed_on', 'is', null)
    .where('c.id', '>', afterId)
    .orderBy('c.id')
    .limit(limit)
    .execute();
}
