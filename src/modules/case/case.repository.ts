import { sql, type Insertable, type Kysely, type Selectable, type SqlBool, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// The SQL every case kind (admission, recognition, transfer, removal) does the same way: the case
// row changed only at the version the caller read and only inside its scope, and the step history
// appended and read back under the case's scope. Each kind names its tables here; its own queries
// (lists, open cases, joins with members) stay in its module.

type Db = Kysely<DB> | Transaction<DB>;

const STEP_TABLE = {
  admission_case: 'admission_step',
  recognition_case: 'recognition_step',
  transfer_case: 'transfer_step',
  removal_case: 'removal_step',
} as const;

export type CaseTable = keyof typeof STEP_TABLE;
type StepTable<T extends CaseTable> = (typeof STEP_TABLE)[T];

/** The step history row as written: the table's own columns, `details` as JSON text. */
export type NewStep<T extends CaseTable> = Omit<Insertable<DB[StepTable<T>]>, 'id' | 'details'> & { details: string; recorded_at: Date };

// Kysely types a table chosen at run time only through the caller's generic signature; inside,
// the builder is untyped and the signatures carry the row types.
const untyped = (db: Db) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

/**
 * Changes the case if still at `version` and in scope through `scopeColumns` (any of them; a
 * transfer is seen from both ends); 0 rows means someone else changed it first or it is not the
 * caller's.
 */
export async function updateCaseAtVersion<T extends CaseTable>(
  db: Db,
  scope: Scope,
  table: T,
  id: number,
  version: number,
  set: Updateable<DB[T]>,
  scopeColumns: readonly string[] = ['org_path'],
): Promise<number> {
  const r = await untyped(db)
    .updateTable(table as string)
    .set({ ...(set as Record<string, unknown>), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(anyInScope(scope, scopeColumns))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Appends a step to the case's history (the service has checked the case in scope). */
export async function insertStep<T extends CaseTable>(db: Db, caseTable: T, row: NewStep<T>): Promise<Selectable<DB[StepTable<T>]>> {
  const inserted = await untyped(db).insertInto(STEP_TABLE[caseTable] as string).values(row).returningAll().executeTakeFirstOrThrow();
  return inserted as Selectable<DB[StepTable<T>]>;
}

/** The case's steps in the order recorded; none when the case is out of scope. */
export async function stepsOf<T extends CaseTable>(
  db: Db,
  scope: Scope,
  caseTable: T,
  caseId: number,
  scopeColumns: readonly string[] = ['org_path'],
): Promise<Selectable<DB[StepTable<T>]>[]> {
  const rows = await untyped(db)
    .selectFrom(`${STEP_TABLE[caseTable] as string} as s`)
    .innerJoin(`${caseTable as string} as c`, 'c.id', 's.case_id')
    .selectAll('s')
    .where('s.case_id', '=', caseId)
    .where(anyInScope(scope, scopeColumns.map((c) => `c.${c}`)))
    .orderBy('s.id')
    .execute();
  return rows as Selectable<DB[StepTable<T>]>[];
}

function anyInScope(scope: Scope, columns: readonly string[]) {
  const parts = columns.map((c) => inScope(scope, c));
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
