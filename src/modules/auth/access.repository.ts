import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Role } from '../../domain/permissions.js';
import type { Grant } from './access.js';

/**
 * A user's assignments in force on `today`, with their org's current path ('/' for the whole
 * installation). Assignments on an org later moved follow it: the path is read now, not stored.
 */
export async function activeGrants(db: Kysely<DB>, userId: number, today: string): Promise<Grant[]> {
  const { rows } = await sql<{ role: Role; path: string; validTo: string | null }>`
    select ra.role, coalesce(o.path, '/') as path, ra.valid_to::text as "validTo"
    from role_assignment ra left join org o on o.id = ra.org_id
    where ra.user_id = ${userId} and ra.revoked_at is null
      and ra.valid_from <= ${today}::date and (ra.valid_to is null or ra.valid_to >= ${today}::date)`.execute(db);
  return rows;
}

/** Records an assignment as given (by the CLI, the bootstrap, or a checked grant). */
export function insertAssignment(
  db: Kysely<DB>,
  a: { userId: number; role: Role; orgId: number | null; validFrom: string; validTo?: string | null; grantedBy: number | null },
) {
  return db
    .insertInto('role_assignment')
    .values({
      user_id: a.userId,
      role: a.role,
      org_id: a.orgId,
      valid_from: a.validFrom,
      valid_to: a.validTo ?? null,
      granted_by: a.grantedBy,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}
