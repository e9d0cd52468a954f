import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.js';
import { insertTestMember, insertTestOrg, type TestOrg } from '../../../test/factories.js';
import { fixedClock } from '../../clock.js';
import { makeScope } from '../auth/scope.js';
import { staffContext } from '../service-context.js';
import { tokenPlan } from './member-token.plan.js';
import { nameTokenDifferences, rebuildNameTokens, tokenSearchPage } from './member-token.repository.js';
import { searchPage, type MemberListFilter } from './member.repository.js';
import type { MemberSort } from './member.schema.js';
import { listFilterOf, listMembers } from './member.service.js';
import { tokenWalk } from './member.search.js';

// The token walk (migration 0015) must list exactly what the words index lists, in the same
// order, page after page: both are compared on the same members for queries that exercise the
// prefix expansion, a name with two words of one prefix, an apostrophe, statuses and scopes.

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Đặng', 'Ksor', 'Nguyễn'];
const MIDDLES = ['Văn', 'Thị', 'Nguyệt', 'Hữu', "H'", 'Minh'];
const GIVENS = ['Hùng', 'Lan', 'Nhung', "H'Hen", 'Minh', 'Nguyên', 'An'];
const QUERIES = ['nguyen van hung', 'nguy', 'hung', 'tran thi', "h'hen", 'hhen', 'ng v', 'le minh', 'minh minh', 'an', 'zzz'];

describeEachEngine('member search on the token table', (get) => {
  const clock = fixedClock('2026-11-22');
  let root: TestOrg;
  let provinces: TestOrg[];

  beforeAll(async () => {
    const db = get().db;
    root = await insertTestOrg(db, { type: 'central', name: 'Trung ương thử' });
    provinces = [];
    const cells: TestOrg[] = [];
    for (const p of ['Một', 'Hai']) {
      const province = await insertTestOrg(db, { type: 'province', parent: root, name: `Tỉnh ${p}` });
      const commune = await insertTestOrg(db, { type: 'superior', parent: province, name: `Xã ${p}`, kind: 'commune' });
      const committee = await insertTestOrg(db, { type: 'grassroots_committee', parent: commune, name: `Cơ sở ${p}` });
      cells.push(await insertTestOrg(db, { type: 'cell', parent: committee, name: `Chi bộ ${p}`, kind: 'village' }));
      provinces.push(province);
    }
    let n = 0;
    for (const s of SURNAMES) {
      for (const m of MIDDLES) {
        for (const g of GIVENS) {
          n++;
          const status = n % 11 === 0 ? 'deceased' : n % 7 === 0 ? 'exempt' : 'official';
          const row = await insertTestMember(db, { org: cells[n % 2]!, full_name: `${s} ${m} ${g}`, status });
          // A few records deleted and a few renamed after the insert: the triggers must follow.
          if (n % 13 === 0) await db.updateTable('member').set({ deleted_at: new Date() }).where('id', '=', row.id).execute();
          if (n % 17 === 0) {
            await db.updateTable('member').set({ full_name: 'Nguyễn Nguyệt Hùng', name_norm: 'nguyen nguyet hung', name_sort: 'hung nguyen nguyet hung' }).where('id', '=', row.id).execute();
          }
        }
      }
    }
    await sql`analyze member_name_token`.execute(db);
  });

  /** Every row the service lists, following the cursors, as (id) in order, and the first page's total. */
  async function allPages(paths: readonly string[], q: string, sort: MemberSort, extra: { org?: number; status?: string } = {}) {
    const ctx = staffContext(get().db, clock, paths);
    const ids: number[] = [];
    let after: string | undefined;
    let total: number | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = await listMembers(ctx, { q, mode: 'word', sort, page: 1, pageSize: 7, ...(after ? { after } : {}), ...extra });
      total ??= page.total;
      ids.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    return { ids, total };
  }

  /** The same list through the words index and the path ranges (repository.searchPage). */
  async function viaWordsIndex(paths: readonly string[], q: string, sort: MemberSort, extra: { org?: number; status?: string } = {}) {
    const ctx = staffContext(get().db, clock, paths);
    const plan = await listFilterOf(ctx, { q, mode: 'word', ...extra });
    if (plan === null) return { ids: [], total: 0 };
    const page = await searchPage(ctx.db, ctx.scope, plan.filter, sort, 10_000, { offset: 0 });
    return { ids: page.rows.map((r) => r.id), total: page.total };
  }

  async function usesTokens(paths: readonly string[], q: string, sort: MemberSort, extra: { org?: number; status?: string } = {}) {
    const ctx = staffContext(get().db, clock, paths);
    const plan = await listFilterOf(ctx, { q, mode: 'word', ...extra });
    return plan !== null && (await tokenPlan(ctx.db, ctx.scope, plan.filter, sort)) !== null;
  }

  it('lists what the words index lists, in the same order, for every query, scope, sort and status set', async () => {
    const cases: { paths: string[]; extra: { org?: number; status?: string } }[] = [
      { paths: ['/'], extra: {} },
      { paths: [root.path], extra: {} },
      { paths: [provinces[0]!.path], extra: {} },
      { paths: [provinces[0]!.path, provinces[1]!.path], extra: {} },
      { paths: ['/'], extra: { org: provinces[1]!.id } },
      { paths: ['/'], extra: { status: 'deceased,exempt' } },
    ];
    let compared = 0;
    for (const c of cases) {
      for (const q of QUERIES) {
        for (const sort of ['name', '-name'] as const) {
          const want = await viaWordsIndex(c.paths, q, sort, c.extra);
          const got = await allPages(c.paths, q, sort, c.extra);
          const label = `${q} ${sort} ${JSON.stringify(c)}`;
          expect(got.ids, label).toEqual(want.ids);
          expect(got.total, label).toBe(want.ids.length);
          if (want.ids.length > 0) {
            expect(await usesTokens(c.paths, q, sort, c.extra), label).toBe(true);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('leaves filters the tokens do not carry, and subtrees below the second level, to the words index', async () => {
    const cell = await get().db.selectFrom('org').select(['id', 'path']).where('name', '=', 'Chi bộ Một').executeTakeFirstOrThrow();
    expect(await usesTokens([cell.path], 'nguyen', 'name')).toBe(false);
    expect(await usesTokens(['/'], 'nguyen', 'birthDate')).toBe(false);
    const ctx = staffContext(get().db, clock, ['/']);
    const plan = (await listFilterOf(ctx, { q: 'nguyen', mode: 'word', sex: 'female' }))!;
    expect(await tokenPlan(ctx.db, ctx.scope, plan.filter, 'name')).toBeNull();
    // And the scope is the scope: nobody outside it is listed whatever the query.
    const one = await allPages([provinces[0]!.path], 'nguyen', 'name');
    const paths = await get().db.selectFrom('member').select('org_path').where('id', 'in', one.ids).execute();
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.org_path.startsWith(provinces[0]!.path)).toBe(true);
  });

  it('counts up to the cap and says when there are more', async () => {
    const ctx = staffContext(get().db, clock, ['/']);
    const plan = (await listFilterOf(ctx, { q: 'nguyen', mode: 'word' })) as { filter: MemberListFilter };
    const t = (await tokenPlan(ctx.db, makeScope(['/']), plan.filter, 'name'))!;
    const all = await tokenSearchPage(ctx.db, t, 5, { offset: 0 }, 1000);
    expect(all.counted).toBeGreaterThan(20);
    const capped = await tokenSearchPage(ctx.db, t, 5, { offset: 0 }, 20);
    expect(capped.counted).toBe(21);
    expect(capped.rows.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    // A page past the cap's walk starts its own walk and still finds its rows.
    const late = await tokenSearchPage(ctx.db, t, 5, { offset: 20 }, 20);
    const want = await tokenSearchPage(ctx.db, t, 25, { offset: 0 }, 1000);
    expect(late.rows.map((r) => r.id)).toEqual(want.rows.slice(20).map((r) => r.id));
  });

  it('walks the rarest word, by the statistics', () => {
    const search = { words: ['nguyen', 'van', 'hung'], expansions: new Map([['nguyen', ['nguyen']], ['van', ['van', 'vang']], ['hung', ['hung']]]) };
    const freq = new Map([['nguyen', 0.3], ['van', 0.2], ['vang', 0.001], ['hung', 0.04]]);
    expect(tokenWalk(search, (w) => freq.get(w) ?? 0)).toEqual({ driver: ['hung'], patterns: ['% nguyen%', '% van%'] });
    // A word outside the most common values is rarer than all of them.
    expect(tokenWalk({ ...search, expansions: new Map([...search.expansions, ['hung', ['hungx']]]) }, (w) => freq.get(w) ?? 0)?.driver).toEqual(['hungx']);
    // The same word twice is still checked once more.
    expect(tokenWalk({ words: ['minh', 'minh'], expansions: new Map([['minh', ['minh']]]) }, () => 0)).toEqual({ driver: ['minh'], patterns: ['% minh%'] });
  });

  it('keeps the tokens equal to the names through writes, and a missing or stray row is reported', async () => {
    const db = get().db;
    expect(await nameTokenDifferences(db)).toEqual([]);
    const victim = await db.selectFrom('member_name_token').select(['member_id', 'word']).orderBy('member_id').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('member_name_token').where('member_id', '=', victim.member_id).where('word', '=', victim.word).execute();
    expect(await nameTokenDifferences(db)).toEqual([{ side: 'missing', member_id: Number(victim.member_id), word: victim.word }]);
    // `dangvu check search --repair` puts it back, and a stray row goes.
    await db.insertInto('member_name_token').values({ word: 'zz', level2_id: 1, name_sort: 'zz', member_id: victim.member_id, status: 'official', name_words: null }).execute();
    expect((await nameTokenDifferences(db)).map((d) => d.side).sort()).toEqual(['extra', 'missing']);
    await rebuildNameTokens(db);
    expect(await nameTokenDifferences(db)).toEqual([]);
    await db.deleteFrom('member_name_token').where('member_id', '=', victim.member_id).where('word', '=', victim.word).execute();
    // Rewriting the member's name puts its rows back (the update trigger replaces them all).
    const m = await db.selectFrom('member').selectAll().where('id', '=', victim.member_id).executeTakeFirstOrThrow();
    await db.updateTable('member').set({ name_norm: `${m.name_norm} x`, name_sort: `${m.name_sort} x` }).where('id', '=', m.id).execute();
    await db.updateTable('member').set({ name_norm: m.name_norm, name_sort: m.name_sort }).where('id', '=', m.id).execute();
    expect(await nameTokenDifferences(db)).toEqual([]);
    // A hard delete (never done by the app) takes its rows too.
    await db.deleteFrom('member_status_period').where('member_id', '=', m.id).execute();
    await db.deleteFrom('member_placement').where('member_id', '=', m.id).execute();
    await db.deleteFrom('member').where('id', '=', m.id).execute();
    expect(await nameTokenDifferences(db)).toEqual([]);
  });

  it('follows one statement that moves, renames, changes the status of and deletes different members (a subtree move is one statement)', async () => {
    const db = get().db;
    const [a, b, c, d, e] = await db
      .selectFrom('member')
      .select(['id', 'org_path', 'name_norm', 'name_sort', 'status'])
      .where('deleted_at', 'is', null)
      .where('status', '=', 'official')
      .where('org_path', 'like', `${provinces[0]!.path}%`)
      .orderBy('id')
      .limit(5)
      .execute();
    const before = await db.selectFrom('member').selectAll().where('id', 'in', [a!.id, b!.id, c!.id, d!.id, e!.id]).execute();
    const otherProvince = `${provinces[1]!.path}${a!.org_path.slice(provinces[0]!.path.length)}`;
    // a: to the other province only; b: renamed to a word no one had; c: to the other province and exempt; d: deleted; e: untouched.
    await sql`
      update member set
        org_path = case when id in (${a!.id}, ${c!.id}) then ${otherProvince} else org_path end,
        name_norm = case when id = ${b!.id} then 'qwyx thi lan' else name_norm end,
        name_sort = case when id = ${b!.id} then 'lan qwyx thi lan' else name_sort end,
        status = case when id = ${c!.id} then 'exempt' else status end,
        deleted_at = case when id = ${d!.id} then now() else deleted_at end
      where id in (${a!.id}, ${b!.id}, ${c!.id}, ${d!.id}, ${e!.id})`.execute(db);
    expect(await nameTokenDifferences(db)).toEqual([]);
    const tokens = await db.selectFrom('member_name_token').select(['member_id', 'level2_id', 'status', 'word']).where('member_id', 'in', [a!.id, b!.id, c!.id, d!.id]).execute();
    expect(new Set(tokens.filter((t) => t.member_id === a!.id || t.member_id === c!.id).map((t) => Number(t.level2_id)))).toEqual(new Set([provinces[1]!.id]));
    expect(tokens.filter((t) => t.member_id === c!.id).every((t) => t.status === 'exempt')).toBe(true);
    expect(tokens.filter((t) => t.member_id === b!.id).map((t) => t.word).sort()).toEqual(['lan', 'qwyx', 'thi']);
    expect(tokens.filter((t) => t.member_id === d!.id)).toEqual([]);
    expect(await db.selectFrom('member_name_word').select('word').where('word', '=', 'qwyx').execute()).toEqual([{ word: 'qwyx' }]);
    // Back as they were, for the comparisons above if the order of the tests changes.
    for (const m of before) {
      await db.updateTable('member').set({ org_path: m.org_path, name_norm: m.name_norm, name_sort: m.name_sort, status: m.status, deleted_at: m.deleted_at }).where('id', '=', m.id).execute();
    }
    expect(await nameTokenDifferences(db)).toEqual([]);
  });
});
