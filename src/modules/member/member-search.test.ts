import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, type ApiHarness } from '../../../test/api.js';
import { insertTestMember, insertTestOrg, insertTestTree } from '../../../test/factories.js';
import { normalizeName, searchWords } from '../../domain/vn-name.js';
import { makeScope } from '../auth/scope.js';
import { countFiltered } from './member.repository.js';
import { MEMBER_SORTS, TOTAL_CAP } from './member.schema.js';
import { decodeCursor, encodeCursor, MAX_EXPANSION, parseMemberSearch, prefixLikePatterns, wordsQuery } from './member.search.js';

// Word search on the prefix index (migration 0004), keyset paging and the capped total.

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
interface ListBody {
  items: { id: number; fullName: string; birthDate: string; admissionDate: string | null }[];
  total: number;
  totalIsLowerBound?: true;
  nextCursor?: string;
}

function call(h: ApiHarness, method: InjectOptions['method'], url: string): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, headers: h.headers });
}

describeApi('member search on word prefixes, keyset paging', (h) => {
  let tree: Tree;
  const list = async (query: string): Promise<ListBody> => {
    const res = await call(h(), 'GET', `/api/members?${query}`);
    if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
    return res.json() as ListBody;
  };
  const names = async (query: string) => (await list(`org=${tree.province.id}&pageSize=200&${query}`)).items.map((i) => i.fullName).sort();

  // Same names several times (ties broken by id), shared birth dates, missing admission dates.
  const people: [string, Record<string, unknown>][] = [
    ['Nguyễn Văn Hùng', { birth_date: '1985-04-12' }],
    ['Nguyễn Văn Hùng', { birth_date: '1985-04-12', admission_date: null }],
    ['Nguyễn Thị Nhung', { sex: 'female', birth_date: '1990-01-01' }],
    ['Đặng Văn Nam', { birth_date: '1970-06-30' }],
    ['Trần Hùng Dũng', { birth_date: '1985-04-12', admission_date: '2001-01-01' }],
    ['Nguyễn Hữu Hưng', { status: 'exempt', status_since: '2021-01-01', admission_date: null }],
    ["Ksor H'Hen", { sex: 'female', birth_date: '1992-02-02' }],
    ['Bạch Nguyệt Nghiêng', { birth_date: '1975-05-05' }],
    ['Lê Aleksandrovich Minh', { birth_date: '1975-05-05', admission_date: null }],
    ['Phạm Minh An', { status: 'probationary', status_since: '2026-01-01', admission_date: '2026-01-01' }],
    ['Trần Văn An', {}],
    ['Trần Văn An', { admission_date: null }],
    ['Lê Thị Bình', { sex: 'female' }],
    ['Lê Thị Bình', { sex: 'female', birth_date: '1990-01-01' }],
  ];

  beforeAll(async () => {
    const db = h().database.db;
    tree = await insertTestTree(db, 'K');
    for (const [i, [name, extra]] of people.entries()) {
      await insertTestMember(db, { org: i % 2 === 0 ? tree.cellA : tree.cellB, full_name: name, ...extra });
    }
    const other = await insertTestOrg(db, { type: 'province', name: 'Tỉnh khác K' });
    const otherCell = await insertTestOrg(db, { type: 'grassroots_cell', parent: other, name: 'Chi bộ khác K' });
    await insertTestMember(db, { org: otherCell, full_name: 'Nguyễn Văn Hùng' });
  });

  it('indexes the words a query is made of, and keeps every word in the vocabulary through inserts and renames', async () => {
    const db = h().database.db;
    const { id } = await insertTestMember(db, { org: tree.cellA, full_name: 'Zơ Râm Ywừn' });
    await db.updateTable('member').set({ full_name: 'Zơ Râm Xyz', name_norm: 'zo ram xyz', name_sort: 'xyz zo ram xyz' }).where('id', '=', id).execute();
    const rows = await db.selectFrom('member').select(['name_norm', sql<string[]>`tsvector_to_array(member_name_words(name_norm))`.as('words')]).execute();
    expect(rows.length).toBeGreaterThan(people.length);
    const vocabulary = new Set((await db.selectFrom('member_name_word').select('word').execute()).map((r) => r.word));
    for (const r of rows) {
      expect([...r.words].sort()).toEqual([...new Set(searchWords(r.name_norm))].sort());
      for (const w of r.words) expect(vocabulary.has(w), w).toBe(true);
    }
    // The name before the rename is still in the vocabulary; it only widens a query, never narrows one.
    expect(vocabulary.has('ywun')).toBe(true);
    expect(await names('q=xy%20zo')).toEqual(['Zơ Râm Xyz']);
    expect(await names('q=ywu')).toEqual([]);
    // Out of the other tests' lists again.
    await db.updateTable('member').set({ deleted_at: new Date() }).where('id', '=', id).execute();
  });

  it('word mode: each word is a prefix of a name word, diacritics and case ignored', async () => {
    expect(await names('q=hung')).toEqual(['Nguyễn Hữu Hưng', 'Nguyễn Văn Hùng', 'Nguyễn Văn Hùng', 'Trần Hùng Dũng']);
    expect(await names('q=nhung')).toEqual(['Nguyễn Thị Nhung']);
    expect(await names('q=dang')).toEqual(['Đặng Văn Nam']);
    expect(await names(`q=${encodeURIComponent('ĐẶNG')}`)).toEqual(['Đặng Văn Nam']);
    expect(await names('q=nguy%20v%20hu')).toEqual(['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng']);
    expect(await names('q=van%20nguyen')).toEqual(['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng']);
    // Not a substring search: "guyen" is inside "nguyen" but starts no word.
    expect(await names('q=guyen')).toEqual([]);
    // Every prefix of a word longer than seven letters, and apostrophes dropped as in the query.
    expect(await names('q=aleksandrov')).toEqual(['Lê Aleksandrovich Minh']);
    expect(await names('q=aleksandrovich%20le')).toEqual(['Lê Aleksandrovich Minh']);
    expect(await names('q=aleksandrovichx')).toEqual([]);
    expect(await names(`q=${encodeURIComponent("h'hen")}`)).toEqual(["Ksor H'hen"]);
    expect(await names('q=nghieng')).toEqual(['Bạch Nguyệt Nghiêng']);
    expect((await list('q=nguyen%20van%20hung')).total).toBe(3);
  });

  it('reads every row exactly once, in order, by following nextCursor, for every sort', async () => {
    for (const sort of MEMBER_SORTS) {
      for (const q of ['', '&q=n', '&status=official,exempt,probationary,deceased']) {
        const base = `org=${tree.province.id}&sort=${sort}${q}`;
        const whole = await list(`${base}&pageSize=200`);
        expect(whole.nextCursor).toBeUndefined();
        const seen: number[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await list(`${base}&pageSize=3${after ? `&after=${encodeURIComponent(after)}` : ''}`);
          expect(page.total).toBe(whole.total);
          seen.push(...page.items.map((i) => i.id));
          after = page.nextCursor;
          if (after) expect(page.items).toHaveLength(3);
          pages++;
        } while (after && pages < 50);
        expect(seen, `${sort}${q}`).toEqual(whole.items.map((i) => i.id));
        expect(whole.items.length).toBeGreaterThan(3);
      }
    }
  });

  it('keeps missing admission dates last in both directions when paging by cursor', async () => {
    for (const sort of ['admissionDate', '-admissionDate']) {
      const seen: ListBody['items'] = [];
      let after: string | undefined;
      do {
        const page = await list(`org=${tree.province.id}&sort=${sort}&pageSize=2${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        seen.push(...page.items);
        after = page.nextCursor;
      } while (after);
      const firstNull = seen.findIndex((i) => i.admissionDate === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(seen.slice(firstNull).every((i) => i.admissionDate === null)).toBe(true);
      const dates = seen.slice(0, firstNull).map((i) => i.admissionDate!);
      const sorted = [...dates].sort();
      expect(dates).toEqual(sort === 'admissionDate' ? sorted : sorted.reverse());
    }
  });

  it('refuses a cursor that is not one, or that belongs to another sort, with INVALID_CURSOR', async () => {
    const first = await list(`org=${tree.province.id}&sort=name&pageSize=2`);
    expect(first.nextCursor).toBeDefined();
    const wrongSort = await call(h(), 'GET', `/api/members?sort=birthDate&after=${first.nextCursor}`);
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json().error).toMatchObject({ code: 'INVALID_CURSOR', details: { field: 'after' } });
    expect(wrongSort.json().error.message).toContain('Con trỏ trang');
    for (const bad of ['abc', encodeCursor({ sort: 'birthDate', value: "1990-01-01'; --", id: 1 }), encodeCursor({ sort: 'name', value: null, id: 1 })]) {
      const res = await call(h(), 'GET', `/api/members?sort=${bad === 'abc' ? 'name' : decodeCursor(bad)!.sort}&after=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('INVALID_CURSOR');
    }
  });

  it('caps totals it has to count: beyond TOTAL_CAP the list says "at least"', async () => {
    const db = h().database.db;
    const org = await insertTestOrg(db, { type: 'province', name: 'Tỉnh đông K' });
    const cell = await insertTestOrg(db, { type: 'grassroots_cell', parent: org, name: 'Chi bộ đông K' });
    // Members off the rolls: their totals are counted, not read from the roll-ups.
    const name = 'Hoàng Văn Cũ';
    await sql`
      insert into member (full_name, name_norm, name_sort, sex, birth_date, status, status_since, org_id, org_path)
      select ${name}, ${normalizeName(name)}, ${'cu ' + normalizeName(name)}, 'male', '1950-01-01', 'deceased', '2020-01-01', ${cell.id}, ${cell.path}
      from generate_series(1, ${TOTAL_CAP + 1})`.execute(db);
    const capped = await list(`org=${org.id}&status=deceased&pageSize=5`);
    expect(capped).toMatchObject({ total: TOTAL_CAP, totalIsLowerBound: true });
    expect(capped.items).toHaveLength(5);
    await sql`delete from member where org_id = ${cell.id} and id = (select max(id) from member where org_id = ${cell.id})`.execute(db);
    const exact = await list(`org=${org.id}&status=deceased&pageSize=5`);
    expect(exact.total).toBe(TOTAL_CAP);
    expect(exact.totalIsLowerBound).toBeUndefined();

    const scope = makeScope(['/']);
    const f = { orgPath: org.path, statuses: ['deceased'], sex: null, search: null };
    expect(await countFiltered(db, scope, f, 10)).toEqual({ n: 10, atLeast: true });
    expect(await countFiltered(db, scope, f, TOTAL_CAP)).toEqual({ n: TOTAL_CAP, atLeast: false });
    // A search's total rides on its page and is exact, however many match.
    const search = await list(`org=${org.id}&status=deceased&q=hoang%20cu&pageSize=5`);
    expect(search.total).toBe(TOTAL_CAP);
    expect(search.totalIsLowerBound).toBeUndefined();
  });
});

describe('word query on the words index and its vocabulary', () => {
  it('turns each prefix into the name words it starts, and a prefix that starts none into no query', () => {
    const s = parseMemberSearch('Nguyễn Văn H', 'word');
    expect(s).toEqual({ kind: 'words', words: ['nguyen', 'van', 'h'] });
    if (s?.kind !== 'words') throw new Error('expected a word search');
    const { words } = s;
    const vocabulary = new Map([
      ['nguyen', ['nguyen']],
      ['van', ['van', 'vang']],
      ['h', ['ha', 'hung']],
    ]);
    expect(wordsQuery(words, vocabulary)).toBe("'nguyen' & ('van' | 'vang') & ('ha' | 'hung')");
    expect(wordsQuery(words, new Map([...vocabulary, ['h', []]]))).toBeNull();
    const many = Array.from({ length: MAX_EXPANSION + 1 }, (_, i) => `h${i}`);
    expect(wordsQuery(['h'], new Map([['h', many]]))).toBe("'h':*");
    expect(prefixLikePatterns(words)).toEqual(['% nguyen%', '% van%', '% h%']);
  });

  it('round-trips a cursor and rejects what it did not write', () => {
    const c = { sort: '-admissionDate', value: null, id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(encodeCursor({ sort: 'name', value: 'hung nguyen van hung', id: 7 }))).toEqual({ sort: 'name', value: 'hung nguyen van hung', id: 7 });
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('["name","x",0]').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"sort":"name"}').toString('base64url'))).toBeNull();
  });
});
