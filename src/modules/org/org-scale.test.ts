import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type ApiHarness } from '../../../test/api.js';
import { differences, rebuildAll } from '../rollup/rollup.repository.js';

// The tree at the sizes the brief names: a subtree of 10,000 members moves in one request, and
// a node with 1,000 children lists them in one query. Timings are printed; PostgreSQL must
// stay well under the 2 s the move is allowed.

const MEMBERS = 10_000;
const CELLS = 20;
const WIDE = 1_000;

const api = (h: ApiHarness, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: h.headers });

async function create(h: ApiHarness, body: object): Promise<{ id: number }> {
  const res = await api(h, 'POST', '/api/orgs', { foundedOn: '2020-01-01', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().org;
}

/** `n` cells under the parent, with their versions, in two statements. */
async function bulkCells(h: ApiHarness, parentId: number, n: number, prefix: string) {
  const db = h.database.db;
  await sql`
    with p as (select id, path, level from org where id = ${parentId}),
    ids as (select nextval(pg_get_serial_sequence('org', 'id')) as id, g from generate_series(1, ${n}::int) g)
    insert into org (id, code, name, name_norm, org_type, parent_id, path, level, founded_on)
    select ids.id, ${prefix} || lpad(g::text, 4, '0'), 'Chi bộ ' || g, 'chi bo ' || g, 'cell', p.id, p.path || ids.id || '/', p.level + 1, '2020-01-01'
    from ids, p`.execute(db);
  await sql`
    insert into org_version (org_id, valid_from, name, org_type, org_kind, parent_id, path, level)
    select id, founded_on, name, org_type, org_kind, parent_id, path, level from org where parent_id = ${parentId}`.execute(db);
}

/** `n` official members spread over the parent's cells, each with a status period and a placement. */
async function bulkMembers(h: ApiHarness, parentId: number, n: number) {
  const db = h.database.db;
  await sql`
    with cells as (select id, path, row_number() over (order by id) - 1 as k, count(*) over () as c from org where parent_id = ${parentId})
    insert into member (full_name, name_norm, name_sort, sex, birth_date, status, status_since, org_id, org_path)
    select 'Nguyễn Văn ' || g, 'nguyen van ' || g, g || ' nguyen van ' || g, case when g % 2 = 0 then 'male' else 'female' end,
      make_date(1950 + g % 50, 1 + g % 12, 1), 'official', '2010-01-01', cells.id, cells.path
    from generate_series(1, ${n}::int) g join cells on cells.k = g % cells.c`.execute(db);
  await sql`insert into member_status_period (member_id, valid_from, status) select id, status_since, status from member`.execute(db);
  await sql`insert into member_placement (member_id, valid_from, org_id) select id, status_since, org_id from member`.execute(db);
}

describeApi('organization tree at scale', (h) => {
  let from: { id: number };
  let to: { id: number };
  let committee: { id: number };
  let wide: { id: number };

  beforeAll(async () => {
    const province = await create(h(), { code: 'SC', name: 'Đảng bộ tỉnh Thử', orgType: 'province', parentId: null });
    from = await create(h(), { code: 'SC-A', name: 'Đảng bộ xã A', orgType: 'superior', parentId: province.id });
    to = await create(h(), { code: 'SC-B', name: 'Đảng bộ xã B', orgType: 'superior', parentId: province.id });
    committee = await create(h(), { code: 'SC-A-1', name: 'Đảng bộ cơ sở lớn', orgType: 'grassroots_committee', parentId: from.id });
    wide = await create(h(), { code: 'SC-B-1', name: 'Đảng bộ cơ sở rộng', orgType: 'grassroots_committee', parentId: to.id });
    await bulkCells(h(), committee.id, CELLS, 'SC-A-1-');
    await bulkMembers(h(), committee.id, MEMBERS);
    await bulkCells(h(), wide.id, WIDE, 'SC-B-1-');
    await rebuildAll(h().database.db);
  });

  it(`moves a subtree of ${MEMBERS} members in one request, roll-ups exact`, async () => {
    const t0 = performance.now();
    const res = await api(h(), 'POST', `/api/orgs/${committee.id}/move`, { newParentId: to.id, effectiveDate: '2026-01-01' });
    const ms = performance.now() - t0;
    expect(res.statusCode, res.body).toBe(200);
    console.log(`[${h().engine}] move of ${CELLS + 1} orgs and ${MEMBERS} members: ${ms.toFixed(0)} ms`);
    if (h().engine === 'postgres') expect(ms).toBeLessThan(2000);

    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from member m join org o on o.id = m.org_id where m.org_path <> o.path`.execute(h().database.db);
    expect(rows[0]!.n).toBe(0);
    const node = (await api(h(), 'GET', `/api/orgs/${to.id}/children`)).json().items;
    expect(node.map((c: { code: string; memberCount: number }) => [c.code, c.memberCount])).toEqual([
      ['SC-A-1', MEMBERS],
      ['SC-B-1', 0],
    ]);
    expect((await differences(h().database.db)).total).toBe(0);
  });

  it(`lists ${WIDE} children with their counts in one request`, async () => {
    const t0 = performance.now();
    const res = await api(h(), 'GET', `/api/orgs/${wide.id}/children`);
    const ms = performance.now() - t0;
    expect(res.statusCode).toBe(200);
    console.log(`[${h().engine}] ${WIDE} children: ${ms.toFixed(0)} ms`);
    const items = res.json().items;
    expect(items).toHaveLength(WIDE);
    expect(items[0]).toMatchObject({ code: 'SC-B-1-0001', memberCount: 0, childCount: 0 });
    if (h().engine === 'postgres') expect(ms).toBeLessThan(500);
  });
});
