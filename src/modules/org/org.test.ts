import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, type ApiHarness } from '../../../test/api.js';
import { insertTestMember } from '../../../test/factories.js';
import { dimDelta } from '../../domain/rollup-dims.js';
import { applyDelta, differences } from '../rollup/rollup.repository.js';

// Today is 2026-11-20 (describeApi's clock).

interface Org {
  id: number;
  code: string;
  name: string;
  orgType: string;
  orgKind: string | null;
  parentId: number | null;
  level: number;
  version: number;
  dissolvedOn: string | null;
  mergedIntoId: number | null;
}

const api = (h: ApiHarness, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: h.headers });

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  // The contract's three keys, and `params` (the message's parameters, for the web app's
  // English texts) only when the message has any.
  const keys = Object.keys(body.error).sort();
  expect(keys.filter((k) => k !== 'params')).toEqual(['code', 'details', 'message']);
  if (keys.includes('params')) expect(Object.keys(body.error.params).length).toBeGreaterThan(0);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error as { code: string; message: string; details: Record<string, unknown> };
}

let codeSeq = 0;

async function create(h: ApiHarness, body: { name: string; orgType: string; parentId: number | null; orgKind?: string; foundedOn?: string; code?: string }): Promise<Org> {
  const res = await api(h, 'POST', '/api/orgs', { code: body.code ?? `T${++codeSeq}`, foundedOn: '2020-01-01', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().org;
}

async function details(h: ApiHarness, id: number, asOf?: string) {
  const res = await api(h, 'GET', `/api/orgs/${id}${asOf ? `?asOf=${asOf}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function children(h: ApiHarness, id: number, query = '') {
  const res = await api(h, 'GET', `/api/orgs/${id}/children${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as (Org & { memberCount: number | null; childCount: number })[];
}

async function writeCounts(h: ApiHarness) {
  const { rows } = await sql<{ t: string; n: number }>`
    select 'org' as t, count(*)::int as n from org union all
    select 'org_version', count(*)::int from org_version union all
    select 'org_event', count(*)::int from org_event union all
    select 'audit_log', count(*)::int from audit_log union all
    select 'member_placement', count(*)::int from member_placement union all
    select 'org_rollup', sum(n)::int from org_rollup`.execute(h.database.db);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

async function expectExactRollups(h: ApiHarness) {
  const diff = await differences(h.database.db);
  expect(diff.rows).toEqual([]);
  expect(diff.total).toBe(0);
}

const orgPath = async (h: ApiHarness, id: number) =>
  (await h.database.db.selectFrom('org').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow());

async function members(h: ApiHarness, orgId: number, n: number, status = 'official') {
  const org = await orgPath(h, orgId);
  for (let i = 0; i < n; i++) await insertTestMember(h.database.db, { org, status });
}

describeApi('organization tree', (h) => {
  let province: Org;
  let commune: Org;
  let committee: Org;
  let cellA: Org;
  let cellB: Org;

  beforeAll(async () => {
    province = await create(h(), { code: 'HN', name: 'Đảng bộ Thành phố Hà Nội', orgType: 'province', parentId: null, foundedOn: '2000-01-01' });
    commune = await create(h(), { code: 'HN-TH', name: 'Đảng ủy xã Tân Hòa', orgType: 'superior', orgKind: 'commune', parentId: province.id });
    committee = await create(h(), { code: 'HN-TH-01', name: 'Đảng bộ cơ sở xã Tân Hòa', orgType: 'grassroots_committee', orgKind: 'commune', parentId: commune.id });
    cellA = await create(h(), { code: 'HN-TH-01-A', name: 'Chi bộ thôn Đông', orgType: 'cell', orgKind: 'village', parentId: committee.id });
    cellB = await create(h(), { code: 'HN-TH-01-B', name: 'Chi bộ thôn Đoài', orgType: 'cell', orgKind: 'village', parentId: committee.id });
    await members(h(), cellA.id, 3);
    await members(h(), cellB.id, 2);
    await members(h(), cellB.id, 1, 'probationary');
  });

  it('creates a tree: paths, levels, versions, founding events and exact roll-ups', async () => {
    expect(cellA.level).toBe(4);
    expect((await orgPath(h(), cellA.id)).path).toBe(`/${province.id}/${commune.id}/${committee.id}/${cellA.id}/`);
    const history = await api(h(), 'GET', `/api/orgs/${cellA.id}/history`);
    expect(history.json().items.map((e: { kind: string }) => e.kind)).toEqual(['founded']);
    const audit = await h().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(cellA.id)).execute();
    expect(audit.map((a) => a.action)).toContain('org.create');
    await expectExactRollups(h());
  });

  it('lists the top-level orgs when there is no query', async () => {
    const res = await api(h(), 'GET', '/api/orgs');
    const items = res.json().items as (Org & { ancestors: unknown[]; childCount: number })[];
    expect(items.map((i) => i.code)).toContain('HN');
    expect(items.every((i) => i.parentId === null)).toBe(true);
    expect(items.find((i) => i.code === 'HN')).toMatchObject({ ancestors: [], childCount: 1, memberCount: 6 });
    const blank = await api(h(), 'GET', '/api/orgs?q=');
    expect(blank.json().items.map((i: Org) => i.code)).toEqual(items.map((i) => i.code));
    const before = await api(h(), 'GET', '/api/orgs?asOf=1999-12-31');
    expect(before.json().items.map((i: Org) => i.code)).not.toContain('HN');
    const then = await api(h(), 'GET', '/api/orgs?asOf=2000-01-01');
    expect(then.json().items.find((i: Org) => i.code === 'HN')).toMatchObject({ memberCount: null, childCount: 0 });
  });

  it('finds by code, exact or prefix, exact first', async () => {
    const res = await api(h(), 'GET', '/api/orgs?q=HN-TH-01');
    const codes = res.json().items.map((i: Org) => i.code);
    expect(codes).toEqual(['HN-TH-01', 'HN-TH-01-A', 'HN-TH-01-B']);
  });

  it('finds by name without diacritics, with the breadcrumb of each hit', async () => {
    const res = await api(h(), 'GET', `/api/orgs?q=${encodeURIComponent('dang uy xa tan hoa')}`);
    const items = res.json().items;
    expect(items.map((i: Org) => i.name)).toEqual(['Đảng ủy xã Tân Hòa']);
    expect(items[0].ancestors).toEqual([{ id: province.id, code: 'HN', name: 'Đảng bộ Thành phố Hà Nội', orgType: 'province' }]);
    const thon = await api(h(), 'GET', `/api/orgs?q=${encodeURIComponent('CHI BO THON DOAI')}`);
    expect(thon.json().items[0].ancestors.map((a: Org) => a.code)).toEqual(['HN', 'HN-TH', 'HN-TH-01']);
  });

  it('lists children by code with member and child counts', async () => {
    const items = await children(h(), committee.id);
    expect(items.map((c) => [c.code, c.memberCount, c.childCount])).toEqual([
      ['HN-TH-01-A', 3, 0],
      ['HN-TH-01-B', 3, 0],
    ]);
    const up = await children(h(), commune.id);
    expect(up.map((c) => [c.code, c.memberCount, c.childCount])).toEqual([['HN-TH-01', 6, 2]]);
  });

  it('shows details with breadcrumb, member count and structure warnings', async () => {
    const b = await details(h(), cellB.id);
    expect(b.org.code).toBe('HN-TH-01-B');
    expect(b.ancestors.map((a: Org) => a.code)).toEqual(['HN', 'HN-TH', 'HN-TH-01']);
    expect(b.memberCount).toBe(3);
    expect(b.officialCount).toBe(2);
    expect(b.warnings.map((w: { rule: string }) => w.rule)).toEqual(['R-ORG-05']);
    expect(b.warnings[0].message).toContain('hiện có 2');
    const c = await details(h(), committee.id);
    expect(c.warnings.map((w: { code: string }) => w.code)).toEqual(['GRASSROOTS_COMMITTEE_TOO_SMALL']);
  });

  it('renames from an effective date: the old name before it, the new one from it', async () => {
    const res = await api(h(), 'PATCH', `/api/orgs/${cellA.id}`, { version: cellA.version, name: 'Chi bộ thôn Đông Hòa', effectiveDate: '2025-03-01', decisionNo: '12-QĐ/ĐU' });
    expect(res.statusCode, res.body).toBe(200);
    cellA = res.json().org;
    expect(cellA.version).toBe(2);
    expect((await details(h(), cellA.id, '2025-02-28')).org.name).toBe('Chi bộ thôn Đông');
    expect((await details(h(), cellA.id, '2025-03-01')).org.name).toBe('Chi bộ thôn Đông Hòa');
    expect((await details(h(), cellA.id)).org.name).toBe('Chi bộ thôn Đông Hòa');
    const before = await children(h(), committee.id, '?asOf=2025-02-28');
    expect(before.map((c) => c.name)).toContain('Chi bộ thôn Đông');
    expect(before[0]?.memberCount).toBeNull();
    const history = (await api(h(), 'GET', `/api/orgs/${cellA.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({ kind: 'renamed', effectiveDate: '2025-03-01', decisionNo: '12-QĐ/ĐU', details: { from: 'Chi bộ thôn Đông', to: 'Chi bộ thôn Đông Hòa' } });
    const found = await api(h(), 'GET', `/api/orgs?q=${encodeURIComponent('dong hoa')}`);
    expect(found.json().items.map((i: Org) => i.id)).toEqual([cellA.id]);
    const foundThen = await api(h(), 'GET', `/api/orgs?q=${encodeURIComponent('dong hoa')}&asOf=2025-02-28`);
    expect(foundThen.json().items.map((i: Org) => i.name)).toEqual(['Chi bộ thôn Đông']);
  });

  it('changes the kind and keeps the org_kind roll-ups exact', async () => {
    const res = await api(h(), 'PATCH', `/api/orgs/${cellB.id}`, { version: cellB.version, orgKind: 'administrative', effectiveDate: '2025-04-01' });
    expect(res.statusCode, res.body).toBe(200);
    cellB = res.json().org;
    expect(cellB.orgKind).toBe('administrative');
    expect((await details(h(), cellB.id, '2025-03-31')).org.orgKind).toBe('village');
    await expectExactRollups(h());
  });

  it('refuses a stale version with 409 STALE_VERSION', async () => {
    const res = await api(h(), 'PATCH', `/api/orgs/${cellA.id}`, { version: 1, name: 'Tên khác', effectiveDate: '2025-05-01' });
    const err = expectError(res, 409, 'STALE_VERSION');
    expect(err.details.field).toBe('version');
  });

  it('refuses a future effective date and one before the last recorded change', async () => {
    const future = await api(h(), 'PATCH', `/api/orgs/${cellA.id}`, { version: cellA.version, name: 'Tên khác', effectiveDate: '2026-11-21' });
    expect(expectError(future, 400, 'EFFECTIVE_DATE_IN_FUTURE').details.field).toBe('effectiveDate');
    const early = await api(h(), 'PATCH', `/api/orgs/${cellA.id}`, { version: cellA.version, name: 'Tên khác', effectiveDate: '2025-02-01' });
    expect(expectError(early, 400, 'EFFECTIVE_DATE_TOO_EARLY').message).toContain('2025-03-01');
    const founded = await api(h(), 'POST', '/api/orgs', { code: 'FUT', name: 'Chi bộ tương lai', orgType: 'cell', parentId: committee.id, foundedOn: '2027-01-01' });
    expect(expectError(founded, 400, 'EFFECTIVE_DATE_IN_FUTURE').details.field).toBe('foundedOn');
  });

  it('answers a malformed date with 400 naming the field', async () => {
    const res = await api(h(), 'POST', `/api/orgs/${cellA.id}/dissolve`, { effectiveDate: '2026-02-30' });
    const err = expectError(res, 400, 'VALIDATION');
    expect((err.details as unknown as { field: string }[])[0]?.field).toBe('body.effectiveDate');
    const q = await api(h(), 'GET', `/api/orgs/${cellA.id}?asOf=20-01-2025`);
    expect((expectError(q, 400, 'VALIDATION').details as unknown as { field: string }[])[0]?.field).toBe('querystring.asOf');
  });

  it('refuses a duplicate code with 409 and writes nothing', async () => {
    const before = await writeCounts(h());
    const res = await api(h(), 'POST', '/api/orgs', { code: 'HN-TH-01-A', name: 'Chi bộ trùng mã', orgType: 'cell', parentId: committee.id, foundedOn: '2024-01-01' });
    expect(expectError(res, 409, 'DUPLICATE_ORG_CODE').details.field).toBe('code');
    expect(await writeCounts(h())).toEqual(before);
  });

  it('refuses a type the parent cannot contain and a missing parent', async () => {
    const wrong = await api(h(), 'POST', '/api/orgs', { code: 'X1', name: 'Tổ đảng', orgType: 'province', parentId: committee.id, foundedOn: '2024-01-01' });
    expect(expectError(wrong, 400, 'ORG_TYPE_NOT_ALLOWED').message).toContain('Đảng bộ cơ sở');
    const missing = await api(h(), 'POST', '/api/orgs', { code: 'X2', name: 'Chi bộ', orgType: 'cell', parentId: 999999, foundedOn: '2024-01-01' });
    expect(expectError(missing, 404, 'PARENT_NOT_FOUND').details.field).toBe('parentId');
    const nothing = await api(h(), 'GET', '/api/orgs/999999');
    expectError(nothing, 404, 'ORG_NOT_FOUND');
  });

  describe('move', () => {
    let other: Org;
    beforeAll(async () => {
      other = await create(h(), { code: 'HN-PH', name: 'Đảng ủy phường Phú Hòa', orgType: 'superior', orgKind: 'commune', parentId: province.id });
    });

    it('refuses a cycle with ORG_CYCLE and writes nothing', async () => {
      const before = await writeCounts(h());
      const res = await api(h(), 'POST', `/api/orgs/${commune.id}/move`, { newParentId: cellA.id, effectiveDate: '2026-01-01' });
      expect(expectError(res, 400, 'ORG_CYCLE').details.field).toBe('newParentId');
      const self = await api(h(), 'POST', `/api/orgs/${committee.id}/move`, { newParentId: committee.id, effectiveDate: '2026-01-01' });
      expectError(self, 400, 'ORG_CYCLE');
      expect(await writeCounts(h())).toEqual(before);
    });

    it('refuses a move to the parent it already has', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${cellA.id}/move`, { newParentId: committee.id, effectiveDate: '2026-01-01' });
      expectError(res, 400, 'ORG_SAME_PARENT');
    });

    it('refuses a parent type that cannot hold the org, and a missing target with 404', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${cellA.id}/move`, { newParentId: other.id, effectiveDate: '2026-01-01' });
      expectError(res, 400, 'ORG_TYPE_NOT_ALLOWED');
      const missing = await api(h(), 'POST', `/api/orgs/${committee.id}/move`, { newParentId: 999999, effectiveDate: '2026-01-01' });
      expect(expectError(missing, 404, 'ORG_NOT_FOUND').details.field).toBe('newParentId');
    });

    it('moves a subtree: paths, levels and member paths follow; the past keeps the old parent', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${committee.id}/move`, { newParentId: other.id, effectiveDate: '2026-01-01', decisionNo: '45-QĐ/TU' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().org.parentId).toBe(other.id);

      const newBase = `/${province.id}/${other.id}/${committee.id}/`;
      const orgs = await h().database.db.selectFrom('org').select(['id', 'path', 'level']).where('id', 'in', [committee.id, cellA.id, cellB.id]).orderBy('id').execute();
      expect(orgs).toEqual([
        { id: committee.id, path: newBase, level: 3 },
        { id: cellA.id, path: `${newBase}${cellA.id}/`, level: 4 },
        { id: cellB.id, path: `${newBase}${cellB.id}/`, level: 4 },
      ]);
      const memberPaths = await h().database.db.selectFrom('member').select('org_path').distinct().where('org_id', 'in', [cellA.id, cellB.id]).execute();
      expect(memberPaths.map((m) => m.org_path).sort()).toEqual([`${newBase}${cellA.id}/`, `${newBase}${cellB.id}/`]);

      const past = await details(h(), cellA.id, '2025-12-31');
      expect(past.ancestors.map((a: Org) => a.code)).toEqual(['HN', 'HN-TH', 'HN-TH-01']);
      expect((await details(h(), committee.id, '2025-12-31')).org.parentId).toBe(commune.id);
      expect((await details(h(), committee.id, '2026-01-01')).org.parentId).toBe(other.id);
      expect((await details(h(), cellA.id)).ancestors.map((a: Org) => a.code)).toEqual(['HN', 'HN-PH', 'HN-TH-01']);
      expect((await children(h(), commune.id, '?asOf=2025-12-31')).map((c) => c.code)).toEqual(['HN-TH-01']);
      expect(await children(h(), commune.id)).toEqual([]);
      expect((await children(h(), other.id)).map((c) => [c.code, c.memberCount])).toEqual([['HN-TH-01', 6]]);

      const history = (await api(h(), 'GET', `/api/orgs/${committee.id}/history`)).json().items;
      expect(history.at(-1)).toMatchObject({ kind: 'moved', details: { fromParentId: commune.id, toParentId: other.id } });
      await expectExactRollups(h());
    });

    it('cannot make a cycle out of two concurrent moves', async () => {
      const x = await create(h(), { code: 'CY-X', name: 'Đảng bộ X', orgType: 'superior', parentId: province.id });
      const x1 = await create(h(), { code: 'CY-X1', name: 'Đảng bộ X1', orgType: 'superior', parentId: x.id });
      const y = await create(h(), { code: 'CY-Y', name: 'Đảng bộ Y', orgType: 'superior', parentId: province.id });
      const y1 = await create(h(), { code: 'CY-Y1', name: 'Đảng bộ Y1', orgType: 'superior', parentId: y.id });
      const [a, b] = await Promise.all([
        api(h(), 'POST', `/api/orgs/${x.id}/move`, { newParentId: y1.id, effectiveDate: '2026-01-01' }),
        api(h(), 'POST', `/api/orgs/${y.id}/move`, { newParentId: x1.id, effectiveDate: '2026-01-01' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400]);
      expect([a, b].find((r) => r.statusCode === 400)?.json().error.code).toBe('ORG_CYCLE');
      await expectExactRollups(h());
    });

    it('refuses a move dated before a change already recorded in the subtree', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${committee.id}/move`, { newParentId: commune.id, effectiveDate: '2025-06-01' });
      expectError(res, 400, 'EFFECTIVE_DATE_TOO_EARLY');
    });
  });

  describe('merge', () => {
    let target: Org;
    let source: Org;
    let srcCellA: Org;
    let tgtCell: Org;

    beforeAll(async () => {
      target = await create(h(), { code: 'M-T', name: 'Đảng bộ cơ sở Đích', orgType: 'grassroots_committee', parentId: commune.id });
      source = await create(h(), { code: 'M-S', name: 'Đảng bộ cơ sở Nguồn', orgType: 'grassroots_committee', parentId: commune.id });
      srcCellA = await create(h(), { code: 'M-S-1', name: 'Chi bộ Nguồn 1', orgType: 'cell', parentId: source.id });
      await create(h(), { code: 'M-S-2', name: 'Chi bộ Nguồn 2', orgType: 'cell', parentId: source.id });
      tgtCell = await create(h(), { code: 'M-T-1', name: 'Chi bộ Đích 1', orgType: 'cell', parentId: target.id });
      await members(h(), srcCellA.id, 4);
      await members(h(), tgtCell.id, 3);
    });

    it('refuses merging into itself or into its own subtree', async () => {
      const self = await api(h(), 'POST', `/api/orgs/${source.id}/merge`, { targetId: source.id, effectiveDate: '2026-02-01' });
      expectError(self, 400, 'MERGE_INTO_SELF');
      const below = await api(h(), 'POST', `/api/orgs/${source.id}/merge`, { targetId: srcCellA.id, effectiveDate: '2026-02-01' });
      expectError(below, 400, 'MERGE_INTO_SELF');
    });

    it('refuses a target that cannot hold the children or the members', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${source.id}/merge`, { targetId: tgtCell.id, effectiveDate: '2026-02-01' });
      expectError(res, 400, 'ORG_TYPE_NOT_ALLOWED');
      const intoCommittee = await api(h(), 'POST', `/api/orgs/${srcCellA.id}/merge`, { targetId: target.id, effectiveDate: '2026-02-01' });
      const err = expectError(intoCommittee, 400, 'MERGE_TARGET_HOLDS_NO_MEMBERS');
      expect(err.details).toMatchObject({ field: 'targetId', count: 4 });
    });

    it('merges cells: members re-placed with dated placements, source dissolved, roll-ups exact', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${srcCellA.id}/merge`, { targetId: tgtCell.id, effectiveDate: '2026-02-01', decisionNo: '7-QĐ/ĐU' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ org: { dissolvedOn: '2026-02-01', mergedIntoId: tgtCell.id }, movedMembers: 4, movedChildren: 0 });
      const db = h().database.db;
      const moved = await db.selectFrom('member').select(['id', 'org_id', 'org_path', 'version']).where('org_id', '=', tgtCell.id).execute();
      expect(moved).toHaveLength(7);
      expect(new Set(moved.map((m) => m.org_path))).toEqual(new Set([(await orgPath(h(), tgtCell.id)).path]));
      const placements = await db
        .selectFrom('member_placement')
        .select(['org_id', 'valid_from', 'valid_to'])
        .where('member_id', 'in', moved.filter((m) => m.version === 2).map((m) => m.id))
        .orderBy('member_id')
        .orderBy('valid_from')
        .execute();
      expect(placements.filter((p) => p.org_id === srcCellA.id).every((p) => p.valid_to === '2026-02-01')).toBe(true);
      expect(placements.filter((p) => p.org_id === tgtCell.id).every((p) => p.valid_from === '2026-02-01' && p.valid_to === null)).toBe(true);
      expect(placements).toHaveLength(8);
      expect((await children(h(), source.id)).map((c) => c.code)).toEqual(['M-S-2']);
      expect((await children(h(), source.id, '?asOf=2026-01-31')).map((c) => c.code)).toEqual(['M-S-1', 'M-S-2']);
      expect((await children(h(), source.id, '?includeDissolved=true')).map((c) => c.code)).toEqual(['M-S-1', 'M-S-2']);
      await expectExactRollups(h());
    });

    it('merges a đảng bộ cơ sở: its cells move under the target, events on both sides', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${source.id}/merge`, { targetId: target.id, effectiveDate: '2026-03-01' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ movedChildren: 1, movedMembers: 0 });
      expect((await children(h(), target.id)).map((c) => c.code)).toEqual(['M-S-2', 'M-T-1']);
      const moved = await orgPath(h(), (await children(h(), target.id))[0]!.id);
      expect(moved.path).toBe(`${(await orgPath(h(), target.id)).path}${moved.id}/`);
      expect((await details(h(), moved.id, '2026-02-28')).ancestors.map((a: Org) => a.code)).toEqual(['HN', 'HN-TH', 'M-S']);
      expect((await details(h(), moved.id)).ancestors.map((a: Org) => a.code)).toEqual(['HN', 'HN-TH', 'M-T']);
      const srcHistory = (await api(h(), 'GET', `/api/orgs/${source.id}/history`)).json().items;
      expect(srcHistory.at(-1)).toMatchObject({ kind: 'merged_into', details: { targetId: target.id } });
      const tgtHistory = (await api(h(), 'GET', `/api/orgs/${target.id}/history`)).json().items;
      expect(tgtHistory.at(-1)).toMatchObject({ kind: 'absorbed', details: { sourceId: source.id } });
      const childHistory = (await api(h(), 'GET', `/api/orgs/${moved.id}/history`)).json().items;
      expect(childHistory.at(-1)).toMatchObject({ kind: 'moved', details: { fromParentId: source.id, toParentId: target.id } });
      await expectExactRollups(h());
    });

    it('refuses any change to a dissolved org with ORG_DISSOLVED', async () => {
      const res = await api(h(), 'PATCH', `/api/orgs/${source.id}`, { version: 2, name: 'Tên mới', effectiveDate: '2026-04-01' });
      expectError(res, 409, 'ORG_DISSOLVED');
      const into = await api(h(), 'POST', `/api/orgs/${tgtCell.id}/merge`, { targetId: srcCellA.id, effectiveDate: '2026-04-01' });
      expect(expectError(into, 409, 'ORG_DISSOLVED').details.field).toBe('targetId');
    });
  });

  describe('dissolve', () => {
    let cell: Org;
    beforeAll(async () => {
      cell = await create(h(), { code: 'D-1', name: 'Chi bộ giải thể', orgType: 'cell', parentId: committee.id, foundedOn: '2026-01-01' });
      await members(h(), cell.id, 12);
    });

    it('is refused with the count while members remain, and while live children exist', async () => {
      const res = await api(h(), 'POST', `/api/orgs/${cell.id}/dissolve`, { effectiveDate: '2026-05-01' });
      const err = expectError(res, 409, 'ORG_HAS_ACTIVE_MEMBERS');
      expect(err.message).toContain('còn 12 đảng viên đang sinh hoạt');
      expect(err.details.count).toBe(12);
      const parent = await api(h(), 'POST', `/api/orgs/${committee.id}/dissolve`, { effectiveDate: '2026-05-01' });
      expectError(parent, 409, 'ORG_HAS_ACTIVE_MEMBERS');
    });

    it('succeeds once empty; the org still shows as of a day before', async () => {
      const db = h().database.db;
      // The members leave (transferred out) the way the member module records it.
      await db.transaction().execute(async (tx) => {
        const rows = await tx.selectFrom('member').selectAll().where('org_id', '=', cell.id).execute();
        for (const m of rows) {
          const after = await tx.updateTable('member').set({ status: 'transferred', status_since: '2026-04-01' }).where('id', '=', m.id).returningAll().executeTakeFirstOrThrow();
          await applyDelta(tx, m.org_path, dimDelta(m, after));
        }
      });
      const res = await api(h(), 'POST', `/api/orgs/${cell.id}/dissolve`, { effectiveDate: '2026-05-01', decisionNo: '99-QĐ/ĐU' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().org).toMatchObject({ dissolvedOn: '2026-05-01', dissolutionDecision: '99-QĐ/ĐU' });
      expect((await children(h(), committee.id)).map((c) => c.code)).not.toContain('D-1');
      expect((await children(h(), committee.id, '?asOf=2026-04-30')).map((c) => c.code)).toContain('D-1');
      expect((await details(h(), cell.id, '2026-04-30')).org.dissolvedOn).toBeNull();
      expectError(await api(h(), 'GET', `/api/orgs/${cell.id}?asOf=2026-05-01`), 404, 'ORG_NOT_FOUND');
      const history = (await api(h(), 'GET', `/api/orgs/${cell.id}/history`)).json().items;
      expect(history.map((e: { kind: string }) => e.kind)).toEqual(['founded', 'dissolved']);
      await expectExactRollups(h());
      // The dissolution is history of the parent's subtree: a move may not be dated before it.
      const early = await api(h(), 'POST', `/api/orgs/${committee.id}/move`, { newParentId: commune.id, effectiveDate: '2026-04-15' });
      expect(expectError(early, 400, 'EFFECTIVE_DATE_TOO_EARLY').details.last).toBe('2026-05-01');
    });

    it('is refused while live children exist, with their count', async () => {
      const empty = await create(h(), { code: 'D-2', name: 'Đảng bộ bộ phận rỗng', orgType: 'section', parentId: committee.id, foundedOn: '2026-01-01' });
      await create(h(), { code: 'D-2-1', name: 'Chi bộ rỗng', orgType: 'cell', parentId: empty.id, foundedOn: '2026-01-01' });
      const res = await api(h(), 'POST', `/api/orgs/${empty.id}/dissolve`, { effectiveDate: '2026-06-01' });
      const err = expectError(res, 409, 'ORG_HAS_ACTIVE_CHILDREN');
      expect(err.details.count).toBe(1);
      expect(err.message).toContain('còn 1 tổ chức trực thuộc');
    });
  });

  it('answers 401 on every route without a session', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/orgs'],
      ['GET', '/api/orgs?q=abc'],
      ['GET', `/api/orgs/${cellA.id}`],
      ['GET', `/api/orgs/${cellA.id}/children`],
      ['GET', `/api/orgs/${cellA.id}/history`],
      ['POST', '/api/orgs'],
      ['PATCH', `/api/orgs/${cellA.id}`],
      ['POST', `/api/orgs/${cellA.id}/move`],
      ['POST', `/api/orgs/${cellA.id}/merge`],
      ['POST', `/api/orgs/${cellA.id}/dissolve`],
    ];
    for (const [method, url] of routes) {
      const res = await h().app.inject({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
      expect(expectError(res, 401, 'UNAUTHENTICATED').message, `${method} ${url}`).toMatch(/đăng nhập/);
    }
  });

  it('describes every route in the OpenAPI document', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/orgs', '/api/orgs/{id}', '/api/orgs/{id}/children', '/api/orgs/{id}/move']));
  });
});
