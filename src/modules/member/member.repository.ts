import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, MemberRow, MemberUpdate, NewMember } from '../../db/types.js';
import { KINH, type EthnicGroup } from '../../domain/stats-figures.js';
import { ancestorIds, subtreeUpperBound } from '../../db/tree-path.js';
import { inScope, narrowScope, type Scope } from '../auth/scope.js';
import type { MemberSort } from './member.schema.js';
import { prefixLikePatterns, type ListCursor, type MemberSearch, type WordsSearch } from './member.search.js';

// All SQL of the member registry. Every function that returns or changes a member takes the
// caller's scope and filters on member.org_path in SQL, so an out-of-scope id looks missing.
// The plans these queries are written for are in docs/queries/member-list.md.

type Db = Kysely<DB> | Transaction<DB>;

export interface OrgForMembers {
  id: number;
  code: string;
  name: string;
  path: string;
  org_type: string;
  founded_on: string;
  dissolved_on: string | null;
}

export function findMember(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<MemberRow | undefined> {
  let q = db
    .selectFrom('member as m')
    .selectAll('m')
    .where('m.id', '=', id)
    .where('m.deleted_at', 'is', null)
    .where(inScope(scope, 'm.org_path'));
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * With `forShare`, the org row stays locked until the transaction ends, so a concurrent subtree
 * move (which updates org rows before member rows) cannot leave this member on the old path.
 */
export function findOrg(db: Db, scope: Scope, orgId: number, opts: { forShare?: boolean } = {}): Promise<OrgForMembers | undefined> {
  let q = db
    .selectFrom('org as o')
    .select(['o.id', 'o.code', 'o.name', 'o.path', 'o.org_type', 'o.founded_on', 'o.dissolved_on'])
    .where('o.id', '=', orgId)
    .where(inScope(scope, 'o.path'));
  if (opts.forShare) q = q.forShare();
  return q.executeTakeFirst();
}

/**
 * The org and its ancestors, root first (the breadcrumb of a record). The ancestors above the
 * scope are named too (a record's place in the tree), but only when the org itself is in scope.
 */
export function orgChain(db: Db, scope: Scope, path: string): Promise<{ id: number; code: string; name: string }[]> {
  return db
    .selectFrom('org')
    .select(['id', 'code', 'name'])
    .where('id', 'in', ancestorIds(path))
    .where((eb) => eb.exists(eb.selectFrom('org as leaf').select('leaf.id').where('leaf.path', '=', path).where(inScope(scope, 'leaf.path'))))
    .orderBy('level')
    .execute();
}

/** SQL: the member `memberId` exists and lies in the scope. Writes to a member's rows hang on it. */
function memberInScope(scope: Scope, memberId: number | Expression<unknown>) {
  return sql<SqlBool>`exists (select 1 from member sm where sm.id = ${memberId} and ${inScope(scope, 'sm.org_path')})`;
}

// Uniqueness of the natural keys is national, not per scope: a citizen already registered in
// another province is still a duplicate. These two are therefore the only member reads without
// a Scope; they return only existence, never the other record, and the error names only the
// value the caller typed (member.test.ts checks that nothing of the other record leaves).
export async function citizenIdTaken(db: Db, citizenId: string, exceptId: number | null): Promise<boolean> {
  let q = db.selectFrom('member').select('id').where('citizen_id', '=', citizenId).where('deleted_at', 'is', null);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

// member_party_card_uq covers deleted records too, so the check does as well.
export async function partyCardTaken(db: Db, partyCardNo: string, exceptId: number | null): Promise<boolean> {
  let q = db.selectFrom('member').select('id').where('party_card_no', '=', partyCardNo);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Inserts the record only if its org is in the scope, checked in the same statement (insert …
 * select … from org where in scope); undefined when it is not. The row's org_path is the org's.
 */
export function insertMember(db: Db, scope: Scope, row: Omit<NewMember, 'org_path'>): Promise<MemberRow | undefined> {
  const cols = Object.keys(row).filter((k) => k !== 'org_id') as (keyof typeof row)[];
  return db
    .insertInto('member')
    .columns([...cols, 'org_id', 'org_path'])
    .expression(
      db
        .selectFrom('org as o')
        .select([...cols.map((c) => sql`${row[c] ?? null}`.as(c)), 'o.id as org_id', 'o.path as org_path'])
        .where('o.id', '=', row.org_id)
        .where(inScope(scope, 'o.path')),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Many records in one statement (the import's commit), each only if its org is in the scope,
 * checked in the statement (insert … select … join org where in scope). The rows travel as one
 * JSON parameter typed by the member table itself. Returns the rows inserted: fewer than given
 * means some org was out of scope.
 */
export async function insertMembers(db: Db, scope: Scope, rows: readonly Omit<NewMember, 'org_path'>[]): Promise<MemberRow[]> {
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]!).filter((k) => k !== 'org_id');
  const res = await sql<MemberRow>`
    insert into member (${sql.join(cols.map((c) => sql.ref(c)))}, org_id, org_path)
    select ${sql.join(cols.map((c) => sql.ref(`v.${c}`)))}, o.id, o.path
    from jsonb_populate_recordset(null::member, ${JSON.stringify(rows)}::jsonb) as v
    join org as o on o.id = v.org_id
    where ${inScope(scope, 'o.path')}
    returning *`.execute(db);
  return res.rows;
}

/** Which of these citizen IDs and card numbers some record already holds (the same tests as citizenIdTaken, partyCardTaken). */
export async function keysTaken(db: Db, citizenIds: readonly string[], cards: readonly string[]): Promise<{ citizenIds: Set<string>; cards: Set<string> }> {
  const c = citizenIds.length === 0 ? [] : await db.selectFrom('member').select('citizen_id').where('citizen_id', 'in', [...citizenIds]).where('deleted_at', 'is', null).execute();
  const p = cards.length === 0 ? [] : await db.selectFrom('member').select('party_card_no').where('party_card_no', 'in', [...cards]).execute();
  return { citizenIds: new Set(c.map((r) => r.citizen_id!)), cards: new Set(p.map((r) => r.party_card_no!)) };
}

/**
 * The first status interval and the placement of records just inserted, from their own rows, in
 * two statements: the status since `status_since`, the placement back to admission (as
 * insertStatusPeriod and insertPlacement do for one). Only members in the scope; the number written.
 */
export async function insertFirstIntervals(db: Db, scope: Scope, memberIds: readonly number[]): Promise<{ periods: number; placements: number }> {
  if (memberIds.length === 0) return { periods: 0, placements: 0 };
  const ids = [...memberIds];
  const periods = await db
    .insertInto('member_status_period')
    .columns(['member_id', 'valid_from', 'valid_to', 'status', 'decision_no'])
    .expression(
      db
        .selectFrom('member as m')
        .select(['m.id as member_id', 'm.status_since as valid_from', sql<null>`null::date`.as('valid_to'), 'm.status', sql<null>`null::text`.as('decision_no')])
        .where('m.id', 'in', ids)
        .where(inScope(scope, 'm.org_path')),
    )
    .executeTakeFirst();
  const placements = await db
    .insertInto('member_placement')
    .columns(['member_id', 'valid_from', 'valid_to', 'org_id'])
    .expression(
      db
        .selectFrom('member as m')
        .select(['m.id as member_id', sql<string>`coalesce(m.admission_date, m.status_since)`.as('valid_from'), sql<null>`null::date`.as('valid_to'), 'm.org_id'])
        .where('m.id', 'in', ids)
        .where(inScope(scope, 'm.org_path')),
    )
    .executeTakeFirst();
  return { periods: changed(periods), placements: changed(placements) };
}

/** Updates only if the caller read the current version; 0 rows means someone saved first. */
export async function updateMemberAtVersion(db: Db, scope: Scope, id: number, version: number, set: MemberUpdate): Promise<number> {
  const res = await db
    .updateTable('member as m')
    .set({ ...set, version: version + 1 })
    .where('m.id', '=', id)
    .where('m.version', '=', version)
    .where('m.deleted_at', 'is', null)
    .where(inScope(scope, 'm.org_path'))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- dated intervals -------------------------------------------------------------------
// member_status_period and member_placement hold [valid_from, valid_to) intervals; the open
// one (valid_to null) is the current state and matches member.status / member.org_id.

// The writes below return the number of rows they changed: 0 when the member (or the target
// org) is out of scope, which the service turns into the same 404 as a missing record.

export function openStatusPeriod(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_status_period')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('valid_to', 'is', null)
    .where(memberInScope(scope, memberId))
    .executeTakeFirst();
}

export function openPlacement(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_placement')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('valid_to', 'is', null)
    .where(memberInScope(scope, memberId))
    .executeTakeFirst();
}

const changed = (r: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined) =>
  Number(r?.numUpdatedRows ?? r?.numInsertedOrUpdatedRows ?? 0);

export async function insertStatusPeriod(
  db: Db,
  scope: Scope,
  p: { memberId: number; validFrom: string; status: string; decisionNo: string | null; reason?: string | null },
): Promise<number> {
  const res = await db
    .insertInto('member_status_period')
    .columns(['member_id', 'valid_from', 'valid_to', 'status', 'decision_no', 'reason'])
    .expression(
      db
        .selectFrom('member as m')
        .select([
          'm.id as member_id',
          sql<string>`${p.validFrom}::date`.as('valid_from'),
          sql<null>`null::date`.as('valid_to'),
          sql<string>`${p.status}::text`.as('status'),
          sql<string | null>`${p.decisionNo}::text`.as('decision_no'),
          sql<string | null>`${p.reason ?? null}::text`.as('reason'),
        ])
        .where('m.id', '=', p.memberId)
        .where(inScope(scope, 'm.org_path')),
    )
    .executeTakeFirst();
  return changed(res);
}

/** Ends a member's dated interval (status or placement) that began on `validFrom`. */
export async function closeInterval(
  db: Db,
  scope: Scope,
  table: 'member_status_period' | 'member_placement',
  memberId: number,
  validFrom: string,
  validTo: string,
): Promise<number> {
  return changed(
    await db
      .updateTable(table)
      .set({ valid_to: validTo })
      .where('member_id', '=', memberId)
      .where('valid_from', '=', validFrom)
      .where(memberInScope(scope, memberId))
      .executeTakeFirst(),
  );
}

/** A change dated the day the open period began replaces it: a zero-length period never held. */
/** R-AGE-04: marks the open status interval (a removal being annulled on appeal) as annulled; it is closed, never deleted. */
export async function annulOpenStatusPeriod(db: Db, scope: Scope, memberId: number): Promise<number> {
  return changed(
    await db
      .updateTable('member_status_period')
      .set({ annulled_as_wrongful: true })
      .where('member_id', '=', memberId)
      .where('valid_to', 'is', null)
      .where(memberInScope(scope, memberId))
      .executeTakeFirst(),
  );
}

export async function replaceOpenStatusPeriod(
  db: Db,
  scope: Scope,
  memberId: number,
  validFrom: string,
  status: string,
  decisionNo: string | null,
  reason: string | null = null,
): Promise<number> {
  return changed(
    await db
      .updateTable('member_status_period')
      .set({ status, decision_no: decisionNo, reason })
      .where('member_id', '=', memberId)
      .where('valid_from', '=', validFrom)
      .where(memberInScope(scope, memberId))
      .executeTakeFirst(),
  );
}

/** Both the member and the org it is placed in must lie in the scope. */
export async function insertPlacement(db: Db, scope: Scope, p: { memberId: number; validFrom: string; orgId: number }): Promise<number> {
  const res = await db
    .insertInto('member_placement')
    .columns(['member_id', 'valid_from', 'valid_to', 'org_id'])
    .expression(
      db
        .selectFrom('member as m')
        .innerJoin('org as o', (j) => j.on('o.id', '=', p.orgId))
        .select(['m.id as member_id', sql<string>`${p.validFrom}::date`.as('valid_from'), sql<null>`null::date`.as('valid_to'), 'o.id as org_id'])
        .where('m.id', '=', p.memberId)
        .where(inScope(scope, 'm.org_path'))
        .where(inScope(scope, 'o.path')),
    )
    .executeTakeFirst();
  return changed(res);
}

export async function replaceOpenPlacement(db: Db, scope: Scope, memberId: number, validFrom: string, orgId: number): Promise<number> {
  return changed(
    await db
      .updateTable('member_placement')
      .set({ org_id: orgId })
      .where('member_id', '=', memberId)
      .where('valid_from', '=', validFrom)
      .where(memberInScope(scope, memberId))
      .where((eb) => eb.exists(eb.selectFrom('org as o').select('o.id').where('o.id', '=', orgId).where(inScope(scope, 'o.path'))))
      .executeTakeFirst(),
  );
}

/**
 * When a corrected admission date moves the start of the record, the first placement (which
 * began at admission) moves with it, unless that would leave it empty or it is not the first.
 */
export async function shiftFirstPlacement(db: Db, scope: Scope, memberId: number, from: string, to: string): Promise<void> {
  await db
    .updateTable('member_placement as mp')
    .set({ valid_from: to })
    .where('mp.member_id', '=', memberId)
    .where(memberInScope(scope, memberId))
    .where('mp.valid_from', '=', from)
    .where((eb) => eb.or([eb('mp.valid_to', 'is', null), eb('mp.valid_to', '>', to)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('member_placement as earlier')
            .select('earlier.member_id')
            .where('earlier.member_id', '=', memberId)
            .where('earlier.valid_from', '<', from),
        ),
      ),
    )
    .execute();
}

export interface MemberOnDateRow {
  member_id: number;
  status: string | null;
  status_from: string | null;
  org_id: number | null;
  org_code: string | null;
  org_name: string | null;
  placed_from: string | null;
}

const covers = (alias: string, date: string | Expression<unknown>) =>
  sql<boolean>`${sql.ref(`${alias}.valid_from`)} <= ${date} and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date})`;

/**
 * The member's status and org on `date`, from the dated intervals, with the org's name as it
 * was then (org_version). Undefined when the member is missing or out of scope; the fields are
 * null when no interval covers the date (before the record begins).
 */
export function memberOnDate(db: Db, scope: Scope, memberId: number, date: string): Promise<MemberOnDateRow | undefined> {
  return db
    .selectFrom('member as m')
    .leftJoin('member_status_period as sp', (j) => j.onRef('sp.member_id', '=', 'm.id').on(covers('sp', date)))
    .leftJoin('member_placement as mp', (j) => j.onRef('mp.member_id', '=', 'm.id').on(covers('mp', date)))
    .leftJoin('org as o', 'o.id', 'mp.org_id')
    .leftJoin('org_version as ov', (j) => j.onRef('ov.org_id', '=', 'mp.org_id').on(covers('ov', date)))
    .select([
      'm.id as member_id',
      'sp.status',
      'sp.valid_from as status_from',
      'mp.org_id',
      'o.code as org_code',
      sql<string | null>`coalesce(ov.name, o.name)`.as('org_name'),
      'mp.valid_from as placed_from',
    ])
    .where('m.id', '=', memberId)
    .where('m.deleted_at', 'is', null)
    .where(inScope(scope, 'm.org_path'))
    .executeTakeFirst();
}

export function statusPeriods(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_status_period as sp')
    .innerJoin('member as m', 'm.id', 'sp.member_id')
    .select(['sp.status', 'sp.valid_from', 'sp.valid_to', 'sp.decision_no', 'sp.annulled_as_wrongful'])
    .where('sp.member_id', '=', memberId)
    .where(inScope(scope, 'm.org_path'))
    .orderBy('sp.valid_from')
    .execute();
}

/** Placements with the org's code and its name as it was when the placement began. */
export function placements(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_placement as mp')
    .innerJoin('member as m', 'm.id', 'mp.member_id')
    .innerJoin('org as o', 'o.id', 'mp.org_id')
    .leftJoin('org_version as ov', (j) => j.onRef('ov.org_id', '=', 'mp.org_id').on(covers('ov', sql.ref('mp.valid_from'))))
    .select([
      'mp.org_id',
      'o.code as org_code',
      sql<string>`coalesce(ov.name, o.name)`.as('org_name'),
      'mp.valid_from',
      'mp.valid_to',
    ])
    .where('mp.member_id', '=', memberId)
    .where(inScope(scope, 'm.org_path'))
    .orderBy('mp.valid_from')
    .execute();
}

export function auditEntries(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.action', 'a.user_id', 'u.username', 'a.before', 'a.after'])
    .where('a.entity_type', '=', 'member')
    .where('a.entity_id', '=', String(memberId))
    // The record's history is its changes; who read it is on the audit trail (GET /api/audit).
    .where('a.action', '<>', 'member.read')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('member as m')
          .select('m.id')
          .where('m.id', '=', memberId)
          .where(inScope(scope, 'm.org_path')),
      ),
    )
    .orderBy('a.at')
    .orderBy('a.id')
    .execute();
}

// ---- photo -------------------------------------------------------------------------------

export async function hasPhoto(db: Db, scope: Scope, memberId: number): Promise<boolean> {
  const row = await db
    .selectFrom('member_photo')
    .select('member_id')
    .where('member_id', '=', memberId)
    .where(memberInScope(scope, memberId))
    .executeTakeFirst();
  return row !== undefined;
}

export function photoMeta(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_photo')
    .select(['content_type', sql<number>`octet_length(data)`.as('bytes')])
    .where('member_id', '=', memberId)
    .where(memberInScope(scope, memberId))
    .executeTakeFirst();
}

/** Stores the photo only for a member in scope (insert … select); 0 when out of scope. */
export async function upsertPhoto(db: Db, scope: Scope, memberId: number, contentType: string, data: Uint8Array, now: Date): Promise<number> {
  const res = await db
    .insertInto('member_photo')
    .columns(['member_id', 'content_type', 'data', 'updated_at'])
    .expression(
      db
        .selectFrom('member as m')
        .select([
          'm.id as member_id',
          sql<string>`${contentType}::text`.as('content_type'),
          sql<Uint8Array>`${data}::bytea`.as('data'),
          sql<Date>`${now}::timestamptz`.as('updated_at'),
        ])
        .where('m.id', '=', memberId)
        .where('m.deleted_at', 'is', null)
        .where(inScope(scope, 'm.org_path')),
    )
    .onConflict((oc) =>
      oc.column('member_id').doUpdateSet((eb) => ({ content_type: eb.ref('excluded.content_type'), data: eb.ref('excluded.data'), updated_at: eb.ref('excluded.updated_at') })),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

export function findPhoto(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_photo as p')
    .innerJoin('member as m', 'm.id', 'p.member_id')
    .select(['p.content_type', 'p.data', 'p.updated_at'])
    .where('p.member_id', '=', memberId)
    .where('m.deleted_at', 'is', null)
    .where(inScope(scope, 'm.org_path'))
    .executeTakeFirst();
}

// ---- list --------------------------------------------------------------------------------

/**
 * For each prefix, the name words that start with it (the vocabulary of migration 0007).
 * Not scoped: the words alone name nobody, and they never leave the server.
 */
export async function nameWordsStartingWith(db: Db, prefixes: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(prefixes.map((p) => [p, []]));
  const distinct = [...found.keys()];
  if (distinct.length === 0) return found;
  // LIKE 'p%' on the "C"-collated primary key is an index range; the prefixes are [a-z0-9]
  // (searchWords), so they hold no LIKE wildcards.
  const rows = await db
    .selectFrom('member_name_word')
    .select('word')
    .where((eb) => eb.or(distinct.map((p) => eb('word', 'like', `${p}%`))))
    .orderBy('word')
    .execute();
  for (const { word } of rows) for (const p of distinct) if (word.startsWith(p)) found.get(p)!.push(word);
  return found;
}

export interface MemberListFilter {
  /** Path of the org whose whole subtree is listed; null for the caller's whole scope. */
  orgPath: string | null;
  statuses: readonly string[];
  sex: 'male' | 'female' | null;
  /** Birth-date ranges [from, before) a member's birth date falls in one of; absent for no age filter. */
  birthDates?: readonly { from: string | null; before: string | null }[] | null;
  theoryLevels?: readonly string[] | null;
  ethnicGroup?: EthnicGroup | null;
  search: Exclude<MemberSearch, { kind: 'none' } | { kind: 'tooShort' } | { kind: 'words' }> | WordsSearch | null;
}

export interface MemberListRow {
  id: number;
  full_name: string;
  name_sort: string;
  sex: string;
  birth_date: string;
  status: string;
  org_id: number;
  org_name: string;
  org_code: string;
  party_card_no: string | null;
  admission_date: string | null;
  official_date: string | null;
  theory_level: string;
  version: number;
}

/** Where a page starts: after the row with this sort value and id (keyset), or after `offset` rows. */
export type PageStart = { after: ListCursor } | { offset: number };

/**
 * `m.org_path` within the subtrees of `scope`. A subtree on the second level of the tree (a
 * province) is the equality on its id that member_level2_name_idx (migration 0009) is built on:
 * walked in name order it gives a province's page without reading the province, and its
 * statistics estimate the rows where the path range's are off by four orders of magnitude.
 * Deeper subtrees are a range on the "C"-collated path (member_path_name_idx).
 */
function listedInScope(scope: Scope) {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  const parts = scope.paths.map((p) => {
    const ids = ancestorIds(p);
    return ids.length === 2
      ? sql<SqlBool>`split_part(m.org_path, '/', 3) = ${String(ids[1])}`
      : sql<SqlBool>`(m.org_path >= ${p} and m.org_path < ${subtreeUpperBound(p)})`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

function filtered(db: Db, scope: Scope, f: MemberListFilter) {
  // The org filter and the scope become one set of subtrees, stated once.
  const within = f.orgPath === null ? scope : narrowScope(scope, f.orgPath);
  let q = db.selectFrom('member as m').where('m.deleted_at', 'is', null).where(listedInScope(within));
  q = q.where('m.status', 'in', [...f.statuses]);
  if (f.sex !== null) q = q.where('m.sex', '=', f.sex);
  const ranges = f.birthDates;
  if (ranges) {
    q = q.where((eb) =>
      eb.or(
        ranges.map((r) =>
          eb.and([...(r.from !== null ? [eb('m.birth_date', '>=', r.from)] : []), ...(r.before !== null ? [eb('m.birth_date', '<', r.before)] : [])]),
        ),
      ),
    );
  }
  if (f.theoryLevels) q = q.where('m.theory_level', 'in', [...f.theoryLevels]);
  if (f.ethnicGroup) q = q.where('m.ethnicity', f.ethnicGroup === 'kinh' ? '=' : '<>', KINH);
  const s = f.search;
  if (s?.kind === 'words') {
    // Exact lexemes (the typed prefixes expanded by the vocabulary) on member_name_word_idx.
    q = q.where(sql<boolean>`member_name_words(m.name_norm) @@ ${s.lexemes}::tsquery`);
    // The same condition as plain text, for when the planner filters a small subtree row by row
    // instead of using the index: cheap quals run first, so the tsvector is only built for rows
    // that already match. Words as member_name_words makes them.
    const patterns = prefixLikePatterns(s.words).map((p) => sql`${p}`);
    q = q.where(
      sql<boolean>`(' ' || case when m.name_norm ~ '[^a-z0-9 ]' then regexp_replace(m.name_norm, '[^a-z0-9 ]+', '', 'g') else m.name_norm end) like all (array[${sql.join(patterns)}])`,
    );
  } else if (s?.kind === 'anywhere') {
    q = q.where(sql<boolean>`m.name_norm like ${s.likePattern}`);
  } else if (s?.kind === 'citizenIdOrCard') {
    q = q.where((eb) => eb.or([eb('m.citizen_id', '=', s.value), eb('m.party_card_no', '=', s.value)]));
  } else if (s?.kind === 'partyCard') {
    q = q.where('m.party_card_no', '=', s.value);
  }
  return q;
}

// Sort keys, always ending in id so that pages never overlap or skip. Dates sort nulls last in
// both directions: a record without an admission date belongs at the end of either order.
const SORT_KEYS: Record<MemberSort, { col: 'name_sort' | 'birth_date' | 'admission_date'; dir: 'asc' | 'desc' }> = {
  name: { col: 'name_sort', dir: 'asc' },
  '-name': { col: 'name_sort', dir: 'desc' },
  birthDate: { col: 'birth_date', dir: 'asc' },
  '-birthDate': { col: 'birth_date', dir: 'desc' },
  admissionDate: { col: 'admission_date', dir: 'asc' },
  '-admissionDate': { col: 'admission_date', dir: 'desc' },
};

/** The value a cursor keeps of a row: its sort key. */
export function sortValue(row: Pick<MemberListRow, 'name_sort' | 'birth_date' | 'admission_date'>, sort: MemberSort): string | null {
  return row[SORT_KEYS[sort].col];
}

function orderClause(alias: string, sort: MemberSort) {
  const { col, dir } = SORT_KEYS[sort];
  const d = sql.raw(dir);
  const nulls = col === 'admission_date' ? sql.raw(' nulls last') : sql.raw('');
  return sql`${sql.ref(`${alias}.${col}`)} ${d}${nulls}, ${sql.ref(`${alias}.id`)} ${d}`;
}

/**
 * Rows strictly after the cursor in the sort's order. The row comparison is what lets a btree on
 * (key, id) start the walk at the cursor. Only admission_date can be null; nulls come last.
 */
function afterCursor(alias: string, sort: MemberSort, c: ListCursor) {
  const { col, dir } = SORT_KEYS[sort];
  const key = sql.ref(`${alias}.${col}`);
  const id = sql.ref(`${alias}.id`);
  const op = sql.raw(dir === 'asc' ? '>' : '<');
  if (c.value === null) return sql<boolean>`${key} is null and ${id} ${op} ${c.id}`;
  const past = sql<boolean>`(${key}, ${id}) ${op} (${c.value}, ${c.id})`;
  return col === 'admission_date' ? sql<boolean>`(${past} or ${key} is null)` : past;
}

const PAGE_COLUMNS = [
  'm.id',
  'm.full_name',
  'm.name_sort',
  'm.sex',
  'm.birth_date',
  'm.status',
  'm.org_id',
  'm.party_card_no',
  'm.admission_date',
  'm.official_date',
  'm.theory_level',
  'm.version',
] as const;

const ITEM_COLUMNS = [
  'p.id',
  'p.full_name',
  'p.name_sort',
  'p.sex',
  'p.birth_date',
  'p.status',
  'p.org_id',
  'o.name as org_name',
  'o.code as org_code',
  'p.party_card_no',
  'p.admission_date',
  'p.official_date',
  'p.theory_level',
  'p.version',
] as const;

/**
 * One page of a list without a search. The page is chosen from member alone, so PostgreSQL can
 * walk an index in sort order from the cursor (or from the start, skipping `offset` rows) and
 * stop after `limit` rows, and only then joined to org.
 */
export function listPageQuery(db: Db, scope: Scope, f: MemberListFilter, sort: MemberSort, limit: number, start: PageStart) {
  const page = pageOfMembers(db, scope, f, sort, limit, start).select(PAGE_COLUMNS);
  return db.selectFrom(page.as('p')).innerJoin('org as o', 'o.id', 'p.org_id').select(ITEM_COLUMNS).orderBy(orderClause('p', sort));
}

/**
 * The members of one page of the list, from member alone (`m`), columns still to be selected:
 * its filters and scope, its order, where it starts and how many. The export selects its own
 * columns from it, so it walks exactly the rows the list pages through.
 */
export function pageOfMembers(db: Db, scope: Scope, f: MemberListFilter, sort: MemberSort, limit: number, start: PageStart) {
  const page = filtered(db, scope, f).orderBy(orderClause('m', sort)).limit(limit);
  if ('after' in start) return page.where(afterCursor('m', sort, start.after));
  return start.offset > 0 ? page.offset(start.offset) : page;
}

/** A page's order, for a query that selects from it under `alias`. */
export function pageOrder(alias: string, sort: MemberSort) {
  return orderClause(alias, sort);
}

export function listPage(db: Db, scope: Scope, f: MemberListFilter, sort: MemberSort, limit: number, start: PageStart): Promise<MemberListRow[]> {
  return listPageQuery(db, scope, f, sort, limit, start).execute();
}

/**
 * One page of search results with the number of matches, in one pass: all matches are read
 * for the sort anyway. The matches are a MATERIALIZED CTE on purpose: without that fence the
 * planner may serve "order by name_sort limit 50" by walking member_name_sort_idx and filtering,
 * which is a disaster for a search, because the matches cluster in name order (name_sort starts
 * with the given name the user typed) and count(*) over () needs them all anyway. The count is
 * taken before the cursor applies, so it is the number of all matches.
 */
export function searchPageQuery(db: Db, scope: Scope, f: MemberListFilter, sort: MemberSort, limit: number, start: PageStart) {
  return db
    .with(
      (cte) => cte('hits').materialized(),
      () => filtered(db, scope, f).select(PAGE_COLUMNS),
    )
    .with('counted', (qb) => qb.selectFrom('hits').selectAll('hits').select(sql<number>`count(*) over ()`.as('total')))
    .with('page', (qb) => {
      let q = qb.selectFrom('counted').selectAll('counted').orderBy(orderClause('counted', sort)).limit(limit);
      if ('after' in start) q = q.where(afterCursor('counted', sort, start.after));
      else if (start.offset > 0) q = q.offset(start.offset);
      return q;
    })
    .selectFrom('page as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select([...ITEM_COLUMNS, 'p.total'])
    .orderBy(orderClause('p', sort));
}

/**
 * A prefix of a common word made the GIN scan collect millions of row pointers; the prefix index
 * answers exact lexemes, but a page of "nguyen van" still gathers ~100,000 matches into a bitmap,
 * which under the default work_mem of 4 MB turns lossy and makes every row on its heap pages be
 * rechecked (docs/queries/member-list.md). 32 MB keeps it exact.
 */
export async function searchPage(
  db: Kysely<DB>,
  scope: Scope,
  f: MemberListFilter,
  sort: MemberSort,
  limit: number,
  start: PageStart,
): Promise<{ rows: MemberListRow[]; total: number | null }> {
  return db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '32MB'`.execute(tx);
    const rows = await searchPageQuery(tx, scope, f, sort, limit, start).execute();
    // Past the last page there is no row to carry the total; the caller counts instead.
    const atStart = !('after' in start) && start.offset === 0;
    return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : atStart ? 0 : null };
  });
}

export function countQuery(db: Db, scope: Scope, f: MemberListFilter, cap: number) {
  // Counting stops at cap + 1 rows: beyond the cap the list only says "more than cap".
  const capped = filtered(db, scope, f).select(sql<number>`1`.as('one')).limit(cap + 1);
  return db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** The number of rows matching `f`, counted up to `cap`; `atLeast` when there are more. */
export async function countFiltered(db: Db, scope: Scope, f: MemberListFilter, cap: number): Promise<{ n: number; atLeast: boolean }> {
  const n = Number((await countQuery(db, scope, f, cap).executeTakeFirstOrThrow()).n);
  return n > cap ? { n: cap, atLeast: true } : { n, atLeast: false };
}

/** Sum of the stored roll-up counts of `orgIds` (disjoint subtrees) for one dimension. */
export async function rollupSum(db: Db, orgIds: readonly number[], dim: string, vals: readonly string[]): Promise<number> {
  if (orgIds.length === 0 || vals.length === 0) return 0;
  const row = await db
    .selectFrom('org_rollup')
    .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
    .where('org_id', 'in', [...orgIds])
    .where('dim', '=', dim)
    .where('val', 'in', [...vals])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Orgs at the top of the tree: the roots whose subtrees together make up the scope '/'. */
export async function rootOrgIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('org').select('id').where('parent_id', 'is', null).execute();
  return rows.map((r) => r.id);
}

// ---- one's own record ----------------------------------------------------------------------

/** The member record linked to an account: the only record a `member` role reads, by identity, not by scope. */
export function findOwnMember(db: Db, userId: number): Promise<MemberRow | undefined> {
  return db
    .selectFrom('member as m')
    .innerJoin('app_user as u', 'u.member_id', 'm.id')
    .selectAll('m')
    .where('u.id', '=', userId)
    .where('m.deleted_at', 'is', null)
    .executeTakeFirst();
}
