import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { ancestorIds, childPath, subtreeUpperBound } from '../../db/tree-path.js';
import type { OrgKind, OrgType } from '../../domain/org-type.js';
import { dimDelta, dimKey, ORG_DIMS, type DimCounts, type RollupMember } from '../../domain/rollup-dims.js';
import { nameSortKey, normalizeName } from '../../domain/vn-name.js';
import { applyDelta, moveCounts } from '../rollup/rollup.repository.js';

// TEST SUPPORT ONLY (the stats and roll-up fuzz tests). Writes to the tree and the member records
// the way the org and member services do: one transaction that updates the base tables, closes and
// opens the dated intervals, and applies the roll-up delta. Kept here because those services are
// being written at the same time; once they exist, tests should drive them instead.

type Tx = Transaction<DB>;

export interface OrgSpec {
  type: OrgType;
  kind?: OrgKind | null;
  parentId: number | null;
  foundedOn: string;
  name?: string;
}

export interface OrgRef {
  id: number;
  path: string;
}

function orgDelta(type: string, kind: string | null, sign: 1 | -1): DimCounts {
  const d: DimCounts = new Map([[dimKey(ORG_DIMS.type, type), sign]]);
  if (kind) d.set(dimKey(ORG_DIMS.kind, kind), sign);
  return d;
}

async function orgPath(tx: Tx, id: number): Promise<string> {
  const row = await tx.selectFrom('org').select('path').where('id', '=', id).executeTakeFirstOrThrow();
  return row.path;
}

/**
 * Closes the open interval of `table` for `key` at `date`; one opened that same day never took
 * effect (a day is the finest grain of an as-of read), so it is deleted instead.
 */
async function closeOpen(tx: Tx, table: 'member_placement' | 'member_status_period' | 'org_version', column: 'member_id' | 'org_id', id: number, date: string) {
  await sql`delete from ${sql.table(table)} where ${sql.ref(column)} = ${id} and valid_to is null and valid_from = ${date}::date`.execute(tx);
  await sql`update ${sql.table(table)} set valid_to = ${date}::date where ${sql.ref(column)} = ${id} and valid_to is null`.execute(tx);
}

export async function createOrg(db: Kysely<DB>, spec: OrgSpec): Promise<OrgRef> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('org', 'id'))::bigint as id`.execute(tx);
    const id = Number(rows[0]!.id);
    const parentPath = spec.parentId === null ? null : await orgPath(tx, spec.parentId);
    const path = childPath(parentPath, id);
    const level = ancestorIds(path).length;
    const name = spec.name ?? `${spec.type} ${id}`;
    const kind = spec.kind ?? null;
    await tx
      .insertInto('org')
      .values({
        id,
        code: `T${id}`,
        name,
        name_norm: normalizeName(name),
        org_type: spec.type,
        org_kind: kind,
        parent_id: spec.parentId,
        path,
        level,
        founded_on: spec.foundedOn,
      })
      .execute();
    await tx
      .insertInto('org_version')
      .values({ org_id: id, valid_from: spec.foundedOn, valid_to: null, name, org_type: spec.type, org_kind: kind, parent_id: spec.parentId, path, level })
      .execute();
    await applyDelta(tx, path, orgDelta(spec.type, kind, 1));
    return { id, path };
  });
}

/** Dissolves an org on `date`: it stops counting from that date (members are not touched). */
export async function dissolveOrg(db: Kysely<DB>, orgId: number, date: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const o = await tx.selectFrom('org').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
    await tx.updateTable('org').set({ dissolved_on: date }).where('id', '=', orgId).execute();
    await closeOpen(tx, 'org_version', 'org_id', orgId, date);
    await applyDelta(tx, o.path, orgDelta(o.org_type, o.org_kind, -1));
  });
}

/**
 * Moves the subtree at `orgId` under `newParentId` on `date`: its counts leave the old ancestors
 * and reach the new ones (moveCounts), paths of orgs and members are rewritten, and every org of
 * the subtree gets a new dated version.
 */
export async function moveOrg(db: Kysely<DB>, orgId: number, newParentId: number, date: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const oldPath = await orgPath(tx, orgId);
    const parentPath = await orgPath(tx, newParentId);
    const newPath = childPath(parentPath, orgId);
    const levelShift = ancestorIds(newPath).length - ancestorIds(oldPath).length;
    await moveCounts(tx, orgId, ancestorIds(oldPath).slice(0, -1), ancestorIds(newPath).slice(0, -1));
    const upper = subtreeUpperBound(oldPath);
    const subtree = await tx.selectFrom('org').select('id').where('path', '>=', oldPath).where('path', '<', upper).where('dissolved_on', 'is', null).execute();
    for (const o of subtree) await closeOpen(tx, 'org_version', 'org_id', o.id, date);
    await sql`update org set parent_id = ${newParentId} where id = ${orgId}`.execute(tx);
    await sql`
      update org set path = ${newPath} || substr(path, ${oldPath.length + 1}), level = level + ${levelShift}
      where path >= ${oldPath} and path < ${upper}`.execute(tx);
    await sql`
      update member set org_path = ${newPath} || substr(org_path, ${oldPath.length + 1})
      where org_path >= ${oldPath} and org_path < ${upper}`.execute(tx);
    const newUpper = subtreeUpperBound(newPath);
    await sql`
      insert into org_version (org_id, valid_from, valid_to, name, org_type, org_kind, parent_id, path, level)
      select id, ${date}::date, null, name, org_type, org_kind, parent_id, path, level
      from org where path >= ${newPath} and path < ${newUpper} and dissolved_on is null`.execute(tx);
  });
}

export interface MemberSpec extends Partial<Omit<RollupMember, 'status'>> {
  orgId: number;
  /** Status from `since` (admission or transfer in). */
  status?: 'probationary' | 'official' | 'exempt';
  since: string;
  fullName?: string;
}

const rollupColumns = [
  'status',
  'sex',
  'birth_date',
  'ethnicity',
  'religion',
  'theory_level',
  'general_education',
  'professional_level',
  'youth_union_date',
] as const;

async function memberForUpdate(tx: Tx, memberId: number): Promise<RollupMember & { org_id: number; org_path: string }> {
  const row = await tx
    .selectFrom('member')
    .select([...rollupColumns, 'org_id', 'org_path'])
    .where('id', '=', memberId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row;
}

export async function createMember(db: Kysely<DB>, spec: MemberSpec): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const path = await orgPath(tx, spec.orgId);
    const fullName = spec.fullName ?? 'Nguyễn Văn An';
    const m: RollupMember = {
      status: spec.status ?? 'official',
      sex: spec.sex ?? 'male',
      birth_date: spec.birth_date ?? '1980-05-05',
      ethnicity: spec.ethnicity ?? 'kinh',
      religion: spec.religion ?? 'none',
      theory_level: spec.theory_level ?? 'none',
      general_education: spec.general_education ?? '12/12',
      professional_level: spec.professional_level ?? null,
      youth_union_date: spec.youth_union_date ?? null,
    };
    const { id } = await tx
      .insertInto('member')
      .values({
        ...m,
        sex: m.sex as 'male' | 'female',
        full_name: fullName,
        name_norm: normalizeName(fullName),
        name_sort: nameSortKey(fullName),
        status_since: spec.since,
        org_id: spec.orgId,
        org_path: path,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('member_status_period').values({ member_id: id, valid_from: spec.since, valid_to: null, status: m.status, decision_no: null }).execute();
    await tx.insertInto('member_placement').values({ member_id: id, valid_from: spec.since, valid_to: null, org_id: spec.orgId }).execute();
    await applyDelta(tx, path, dimDelta(null, m));
    return Number(id);
  });
}

/** Transfer between orgs on `date`: the placement interval closes and a new one opens. */
export async function moveMember(db: Kysely<DB>, memberId: number, toOrgId: number, date: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await memberForUpdate(tx, memberId);
    const toPath = await orgPath(tx, toOrgId);
    await closeOpen(tx, 'member_placement', 'member_id', memberId, date);
    await tx.insertInto('member_placement').values({ member_id: memberId, valid_from: date, valid_to: null, org_id: toOrgId }).execute();
    await tx.updateTable('member').set({ org_id: toOrgId, org_path: toPath }).where('id', '=', memberId).execute();
    await applyDelta(tx, before.org_path, dimDelta(before, null));
    await applyDelta(tx, toPath, dimDelta(null, before));
  });
}

/** Status change on `date` (officialization, exemption, death, removal …). */
export async function changeStatus(db: Kysely<DB>, memberId: number, status: string, date: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await memberForUpdate(tx, memberId);
    await closeOpen(tx, 'member_status_period', 'member_id', memberId, date);
    await tx.insertInto('member_status_period').values({ member_id: memberId, valid_from: date, valid_to: null, status, decision_no: null }).execute();
    await tx.updateTable('member').set({ status, status_since: date }).where('id', '=', memberId).execute();
    await applyDelta(tx, before.org_path, dimDelta(before, { ...before, status }));
  });
}

export type MemberEdit = Partial<Omit<RollupMember, 'status'>>;

/** Edits attributes of the member record (no history: the record holds current values). */
export async function editMember(db: Kysely<DB>, memberId: number, edit: MemberEdit): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await memberForUpdate(tx, memberId);
    const after = { ...before, ...edit };
    await tx
      .updateTable('member')
      .set({ ...edit, sex: after.sex as 'male' | 'female' })
      .where('id', '=', memberId)
      .execute();
    await applyDelta(tx, before.org_path, dimDelta(before, after));
  });
}
