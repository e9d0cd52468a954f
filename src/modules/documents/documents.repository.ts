import type { Kysely, Transaction } from 'kysely';
import { ancestorIds } from '../../db/tree-path.js';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// The SQL of the Word drafts: the org a case belongs to with the names of the orgs above it (for
// the issuer block), and the few member fields a draft prints that the case views leave out.
// The case itself is read through its own module's service, in the caller's scope.

type Db = Kysely<DB> | Transaction<DB>;

export interface OrgLine {
  id: number;
  name: string;
  orgType: string;
  path: string;
}

/** The org (in scope) and its ancestors from the root down, ending with the org itself; null when out of scope. */
export async function orgChain(db: Db, scope: Scope, orgId: number): Promise<OrgLine[] | null> {
  const org = await db.selectFrom('org').select(['id', 'name', 'org_type', 'path']).where('id', '=', orgId).where(inScope(scope, 'path')).executeTakeFirst();
  if (!org) return null;
  // The ancestors' names are the heading of a document about an org the caller may read.
  const ids = ancestorIds(org.path);
  const rows = await db.selectFrom('org').select(['id', 'name', 'org_type', 'path']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, name: r.name, orgType: r.org_type, path: r.path }] : [];
  });
}

/** The member's hometown (quê quán) when the member is in scope. */
export async function memberHometown(db: Db, scope: Scope, memberId: number): Promise<string | null> {
  const r = await db.selectFrom('member').select('hometown').where('id', '=', memberId).where(inScope(scope, 'org_path')).executeTakeFirst();
  return r?.hometown ?? null;
}
