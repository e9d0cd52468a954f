import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, makeScope } from '../auth/scope.js';

// What the records demo reads to pick its members: the anchor commune's members of given statuses,
// in a stable order, and the province's code. Only for the demo seed.

export function communeMembers(db: Kysely<DB>, communePath: string, statuses: readonly string[], limit: number) {
  return db
    .selectFrom('member')
    .select(['id', 'citizen_id', 'status', 'version'])
    .where(inScope(makeScope([communePath]), 'org_path'))
    .where('status', 'in', [...statuses])
    .where('deleted_at', 'is', null)
    .where('citizen_id', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function orgCodeAndPath(db: Kysely<DB>, id: number) {
  return db.selectFrom('org').select(['code', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
}
