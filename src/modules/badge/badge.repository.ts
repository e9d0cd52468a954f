import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { BadgeAwardRow, BadgeConsiderationRow, DB } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { insertIfInScope } from '../auth/scoped-insert.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// All SQL of party badges (issue 5 item 6). Every read or write of a member's badge facts or of an
// award takes the caller's scope and filters on the member's (or the award's) org_path in SQL: an
// out-of-scope id looks missing.

type Db = Kysely<DB> | Transaction<DB>;

/** Statuses that are time out of the party (the partial indexes member_status_period_gap_idx, closed ones, and member_status_period_gap_all_idx, all, list the same). */
const GAP_STATUSES = ['removed', 'expelled', 'withdrawn', 'deceased'];

function underOrg(path: string | null, column: string) {
  return path === null ? sql<SqlBool>`true` : inScope(makeScope([path]), column);
}

export function findOrgPath(db: Db, scope: Scope, orgId: number): Promise<{ path: string; name: string } | undefined> {
  return db.selectFrom('org').select(['path', 'name']).where('id', '=', orgId).where(inScope(scope, 'path')).executeTakeFirst();
}

/** A member whose party age may reach a class: the record, its gaps, its badge facts, the classes awarded. */
export interface CandidateRow {
  id: number;
  full_name: string;
  name_sort: string;
  birth_date: string;
  admission_date: string;
  status: string;
  org_id: number;
  org_path: string;
  org_name: string;
  seriously_ill: boolean | null;
  discipline_form: string | null;
  discipline_decision_date: string | null;
  improvement_recognised_on: string | null;
  /** Periods out of the party, "status|from|to;…" (to empty while open). */
  gaps: string | null;
  /** Classes already in the register, "30,40". */
  awarded: string | null;
}

/**
 * Which members to look at: those admitted inside one of the windows (a class's party age, with no
 * gap, falls in the batch), plus the few whose age the admission date alone does not give — members
 * with a period out of the party, and those staff flagged for the badge (illness, discipline).
 */
export type CandidateSource = { windows: readonly { from: string; to: string }[] } | { memberIds: readonly number[] };

/**
 * The members of the scope (on the rolls, with an admission date) that the source names, each once.
 * One statement in two parts, each reading member rows straight from an index so that the national
 * table is never scanned: the admission-date windows (a BitmapOr of range scans on
 * member_admission_idx), and the few members with a closed gap or badge facts, joined by key.
 */
export async function candidateRows(db: Db, scope: Scope, source: CandidateSource): Promise<CandidateRow[]> {
  if ('memberIds' in source && source.memberIds.length === 0) return [];
  return onceEach(await withoutJit(db, async (tx) => (await candidateQuery(scope, source).execute(tx)).rows));
}

/** What the domain decides on (a CandidateRow without the names and dates only a page shows). */
export type CandidateFacts = Omit<CandidateRow, 'full_name' | 'birth_date' | 'org_name'>;

/**
 * candidateRows for a whole batch, without the columns a list page alone shows (name, birth date,
 * org name: candidateDetails fetches them for the page): a national batch is a hundred thousand
 * rows, and on PGlite reading them was most of the list's time.
 */
export async function candidateFacts(db: Db, scope: Scope, windows: readonly { from: string; to: string }[]): Promise<CandidateFacts[]> {
  return onceEach(await withoutJit(db, async (tx) => (await candidateQuery(scope, { windows }, { compact: true }).execute(tx)).rows));
}

/** The names and dates of a list page's members, in scope. */
export function candidateDetails(db: Db, scope: Scope, ids: readonly number[]): Promise<{ id: number; full_name: string; birth_date: string; org_name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member as m')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.full_name', 'm.birth_date', 'o.name as org_name'])
    .where('m.id', 'in', [...ids])
    .where(inScope(scope, 'm.org_path'))
    .execute();
}

/** The statement's two parts may both name a member: each once, ids as numbers. */
function onceEach<R extends { id: number; org_id: number }>(rows: readonly R[]): R[] {
  const seen = new Set<number>();
  const out: R[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...r, id, org_id: Number(r.org_id) });
  }
  return out;
}

/**
 * Runs `fn` with PostgreSQL's JIT compilation off for the rest of the transaction (one is opened
 * when `db` is none). The national batch's estimated cost (a hundred thousand members, two
 * subqueries each) is far above the JIT thresholds, and compiling the plan took longer than
 * running it (seconds, against milliseconds saved). PGlite has no JIT; the setting is accepted.
 */
async function withoutJit<T>(db: Db, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  const run = async (tx: Transaction<DB>) => {
    await sql`set local jit = off`.execute(tx);
    return fn(tx);
  };
  return db.isTransaction ? run(db as Transaction<DB>) : db.transaction().execute(run);
}

/** The statement of candidateRows, for the query plans of the bench. */
export function candidateQuery(scope: Scope, source: CandidateSource, opts: { compact?: boolean } = {}) {
  const gaps = sql.join(GAP_STATUSES);
  // The org is joined for its name only; the compact form (candidateFacts) goes without both.
  const shown = opts.compact ? sql`` : sql`m.full_name, m.birth_date, o.name as org_name,`;
  const org = opts.compact ? sql`` : sql`join org o on o.id = m.org_id`;
  const part = (from: ReturnType<typeof sql>, where: ReturnType<typeof sql>) => sql`
    select m.id, ${shown} m.name_sort, m.admission_date, m.status, m.org_id, m.org_path,
      bc.seriously_ill, bc.discipline_form, bc.discipline_decision_date, bc.improvement_recognised_on,
      (select string_agg(sp.status || '|' || sp.valid_from::text || '|' || coalesce(sp.valid_to::text, ''), ';')
         from member_status_period sp where sp.member_id = m.id and sp.status in (${gaps}) and not sp.annulled_as_wrongful) as gaps,
      (select string_agg(a.badge_class::text, ',') from badge_award a where a.member_id = m.id) as awarded
    from ${from}
    ${org}
    left join badge_consideration bc on bc.member_id = m.id
    where ${where} and ${inScope(scope, 'm.org_path')}
      and m.deleted_at is null and m.admission_date is not null
      and m.status in (${sql.join([...ACTIVE_STATUSES])})`;
  if ('memberIds' in source) return sql<CandidateRow>`${part(sql`member m`, sql`m.id in (${sql.join([...source.memberIds])})`)}`;
  const ranges = source.windows.map((w) => sql`(m.admission_date >= ${w.from}::date and m.admission_date <= ${w.to}::date)`);
  const few = sql`(
    select member_id from member_status_period where status in (${gaps}) and valid_to is not null and not annulled_as_wrongful
    union select member_id from badge_consideration) few join member m on m.id = few.member_id`;
  return sql<CandidateRow>`
    ${part(sql`member m`, sql`(${sql.join(ranges, sql` or `)})`)}
    union all
    ${part(few, sql`true`)}`;
}

/** Locks the members' rows (in scope) for the award's transaction: two awards of one member queue. */
export async function lockMembers(db: Db, scope: Scope, memberIds: readonly number[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.selectFrom('member').select('id').where('id', 'in', [...memberIds]).where(inScope(scope, 'org_path')).orderBy('id').forUpdate().execute();
}

// ---- badge facts of a member -----------------------------------------------------------------

export function findMember(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member')
    .select(['id', 'full_name', 'status', 'admission_date', 'org_id', 'org_path'])
    .where('id', '=', memberId)
    .where('deleted_at', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

export function gapPeriods(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_status_period as sp')
    .innerJoin('member as m', 'm.id', 'sp.member_id')
    .select(['sp.status', 'sp.valid_from', 'sp.valid_to'])
    .where('sp.member_id', '=', memberId)
    .where('sp.status', 'in', GAP_STATUSES)
    .where('sp.annulled_as_wrongful', '=', false)
    .where(inScope(scope, 'm.org_path'))
    .orderBy('sp.valid_from')
    .execute();
}

export function findConsideration(db: Db, scope: Scope, memberId: number, opts: { forUpdate?: boolean } = {}): Promise<BadgeConsiderationRow | undefined> {
  let q = db
    .selectFrom('badge_consideration as bc')
    .selectAll('bc')
    .where('bc.member_id', '=', memberId)
    .where((eb) => eb.exists(eb.selectFrom('member as m').select('m.id').whereRef('m.id', '=', 'bc.member_id').where(inScope(scope, 'm.org_path'))));
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type ConsiderationValues = Omit<BadgeConsiderationRow, 'version'>;

/** Inserts or replaces the member's badge facts if the member is in scope (checked in the statement); 0 when not. */
export async function upsertConsideration(db: Db, scope: Scope, v: ConsiderationValues, version: number | null): Promise<number> {
  if (version === null) {
    const r = await db
      .insertInto('badge_consideration')
      .columns(['member_id', 'seriously_ill', 'discipline_form', 'discipline_decision_date', 'discipline_decision_no', 'improvement_recognised_on', 'note', 'updated_by', 'updated_at'])
      .expression(
        db
          .selectFrom('member as m')
          .select([
            'm.id as member_id',
            sql`${v.seriously_ill}`.as('seriously_ill'),
            sql`${v.discipline_form}`.as('discipline_form'),
            sql`${v.discipline_decision_date}::date`.as('discipline_decision_date'),
            sql`${v.discipline_decision_no}`.as('discipline_decision_no'),
            sql`${v.improvement_recognised_on}::date`.as('improvement_recognised_on'),
            sql`${v.note}`.as('note'),
            sql`${v.updated_by}::bigint`.as('updated_by'),
            sql`${v.updated_at}::timestamptz`.as('updated_at'),
          ])
          .where('m.id', '=', v.member_id)
          .where(inScope(scope, 'm.org_path')),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  const { member_id, ...set } = v;
  const r = await db
    .updateTable('badge_consideration')
    .set({ ...set, version: version + 1 })
    .where('member_id', '=', member_id)
    .where('version', '=', version)
    .where((eb) => eb.exists(eb.selectFrom('member as m').select('m.id').whereRef('m.id', '=', 'badge_consideration.member_id').where(inScope(scope, 'm.org_path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- numbers and awards ------------------------------------------------------------------------

/**
 * The province whose sequence numbers a member's badge (R-BADGE-08): the first ancestor of the
 * member's org below the central level (a tỉnh ủy or a đảng bộ directly under the Central
 * Committee). Deliberately read outside the scope: the province sits above a district's staff,
 * and only its id and code are read, from a path already read in scope.
 */
export async function provinceOf(db: Db, orgPath: string): Promise<{ id: number; code: string; name: string } | undefined> {
  const ids = ancestorIds(orgPath);
  const rows = await db.selectFrom('org').select(['id', 'code', 'name', 'org_type', 'level']).where('id', 'in', ids).orderBy('level').execute();
  const p = rows.find((o) => o.org_type === 'province') ?? rows.find((o) => o.org_type !== 'central');
  return p ? { id: Number(p.id), code: p.code, name: p.name } : undefined;
}

/**
 * Takes `count` numbers of a province's class sequence and returns the last one taken. The row lock
 * of the upsert holds until the transaction ends, so two awards never share a number.
 */
export async function takeNumbers(db: Db, provinceOrgId: number, badgeClass: number, count: number): Promise<number> {
  const r = await db
    .insertInto('badge_sequence')
    .values({ province_org_id: provinceOrgId, badge_class: badgeClass, last_no: count })
    .onConflict((oc) => oc.columns(['province_org_id', 'badge_class']).doUpdateSet({ last_no: sql`badge_sequence.last_no + ${count}` }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return Number(r.last_no);
}

export type NewAward = Omit<BadgeAwardRow, 'id' | 'status' | 'version' | 'returned_on' | 'return_reason' | 'reissued_on' | 'reissue_reason' | 'org_path'>;

/** Inserts an award if its member's org is in the scope (checked in the statement); undefined when not. */
export function insertAward(db: Db, scope: Scope, row: NewAward) {
  return insertIfInScope(db, scope, 'badge_award', row, { table: 'org', id: row.org_id, pathInto: 'org_path' })
    .returningAll()
    .executeTakeFirst();
}

export type AwardWithMember = BadgeAwardRow & { full_name: string; birth_date: string; member_status: string; org_name: string; province_code: string; province_name: string };

function awardQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('badge_award as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .innerJoin('org as p', 'p.id', 'a.province_org_id')
    .selectAll('a')
    .select(['m.full_name', 'm.birth_date', 'm.status as member_status', 'o.name as org_name', 'p.code as province_code', 'p.name as province_name'])
    .where(inScope(scope, 'a.org_path'));
}

export function findAward(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<AwardWithMember | undefined> {
  let q = awardQuery(db, scope).where('a.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export interface AwardFilter {
  orgPath: string | null;
  year: number | null;
  ceremonyDate: string | null;
  badgeClass: number | null;
  status: string | null;
  memberId: number | null;
}

function filtered(db: Db, scope: Scope, f: AwardFilter) {
  let q = awardQuery(db, scope).where(underOrg(f.orgPath, 'a.org_path'));
  if (f.year !== null) q = q.where('a.ceremony_date', '>=', `${f.year}-01-01`).where('a.ceremony_date', '<=', `${f.year}-12-31`);
  if (f.ceremonyDate !== null) q = q.where('a.ceremony_date', '=', f.ceremonyDate);
  if (f.badgeClass !== null) q = q.where('a.badge_class', '=', f.badgeClass);
  if (f.status !== null) q = q.where('a.status', '=', f.status);
  if (f.memberId !== null) q = q.where('a.member_id', '=', f.memberId);
  return q;
}

export async function listAwards(db: Db, scope: Scope, f: AwardFilter, page: { limit: number; offset: number }) {
  const q = filtered(db, scope, f);
  const [items, count] = await Promise.all([
    q.orderBy('a.ceremony_date', 'desc').orderBy('a.badge_class', 'desc').orderBy('p.code').orderBy('a.serial').limit(page.limit).offset(page.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Every award of the filter in register order, for the export. */
export function allAwards(db: Db, scope: Scope, f: AwardFilter): Promise<AwardWithMember[]> {
  return filtered(db, scope, f).orderBy('a.ceremony_date').orderBy('a.badge_class').orderBy('p.code').orderBy('a.serial').execute();
}

/** Changes the award if still at `version` and in scope; 0 rows means someone else changed it first (or out of scope). */
export async function updateAwardAtVersion(
  db: Db,
  scope: Scope,
  id: number,
  version: number,
  set: Partial<Pick<BadgeAwardRow, 'status' | 'returned_on' | 'return_reason' | 'reissued_on' | 'reissue_reason' | 'updated_by' | 'updated_at'>>,
): Promise<number> {
  const r = await db
    .updateTable('badge_award')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
