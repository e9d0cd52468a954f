import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { narrowScope, type Scope } from '../auth/scope.js';
import type { MemberListFilter } from './member.repository.js';
import type { MemberSort } from './member.schema.js';
import { level2OrgIds, tokenWordFrequencies, type TokenPage } from './member-token.repository.js';
import { tokenWalk } from './member.search.js';

// Whether a list query is a word search the token table answers (migration 0015), and how.
// Other filters than the statuses (sex, age, theory level, ethnicity), other sorts, and subtrees
// below the second level go the way of the words index and the path ranges instead: the token
// rows carry neither those columns nor the deeper path, and a deep subtree is small enough to
// filter.

/**
 * Above this many branches (name words × second-level orgs) planning and starting them costs more
 * than the walk saves (≈ 0.1–0.3 ms a branch): a province-sized installation, whose second level
 * is ~100 communes of ~1,700 members each, searches faster through the words index (PGlite,
 * 167,424 members: median 8 against 32 ms). The 34 provinces of the national tree, with a driver
 * of one word, stay under it.
 */
export const MAX_TOKEN_BRANCHES = 40;

/** Statistics change slowly; reading pg_stats once in a while is enough to pick the rarest word. */
const FREQUENCY_TTL_MS = 10 * 60 * 1000;
const frequencyCache = new WeakMap<Kysely<DB>, { at: number; freq: Map<string, number> }>();

async function frequencies(db: Kysely<DB>): Promise<Map<string, number>> {
  const hit = frequencyCache.get(db);
  const now = Date.now();
  if (hit && now - hit.at < FREQUENCY_TTL_MS) return hit.freq;
  const freq = await tokenWordFrequencies(db);
  frequencyCache.set(db, { at: now, freq });
  return freq;
}

/** Forgets the cached statistics (after a bulk load or an ANALYZE). */
export function forgetTokenStatistics(db: Kysely<DB>): void {
  frequencyCache.delete(db);
}

export async function tokenPlan(db: Kysely<DB>, scope: Scope, f: MemberListFilter, sort: MemberSort): Promise<TokenPage | null> {
  const s = f.search;
  if (s?.kind !== 'words' || (sort !== 'name' && sort !== '-name')) return null;
  if (f.sex !== null || f.birthDates || f.theoryLevels || f.ethnicGroup) return null;
  const within = f.orgPath === null ? scope : narrowScope(scope, f.orgPath);
  if (within.paths.length === 0) return null;
  const level2Ids = await level2OrgIds(db, within);
  if (level2Ids === null || level2Ids.length === 0) return null;
  const freq = await frequencies(db);
  const walk = tokenWalk(s, (w) => freq.get(w) ?? 0);
  if (walk === null || walk.driver.length * level2Ids.length > MAX_TOKEN_BRANCHES) return null;
  return { scope: within, walk, level2Ids, statuses: f.statuses, descending: sort === '-name' };
}
