import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, PartyCardRow, RecordNoBlockRow } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { OPEN_CARD_STATUSES } from '../../domain/records/party-card.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// All SQL of member records and party cards (issue 5 item 7). Cards and numbers are read through
// their member and filtered on the member's current path; blocks through their holder org. An
// out-of-scope id looks missing. Deliberate exceptions, each commented where it is: the org chain
// above a path already read in scope, and the national overlap check of a block's numbers.

type Db = Kysely<DB> | Transaction<DB>;

function underOrg(path: string | null, column: string) {
  return path === null ? sql<SqlBool>`true` : inScope(makeScope([path]), column);
}

export function findOrg(db: Db, scope: Scope, orgId: number) {
  return db.selectFrom('org').select(['id', 'name', 'path', 'org_type', 'code']).where('id', '=', orgId).where(inScope(scope, 'path')).executeTakeFirst();
}

export interface ChainOrg {
  id: number;
  name: string;
  path: string;
  org_type: string;
  code: string;
}

/**
 * The orgs from the root down to the org of `path`. Read outside the scope on purpose: the direct
 * superior and the province sit above a grassroots office's staff, and only their id, name, type,
 * code and path are read, for a path already read in scope.
 */
export async function orgChain(db: Db, path: string): Promise<ChainOrg[]> {
  const rows = await db.selectFrom('org').select(['id', 'name', 'path', 'org_type', 'code', 'level']).where('id', 'in', ancestorIds(path)).orderBy('level').execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, path: r.path, org_type: r.org_type, code: r.code }));
}

// ---- members --------------------------------------------------------------------------------

export function findMember(db: Db, scope: Scope, memberId: number, opts: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('member')
    .select(['id', 'full_name', 'birth_date', 'status', 'citizen_id', 'party_card_no', 'org_id', 'org_path', 'version'])
    .where('id', '=', memberId)
    .where('deleted_at', 'is', null)
    .where(inScope(scope, 'org_path'));
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type RecordMember = NonNullable<Awaited<ReturnType<typeof findMember>>>;

// ---- record-number blocks -------------------------------------------------------------------

export type BlockWithOrgs = RecordNoBlockRow & { province_name: string; holder_name: string };

function blockQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('record_no_block as b')
    .innerJoin('org as h', 'h.id', 'b.holder_org_id')
    .innerJoin('org as p', 'p.id', 'b.province_org_id')
    .selectAll('b')
    .select(['h.name as holder_name', 'p.name as province_name'])
    .where(inScope(scope, 'h.path'));
}

export function listBlocks(db: Db, scope: Scope, orgPath: string | null): Promise<BlockWithOrgs[]> {
  return blockQuery(db, scope).where(underOrg(orgPath, 'h.path')).orderBy('b.code').orderBy('b.first_no').execute();
}

export function findBlock(db: Db, scope: Scope, id: number): Promise<BlockWithOrgs | undefined> {
  return blockQuery(db, scope).where('b.id', '=', id).executeTakeFirst();
}

/**
 * Serialises the blocks of one code until the transaction ends, so two overlapping blocks cannot
 * both pass the overlap check.
 */
export async function lockCode(db: Db, code: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`record_no_block:${code}`}))`.execute(db);
}

/**
 * A block of the code sharing a number with [first, last], given by any province (national on
 * purpose: R-REC-09 forbids reissuing a number a predecessor province gave). Only its range is read.
 */
export function overlappingBlock(db: Db, code: string, first: number, last: number) {
  return db
    .selectFrom('record_no_block')
    .select(['first_no', 'last_no'])
    .where('code', '=', code)
    .where('first_no', '<=', last)
    .where('last_no', '>=', first)
    .orderBy('first_no')
    .executeTakeFirst();
}

export type NewBlock = Omit<RecordNoBlockRow, 'id' | 'next_no'>;

/** Inserts the block if the giving province is in the caller's scope (checked in the statement). */
export function insertBlock(db: Db, scope: Scope, row: NewBlock) {
  const cols = Object.keys(row) as (keyof NewBlock)[];
  return db
    .insertInto('record_no_block')
    .columns([...cols, 'next_no'])
    .expression(
      db
        .selectFrom('org as p')
        .select([...cols.map((c) => sql`${row[c] ?? null}`.as(c)), sql`${row.first_no}::integer`.as('next_no')])
        .where('p.id', '=', row.province_org_id)
        .where(inScope(scope, 'p.path')),
    )
    .returning('id')
    .executeTakeFirst();
}

/**
 * Takes the next number of the holder's oldest block that has one left. The row lock of the update
 * holds until the transaction ends: two assignments never get the same number. The holder must be
 * in the scope (checked in the statement).
 */
export async function takeRecordNo(db: Db, scope: Scope, holderOrgId: number): Promise<{ block_id: number; no: number; code: string } | undefined> {
  const { rows } = await sql<{ block_id: number; no: number; code: string }>`
    update record_no_block b set next_no = b.next_no + 1
    where b.id = (
      select x.id from record_no_block x join org h on h.id = x.holder_org_id
      where x.holder_org_id = ${holderOrgId} and x.next_no <= x.last_no and ${inScope(scope, 'h.path')}
      order by x.granted_on, x.first_no limit 1 for update of x)
      and b.next_no <= b.last_no
    returning b.id as block_id, b.next_no - 1 as no, b.code`.execute(db);
  const r = rows[0];
  return r ? { block_id: Number(r.block_id), no: Number(r.no), code: r.code } : undefined;
}

export function findRecordNo(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('member_record_no as r')
    .innerJoin('member as m', 'm.id', 'r.member_id')
    .select(['r.record_no', 'r.form_filed_on', 'r.assigned_on', 'r.block_id'])
    .where('r.member_id', '=', memberId)
    .where(inScope(scope, 'm.org_path'))
    .executeTakeFirst();
}

/** Records the member's number if the member is in scope (checked in the statement); 0 when not. */
export async function insertRecordNo(
  db: Db,
  scope: Scope,
  v: { member_id: number; record_no: string; block_id: number; form_filed_on: string; assigned_on: string; created_by: number | null; created_at: Date },
): Promise<number> {
  const r = await db
    .insertInto('member_record_no')
    .columns(['member_id', 'record_no', 'block_id', 'form_filed_on', 'assigned_on', 'created_by', 'created_at'])
    .expression(
      db
        .selectFrom('member as m')
        .select([
          'm.id as member_id',
          sql`${v.record_no}`.as('record_no'),
          sql`${v.block_id}::bigint`.as('block_id'),
          sql`${v.form_filed_on}::date`.as('form_filed_on'),
          sql`${v.assigned_on}::date`.as('assigned_on'),
          sql`${v.created_by}::bigint`.as('created_by'),
          sql`${v.created_at}::timestamptz`.as('created_at'),
        ])
        .where('m.id', '=', v.member_id)
        .where(inScope(scope, 'm.org_path')),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

// ---- party cards ----------------------------------------------------------------------------

export type CardWithMember = PartyCardRow & { full_name: string; birth_date: string; member_status: string; org_id: number; org_name: string; org_path: string; decided_by_name: string | null };

function cardQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('party_card as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .leftJoin('org as d', 'd.id', 'c.decided_by_org_id')
    .selectAll('c')
    .select(['m.full_name', 'm.birth_date', 'm.status as member_status', 'm.org_id', 'o.name as org_name', 'm.org_path', 'd.name as decided_by_name'])
    .where(inScope(scope, 'm.org_path'));
}

export function findCard(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<CardWithMember | undefined> {
  let q = cardQuery(db, scope).where('c.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst() as Promise<CardWithMember | undefined>;
}

export function memberCards(db: Db, scope: Scope, memberId: number): Promise<CardWithMember[]> {
  return cardQuery(db, scope).where('c.member_id', '=', memberId).orderBy('c.id', 'desc').execute() as Promise<CardWithMember[]>;
}

export function openCardOf(db: Db, memberId: number) {
  // Called after the member was read in scope: only the open card's id, status and version.
  return db.selectFrom('party_card').select(['id', 'status', 'decision_date', 'version']).where('member_id', '=', memberId).where('status', 'in', [...OPEN_CARD_STATUSES]).executeTakeFirst();
}

/** The member's latest card (open or closed), read after the member was read in scope. */
export function lastCardOf(db: Db, memberId: number) {
  return db.selectFrom('party_card').select(['id', 'status']).where('member_id', '=', memberId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export interface CardFilter {
  orgPath: string | null;
  month: string | null;
  status: string | null;
  memberId: number | null;
}

function filtered(db: Db, scope: Scope, f: CardFilter) {
  let q = cardQuery(db, scope).where(underOrg(f.orgPath, 'm.org_path'));
  if (f.month !== null) q = q.where('c.request_month', '=', f.month);
  if (f.status !== null) q = q.where('c.status', '=', f.status);
  if (f.memberId !== null) q = q.where('c.member_id', '=', f.memberId);
  return q;
}

export async function listCards(db: Db, scope: Scope, f: CardFilter, page: { limit: number; offset: number }) {
  const q = filtered(db, scope, f);
  const [items, count] = await Promise.all([
    q.orderBy('c.requested_on', 'desc').orderBy('c.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as CardWithMember[], total: Number(count.n) };
}

/** Every card of the filter in batch order (org, name), for the monthly batch file. */
export function allCards(db: Db, scope: Scope, f: CardFilter): Promise<CardWithMember[]> {
  return filtered(db, scope, f).orderBy('m.org_path').orderBy('m.name_sort').orderBy('c.id').execute() as Promise<CardWithMember[]>;
}

/** R-REC-11: the cards issued (decided, whatever became of them since), in decision order, for the register. */
export function issuedCards(db: Db, scope: Scope, orgPath: string | null): Promise<CardWithMember[]> {
  return cardQuery(db, scope)
    .where(underOrg(orgPath, 'm.org_path'))
    .where('c.decision_date', 'is not', null)
    .orderBy('c.decision_date')
    .orderBy('c.id')
    .execute() as Promise<CardWithMember[]>;
}

/** R-REC-05: cards in the members' hands not checked since `yearStart`, members on the rolls. */
export function uncheckedCards(db: Db, scope: Scope, orgPath: string | null, yearStart: string): Promise<CardWithMember[]> {
  return cardQuery(db, scope)
    .where(underOrg(orgPath, 'm.org_path'))
    .where('c.status', '=', 'handed_over')
    .where((eb) => eb.or([eb('c.last_checked_on', 'is', null), eb('c.last_checked_on', '<', yearStart)]))
    .where('m.status', 'in', ['official', 'exempt'])
    .orderBy('m.org_path')
    .orderBy('m.name_sort')
    .execute() as Promise<CardWithMember[]>;
}

export type NewCard = Pick<PartyCardRow, 'member_id' | 'reason' | 'requested_on' | 'request_month' | 'replaces_id' | 'created_by' | 'created_at' | 'updated_by' | 'updated_at'>;

/** Inserts a card request if its member is in scope (checked in the statement); undefined when not. */
export function insertCard(db: Db, scope: Scope, row: NewCard) {
  const cols = Object.keys(row) as (keyof NewCard)[];
  return db
    .insertInto('party_card')
    .columns(cols)
    .expression(
      db
        .selectFrom('member as m')
        .select(cols.map((c) => (c === 'member_id' ? sql`m.id`.as(c) : sql`${row[c] ?? null}`.as(c))))
        .where('m.id', '=', row.member_id)
        .where(inScope(scope, 'm.org_path')),
    )
    .returning('id')
    .executeTakeFirst();
}

export type CardSet = Partial<
  Pick<PartyCardRow, 'status' | 'card_no' | 'model' | 'decision_no' | 'decision_date' | 'decided_by_org_id' | 'handed_over_on' | 'closed_on' | 'close_note' | 'last_checked_on' | 'updated_by' | 'updated_at'>
>;

/** Changes the card if still at `version` and its member in scope; 0 rows means neither. */
export async function updateCardAtVersion(db: Db, scope: Scope, id: number, version: number, set: CardSet): Promise<number> {
  const r = await db
    .updateTable('party_card')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where((eb) => eb.exists(eb.selectFrom('member as m').select('m.id').whereRef('m.id', '=', 'party_card.member_id').where(inScope(scope, 'm.org_path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The name of an org whose id a register row named (the keeper holding a dossier): only the name, for a refusal's message. */
export async function orgName(db: Db, id: number): Promise<string> {
  return (await db.selectFrom('org').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '—';
}
