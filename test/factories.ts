import { sql, type Kysely } from 'kysely';
import type { DB, MemberRow, NewMember } from '../src/db/types.js';
import { ancestorIds, childPath } from '../src/db/tree-path.js';
import type { OrgKind, OrgType } from '../src/domain/org-type.js';
import { dimDelta, dimKey, ORG_DIMS, type DimCounts } from '../src/domain/rollup-dims.js';
import { nameSortKey, normalizeName, tidyFullName } from '../src/domain/vn-name.js';
import { applyDelta } from '../src/modules/rollup/rollup.repository.js';

// Shared test factories. They write rows directly, the way the services do (base row, dated
// interval, roll-up delta, in one transaction), so a test can build a tree or a crowd of members
// without going through modules it is not testing. Append new helpers; keep existing signatures.

let seq = 0;
const nextSeq = () => ++seq;

export interface TestOrg {
  id: number;
  code: string;
  name: string;
  path: string;
  type: OrgType;
}

export interface TestOrgSpec {
  type: OrgType;
  parent?: { id: number; path: string } | null;
  name?: string;
  code?: string;
  kind?: OrgKind | null;
  foundedOn?: string;
}

/** An org with its org_version row and its org_type (and org_kind) roll-up counts. */
export async function insertTestOrg(db: Kysely<DB>, spec: TestOrgSpec): Promise<TestOrg> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('org', 'id'))::bigint as id`.execute(tx);
    const id = Number(rows[0]!.id);
    const parent = spec.parent ?? null;
    const path = childPath(parent?.path ?? null, id);
    const level = ancestorIds(path).length;
    const name = spec.name ?? `Tổ chức ${id}`;
    const code = spec.code ?? `TEST${id}-${nextSeq()}`;
    const kind = spec.kind ?? null;
    const foundedOn = spec.foundedOn ?? '2000-01-01';
    await tx
      .insertInto('org')
      .values({ id, code, name, name_norm: normalizeName(name), org_type: spec.type, org_kind: kind, parent_id: parent?.id ?? null, path, level, founded_on: foundedOn })
      .execute();
    await tx
      .insertInto('org_version')
      .values({ org_id: id, valid_from: foundedOn, valid_to: null, name, org_type: spec.type, org_kind: kind, parent_id: parent?.id ?? null, path, level })
      .execute();
    const delta: DimCounts = new Map([[dimKey(ORG_DIMS.type, spec.type), 1]]);
    if (kind) delta.set(dimKey(ORG_DIMS.kind, kind), 1);
    await applyDelta(tx, path, delta);
    return { id, code, name, path, type: spec.type };
  });
}

/** province → superior → grassroots committee → two cells, and a grassroots cell beside them. */
export async function insertTestTree(db: Kysely<DB>, prefix = 'T') {
  const province = await insertTestOrg(db, { type: 'province', name: `Đảng bộ tỉnh ${prefix}` });
  const commune = await insertTestOrg(db, { type: 'superior', parent: province, name: `Đảng bộ xã ${prefix}`, kind: 'commune' });
  const committee = await insertTestOrg(db, { type: 'grassroots_committee', parent: commune, name: `Đảng bộ cơ sở ${prefix}` });
  const cellA = await insertTestOrg(db, { type: 'cell', parent: committee, name: `Chi bộ ${prefix} A`, kind: 'village' });
  const cellB = await insertTestOrg(db, { type: 'cell', parent: committee, name: `Chi bộ ${prefix} B`, kind: 'village' });
  const gcell = await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: `Chi bộ cơ sở ${prefix}` });
  return { province, commune, committee, cellA, cellB, gcell };
}

export type TestMemberSpec = Partial<Omit<NewMember, 'org_id' | 'org_path'>> & { org: { id: number; path: string } };

/** A member row with its open status period and placement and its roll-up counts. */
export async function insertTestMember(db: Kysely<DB>, spec: TestMemberSpec): Promise<MemberRow> {
  return db.transaction().execute(async (tx) => {
    const { org, ...rest } = spec;
    const n = nextSeq();
    const fullName = tidyFullName(rest.full_name ?? `Nguyễn Văn Thử ${n}`);
    const row: NewMember = {
      sex: 'male',
      birth_date: '1980-01-01',
      status: 'official',
      status_since: '2010-01-01',
      admission_date: '2009-01-01',
      ethnicity: 'kinh',
      religion: 'none',
      theory_level: 'none',
      ...rest,
      full_name: fullName,
      name_norm: normalizeName(fullName),
      name_sort: nameSortKey(fullName),
      org_id: org.id,
      org_path: org.path,
    };
    const m = await tx.insertInto('member').values(row).returningAll().executeTakeFirstOrThrow();
    await tx.insertInto('member_status_period').values({ member_id: m.id, valid_from: m.status_since, valid_to: null, status: m.status, decision_no: null }).execute();
    await tx.insertInto('member_placement').values({ member_id: m.id, valid_from: m.admission_date ?? m.status_since, valid_to: null, org_id: org.id }).execute();
    await applyDelta(tx, org.path, dimDelta(null, m));
    return m;
  });
}
