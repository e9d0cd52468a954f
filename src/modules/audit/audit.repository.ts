import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

export interface Actor {
  userId: number | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  orgPath: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Keeps only the fields that differ, so the trail shows what changed and nothing else. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** Appends one audit row; call it inside the transaction that makes the change. */
export async function appendAudit(db: Kysely<DB> | Transaction<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: actor.userId,
      ip: actor.ip,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      org_path: entry.orgPath,
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
    })
    .execute();
}

/** Appends many audit rows in one statement (a bulk write such as an import's creations). */
export async function appendAudits(db: Kysely<DB> | Transaction<DB>, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        user_id: actor.userId,
        ip: actor.ip,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId === null ? null : String(entry.entityId),
        org_path: entry.orgPath,
        before: entry.before ? JSON.stringify(entry.before) : null,
        after: entry.after ? JSON.stringify(entry.after) : null,
      })),
    )
    .execute();
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  userId?: number;
  /** Only rows about this subtree (an org path within the scope). */
  orgPath?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  offset: number;
}

/**
 * The trail within the caller's scope, newest first. A row belongs where its org_path lies;
 * rows about no org (sign-ins, installation-wide accounts) only to a whole-tree scope.
 */
export async function queryAudit(db: Kysely<DB>, scope: Scope, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .where((eb) => (scope.paths.includes('/') ? eb.or([inScope(scope, 'a.org_path'), eb('a.org_path', 'is', null)]) : inScope(scope, 'a.org_path')));
  if (f.entityType !== undefined) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId !== undefined) q = q.where('a.entity_id', '=', f.entityId);
  if (f.userId !== undefined) q = q.where('a.user_id', '=', f.userId);
  if (f.orgPath !== undefined) q = q.where(inScope(makeScope([f.orgPath]), 'a.org_path'));
  if (f.from !== undefined) q = q.where('a.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('a.at', '<', f.to);
  const [rows, count] = await Promise.all([
    q
      .select(['a.id', 'a.at', 'a.user_id', 'u.username', 'a.ip', 'a.action', 'a.entity_type', 'a.entity_id', 'a.org_path', 'a.before', 'a.after'])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
