import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { inScope, type Scope } from '../auth/scope.js';
import type { MemberListRow, PageStart } from './member.repository.js';
import type { ListCursor, TokenWalk } from './member.search.js';

// Word search as a walk of member_name_token (migration 0015, docs/queries/member-list.md):
// for each name word the driver expands to and each second-level org of the scope, the members
// in name order, merged; the page is the first rows of the merge and the total counts it up to a
// cap. Everything but the page's own rows is read from the index.

type Db = Kysely<DB>;

/**
 * The second-level orgs whose token rows make up `scope` (a member placed in a top org has the
 * top org as its own), or null when some subtree of the scope lies deeper: those are listed by
 * their path instead. '/' is the whole tree.
 */
export async function level2OrgIds(db: Db, scope: Scope): Promise<number[] | null> {
  const ids = new Set<number>();
  const tops: number[] = [];
  let everything = false;
  for (const p of scope.paths) {
    const path = ancestorIds(p);
    if (path.length === 2) ids.add(path[1]!);
    else if (path.length === 1) tops.push(path[0]!);
    else if (path.length === 0) everything = true;
    else return null;
  }
  if (everything) {
    // The roots and their children, both through org_parent_idx (which holds the nulls too).
    const roots = await db.selectFrom('org').select('id').where('parent_id', 'is', null).execute();
    tops.push(...roots.map((r) => Number(r.id)));
  }
  if (tops.length > 0) {
    for (const t of tops) ids.add(t);
    const children = await db.selectFrom('org').select('id').where('parent_id', 'in', tops).execute();
    for (const r of children) ids.add(Number(r.id));
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * Each word's share of all token rows among the table's most common values (ANALYZE keeps up
 * to 1,000 of them, migration 0015). A word not listed is rarer than all of them.
 */
export async function tokenWordFrequencies(db: Db): Promise<Map<string, number>> {
  const { rows } = await sql<{ vals: string[] | null; freqs: number[] | null }>`
    select most_common_vals::text::text[] as vals, most_common_freqs as freqs
    from pg_stats
    where schemaname = current_schema() and tablename = 'member_name_token' and attname = 'word'`.execute(db);
  const out = new Map<string, number>();
  const r = rows[0];
  if (r?.vals && r.freqs) r.vals.forEach((w, i) => out.set(w, Number(r.freqs![i])));
  return out;
}

export interface TokenPage {
  /** The caller's scope narrowed by the org filter: the subtrees level2Ids stand for. */
  scope: Scope;
  walk: TokenWalk;
  level2Ids: readonly number[];
  statuses: readonly string[];
  descending: boolean;
}

/** The merged walk: (name_sort, member_id) of the matches in order, at most `n`. */
function hits(db: Db, t: TokenPage, after: ListCursor | null, n: number): RawBuilder<unknown> {
  const dir = sql.raw(t.descending ? 'desc' : 'asc');
  const patterns = t.walk.patterns.map((p) => sql`${p}`);
  const branches = t.walk.driver.flatMap((word) =>
    t.level2Ids.map((level2) => {
      let q = db
        .selectFrom('member_name_token as t')
        .select(['t.name_sort', 't.member_id'])
        .where('t.word', '=', word)
        .where('t.level2_id', '=', level2)
        .where('t.status', 'in', [...t.statuses]);
      if (patterns.length > 0) q = q.where(sql<boolean>`coalesce(t.name_words, t.name_sort) like all (array[${sql.join(patterns)}]::text[])`);
      if (after) q = q.where(sql<boolean>`(t.name_sort, t.member_id) ${sql.raw(t.descending ? '<' : '>')} (${after.value}, ${after.id})`);
      return sql`(${q.orderBy('t.name_sort', t.descending ? 'desc' : 'asc').orderBy('t.member_id', t.descending ? 'desc' : 'asc').limit(n)})`;
    }),
  );
  // One word's rows of one org are disjoint from another org's; two name words starting with the
  // same prefix ("nguy": nguyen, nguyet) can bring a member twice, hence distinct.
  const merged = sql.join(branches, sql` union all `);
  const distinct = t.walk.driver.length > 1 ? sql`distinct` : sql``;
  return sql`select ${distinct} u.name_sort, u.member_id from (${merged}) u order by u.name_sort ${dir}, u.member_id ${dir} limit ${n}`;
}

const ROW_COLUMNS = sql`m.id, m.full_name, m.name_sort, m.sex, m.birth_date, m.status, m.org_id, o.name as org_name, o.code as org_code,
  m.party_card_no, m.admission_date, m.official_date, m.theory_level, m.version`;

/**
 * One page and the number of matches up to `cap` (+1: more than the cap). From the start of the
 * list both come from one walk of at most cap + 1 matches, which holds the page when it lies
 * within them; a page after a cursor starts its own walk there.
 */
export async function tokenSearchPage(
  db: Db,
  t: TokenPage,
  limit: number,
  start: PageStart,
  cap: number,
): Promise<{ rows: MemberListRow[]; counted: number }> {
  const dir = sql.raw(t.descending ? 'desc' : 'asc');
  // The page's rows are checked against the scope once more: the org ids stand for it, and a
  // member listed must be in it whatever the token rows say. Inside coalesce, so that the
  // planner does not take the path range (estimated at a few rows for a province) as the way
  // into member and read the province to join 21 rows.
  return db.transaction().execute(async (tx) => {
    // The merge of the ordered branches must stay a merge (Unique over Merge Append); a hash
    // aggregate for the distinct would read every branch to its end.
    await sql`set local enable_hashagg = off`.execute(tx);
    const after = 'after' in start ? start.after : null;
    const offset = 'offset' in start ? start.offset : 0;
    const oneWalk = after === null && offset + limit <= cap + 1;
    const pageHits = oneWalk ? sql`select * from hits` : hits(tx, t, after, offset + limit);
    const { rows } = await sql<MemberListRow & { counted: string }>`
      with hits as materialized (${hits(tx, t, null, cap + 1)}),
      page as (select p.name_sort, p.member_id from (${pageHits}) p order by p.name_sort ${dir}, p.member_id ${dir} limit ${limit} offset ${offset})
      select ${ROW_COLUMNS}, (select count(*) from hits) as counted
      from page p
      join member m on m.id = p.member_id and m.deleted_at is null and coalesce(${inScope(t.scope, 'm.org_path')}, false)
      join org o on o.id = m.org_id
      order by p.name_sort ${dir}, p.member_id ${dir}`.execute(tx);
    const counted = rows.length > 0 ? Number(rows[0]!.counted) : Number((await sql<{ n: string }>`select count(*) as n from (${hits(tx, t, null, cap + 1)}) h`.execute(tx)).rows[0]!.n);
    return { rows: rows.map(({ counted: _, ...r }) => r), counted };
  });
}

/**
 * Token rows that differ from what the live members' names give, both ways (missing and
 * extra), up to `limit`; the triggers of migration 0015 must keep this at zero.
 */
export async function nameTokenDifferences(db: Db, limit = 100): Promise<{ side: 'missing' | 'extra'; member_id: number; word: string }[]> {
  const { rows } = await sql<{ side: 'missing' | 'extra'; member_id: string; word: string }>`
    with expected as (select * from member_name_token_source), stored as (select * from member_name_token)
    select 'missing' as side, member_id, word from (select * from expected except all select * from stored) a
    union all
    select 'extra' as side, member_id, word from (select * from stored except all select * from expected) b
    order by member_id, word
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ ...r, member_id: Number(r.member_id) }));
}

/** Writes every live member's tokens: after a bulk load (triggers off), or into an emptied table. */
export async function fillNameTokens(db: Db): Promise<void> {
  await sql`insert into member_name_token select * from member_name_token_source`.execute(db);
}

/** Rewrites the whole table from the members' names, in one transaction (`dangvu check search --repair`). */
export async function rebuildNameTokens(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`delete from member_name_token`.execute(tx);
    await fillNameTokens(tx);
  });
  await sql`analyze member_name_token`.execute(db);
}
