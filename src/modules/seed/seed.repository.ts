import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

// SQL of the seed: the emptiness check, identity sequences, ANALYZE, and the "bulk mode" that
// takes secondary indexes and foreign keys off the loaded tables during a large COPY, and turns
// their triggers off, and puts them back afterwards. The definitions are read from the catalog, so whatever the migrations
// have made (0001 today, more later) is exactly what is restored.

/** The tables a bulk load writes; their secondary indexes and foreign keys are bulk-mode's. */
export const BULK_TABLES = ['org', 'org_version', 'org_event', 'member', 'member_status_period', 'member_placement', 'org_rollup', 'member_name_token'] as const;

export interface IndexDef {
  table: string;
  name: string;
  /** CREATE [UNIQUE] INDEX … as pg_get_indexdef prints it. */
  sql: string;
}

export interface ForeignKeyDef {
  table: string;
  name: string;
  /** FOREIGN KEY (…) REFERENCES …(…) as pg_get_constraintdef prints it. */
  definition: string;
}

export interface TriggerDef {
  table: string;
  name: string;
}

export interface BulkSchema {
  indexes: IndexDef[];
  foreignKeys: ForeignKeyDef[];
  /** Row triggers (not constraint triggers): what they write, the bulk load writes itself. */
  triggers: TriggerDef[];
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function orgTableIsEmpty(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`select exists (select 1 from org) as any`.execute(db);
  return !rows[0]?.any;
}

/**
 * Indexes on `tables` that no constraint owns (primary keys and UNIQUE constraints stay, so
 * duplicates still fail during the load), and the foreign keys declared on `tables`.
 */
export async function readBulkSchema(db: Kysely<DB>, tables: readonly string[]): Promise<BulkSchema> {
  const idx = await sql<{ table: string; name: string; sql: string }>`
    select c.relname as "table", i.relname as name, pg_get_indexdef(i.oid) as sql
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class c on c.oid = x.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = any(${sql.val([...tables])}::text[])
      and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
    order by c.relname, i.relname`.execute(db);
  const fks = await sql<{ table: string; name: string; definition: string }>`
    select c.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema() and c.relname = any(${sql.val([...tables])}::text[])
    order by c.relname, k.conname`.execute(db);
  const triggers = await sql<TriggerDef>`
    select c.relname as "table", t.tgname as name
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where not t.tgisinternal and t.tgenabled <> 'D' and n.nspname = current_schema() and c.relname = any(${sql.val([...tables])}::text[])
    order by c.relname, t.tgname`.execute(db);
  return { indexes: idx.rows, foreignKeys: fks.rows, triggers: triggers.rows };
}

export async function dropBulkSchema(db: Kysely<DB>, schema: BulkSchema): Promise<void> {
  for (const fk of schema.foreignKeys) {
    await sql.raw(`alter table ${ident(fk.table)} drop constraint if exists ${ident(fk.name)}`).execute(db);
  }
  for (const ix of schema.indexes) await sql.raw(`drop index if exists ${ident(ix.name)}`).execute(db);
  for (const t of schema.triggers) await sql.raw(`alter table ${ident(t.table)} disable trigger ${ident(t.name)}`).execute(db);
}

export async function enableTriggers(db: Kysely<DB>, triggers: readonly TriggerDef[]): Promise<void> {
  for (const t of triggers) await sql.raw(`alter table ${ident(t.table)} enable trigger ${ident(t.name)}`).execute(db);
}

/** Builds one index with a generous maintenance_work_mem, in its own transaction. */
export async function createIndex(db: Kysely<DB>, ix: IndexDef, maintenanceWorkMem: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql.raw(`set local maintenance_work_mem = '${maintenanceWorkMem.replace(/'/g, '')}'`).execute(tx);
    await sql.raw(ix.sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')).execute(tx);
  });
}

/** Re-adds a foreign key; PostgreSQL validates all rows in one pass (a join, not a trigger per row). */
export async function addForeignKey(db: Kysely<DB>, fk: ForeignKeyDef, maintenanceWorkMem: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql.raw(`set local work_mem = '${maintenanceWorkMem.replace(/'/g, '')}'`).execute(tx);
    const exists = await sql<{ n: number }>`
      select count(*)::int as n from pg_constraint where conname = ${fk.name} and conrelid = ${fk.table}::regclass`.execute(tx);
    if ((exists.rows[0]?.n ?? 0) > 0) return;
    await sql.raw(`alter table ${ident(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`).execute(tx);
  });
}

/**
 * Sets the visibility map of a freshly loaded table, so that index-only scans read no heap:
 * PGlite has no autovacuum to do it later.
 */
export async function vacuum(db: Kysely<DB>, table: string): Promise<void> {
  await sql.raw(`vacuum ${ident(table)}`).execute(db);
}

/** Moves each identity past the ids the seed assigned itself. */
export async function resetIdentities(db: Kysely<DB>): Promise<void> {
  for (const table of ['org', 'member', 'org_event'] as const) {
    await sql
      .raw(`select setval(pg_get_serial_sequence('${table}', 'id'), m) from (select max(id) as m from ${table}) t where m is not null`)
      .execute(db);
  }
}

export async function analyze(db: Kysely<DB>, tables: readonly string[]): Promise<void> {
  await sql.raw(`analyze ${tables.map(ident).join(', ')}`).execute(db);
}

/** The orgs the demo accounts are assigned to: the demo province, its first commune-level committee, a cell with members. */
export async function demoAnchors(db: Kysely<DB>) {
  const { rows } = await sql<{ province_id: number; commune_id: number; cell_id: number; member_id: number }>`
    with province as (select id, path from org where parent_id is null and is_demo order by id limit 1),
    commune as (
      select o.id, o.path from org o, province p
      where o.parent_id = p.id and o.org_type = 'superior' and o.org_kind = 'commune' order by o.code limit 1),
    cell as (
      select m.org_id as id, min(m.id) as member_id from member m, commune c
      where m.org_path >= c.path and m.org_path < c.path || '~' and m.status = 'official' and m.deleted_at is null
      group by m.org_id having count(*) >= 3 order by m.org_id limit 1)
    select (select id from province) as province_id, (select id from commune) as commune_id,
           (select id from cell) as cell_id, (select member_id from cell) as member_id`.execute(db);
  const r = rows[0];
  if (!r?.province_id || !r.commune_id || !r.cell_id || !r.member_id) throw new Error('demo dataset has no province, commune or cell with members');
  return { provinceId: Number(r.province_id), communeId: Number(r.commune_id), cellId: Number(r.cell_id), memberId: Number(r.member_id) };
}

export interface DemoAdmissionCell {
  id: number;
  orgType: string;
  /** Under the anchor commune, which the commune staff demo account sees. */
  home: boolean;
  /** Two official members of the cell, the introducers of its candidates. */
  sponsorIds: [number, number];
}

/**
 * Cells of the demo commune with at least two official members, first those of the anchor
 * commune and then the rest of the province, in a stable order: the demo admission cases go there.
 */
export async function demoAdmissionCells(db: Kysely<DB>, communeId: number, limit: number): Promise<DemoAdmissionCell[]> {
  const { rows } = await sql<{ id: number; org_type: string; a: number; b: number; home: boolean }>`
    with commune as (select path from org where id = ${communeId}),
    cells as (
      select o.id, o.org_type, o.path >= c.path and o.path < c.path || '~' as home
      from org o, commune c
      where o.is_demo and o.dissolved_on is null and o.org_type in ('cell', 'grassroots_cell')),
    officials as (
      select m.org_id, m.id, row_number() over (partition by m.org_id order by m.id) as n
      from member m join cells on cells.id = m.org_id
      where m.status = 'official' and m.deleted_at is null)
    select cells.id, cells.org_type, cells.home, a.id as a, b.id as b
    from cells join officials a on a.org_id = cells.id and a.n = 1 join officials b on b.org_id = cells.id and b.n = 2
    order by cells.home desc, cells.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), orgType: r.org_type, home: Boolean(r.home), sponsorIds: [Number(r.a), Number(r.b)] }));
}

/** The probationary members of the demo commune, longest on probation first: one gets an early recognition case. */
export async function demoProbationaryMembers(db: Kysely<DB>, communeId: number, limit: number): Promise<{ id: number; statusSince: string }[]> {
  const { rows } = await sql<{ id: number; status_since: string }>`
    with commune as (select path from org where id = ${communeId})
    select m.id, m.status_since from member m, commune c
    where m.org_path >= c.path and m.org_path < c.path || '~' and m.status = 'probationary' and m.deleted_at is null
      and not exists (select 1 from recognition_case r where r.member_id = m.id and r.closed_on is null)
    order by m.status_since, m.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), statusSince: String(r.status_since) }));
}

export interface DemoTransferMember {
  id: number;
  orgId: number;
  /** Under the anchor commune, which the commune staff demo account sees. */
  home: boolean;
  superiorId: number;
}

/**
 * Official members of the demo who may be transferred: in cells of the demo's communes, past each
 * cell's first three members (the admission sponsors and the demo member account stay put), on no
 * open case. Home commune first, then the others.
 */
export async function demoTransferMembers(db: Kysely<DB>, communeId: number, limit: number): Promise<DemoTransferMember[]> {
  const { rows } = await sql<{ id: number; org_id: number; home: boolean; superior_id: number }>`
    with commune as (select path from org where id = ${communeId}),
    ranked as (
      select m.id, m.org_id, m.org_path, row_number() over (partition by m.org_id order by m.id) as n
      from member m join org o on o.id = m.org_id
      where o.is_demo and o.dissolved_on is null and m.status = 'official' and m.deleted_at is null
        and not exists (select 1 from recognition_case r where r.member_id = m.id and r.closed_on is null)
        and not exists (select 1 from transfer_case t where t.member_id = m.id and t.closed_on is null))
    select r.id, r.org_id, r.org_path >= c.path and r.org_path < c.path || '~' as home,
           (select s.id from org s where s.org_type = 'superior' and r.org_path like s.path || '%' order by s.level desc limit 1) as superior_id
    from ranked r, commune c
    where r.n > 3
    order by home desc, r.org_id, r.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), orgId: Number(r.org_id), home: Boolean(r.home), superiorId: Number(r.superior_id) }));
}

/**
 * Demo attachments: the most recent cases of a kind with a recorded decision, letter or
 * resolution step, and that step's id (the one a scan is attached to).
 */
export async function demoStepsToAttach(db: Kysely<DB>, kind: 'admission' | 'recognition' | 'transfer', limit: number): Promise<{ caseId: number; stepId: number; stepKind: string }[]> {
  const table = kind === 'admission' ? 'admission_step' : kind === 'recognition' ? 'recognition_step' : 'transfer_step';
  const kinds = kind === 'transfer' ? ['letter'] : ['decision', 'cell_resolution'];
  const rows = await db
    .selectFrom(table)
    .select([sql<number>`max(id)`.as('step_id'), 'case_id'])
    .where('kind', 'in', kinds)
    .groupBy('case_id')
    .orderBy('case_id', 'desc')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => Number(r.step_id));
  const kindOf = new Map(ids.length === 0 ? [] : (await db.selectFrom(table).select(['id', 'kind']).where('id', 'in', ids).execute()).map((r) => [Number(r.id), r.kind]));
  return rows.map((r) => ({ caseId: Number(r.case_id), stepId: Number(r.step_id), stepKind: kindOf.get(Number(r.step_id)) ?? '' }));
}
