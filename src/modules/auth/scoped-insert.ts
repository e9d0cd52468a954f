import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from './scope.js';

// A row of a scoped table is written as `insert … select <its values> from <its anchor> where
// <the anchor is in scope>`: the member or org the row belongs to is read in the statement that
// writes, so an anchor outside the caller's scope (or missing) writes nothing and returns no row,
// and no other transaction can move it out of scope between a check and the write.

type Db = Kysely<DB> | Transaction<DB>;

/** The column of each anchor table that places it in the tree: a transfer case by its sending end. */
const PLACED_BY = { member: 'org_path', org: 'path', transfer_case: 'source_path' } as const;

export interface Anchor {
  table: keyof typeof PLACED_BY;
  id: number;
  /** For a member: it must still be placed in this org (a case opened from its current org). */
  orgId?: number;
  /** A column of the row that takes the anchor's path as of the write. */
  pathInto?: string;
}

/**
 * `insert into <table> (<row's columns>) select … from <anchor>` for one row, only when the anchor
 * is in `scope`. Add `.returning(…)`: no row back means out of scope or missing. `casts` gives a
 * column's SQL type where the value's own is not enough (jsonb text).
 */
export function insertIfInScope<T extends keyof DB & string>(
  db: Db,
  scope: Scope,
  table: T,
  row: object,
  anchor: Anchor,
  casts: Readonly<Record<string, string>> = {},
): InsertQueryBuilder<DB, T, InsertResult> {
  const values = Object.entries(row).map(([column, value]) => {
    const v = casts[column] ? sql`cast(${value ?? null} as ${sql.raw(casts[column])})` : sql`${value ?? null}`;
    return v.as(column);
  });
  const member = anchor.table === 'member';
  const path = `a.${PLACED_BY[anchor.table]}`;
  let source = db
    .selectFrom(`${anchor.table} as a` as 'org as a')
    .select(anchor.pathInto ? [...values, sql.ref(path).as(anchor.pathInto)] : values)
    .where('a.id', '=', anchor.id)
    .where(inScope(scope, path));
  if (member && anchor.orgId !== undefined) source = source.where(sql.ref('a.org_id'), '=', anchor.orgId);
  const columns = [...Object.keys(row), ...(anchor.pathInto ? [anchor.pathInto] : [])];
  return db
    .insertInto(table)
    .columns(columns as never)
    .expression(source as never) as unknown as InsertQueryBuilder<DB, T, InsertResult>;
}
