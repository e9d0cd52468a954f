import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberRow } from '../../src/db/types.js';
import { makeScope, type Scope } from '../../src/modules/auth/scope.js';
import * as memberRepo from '../../src/modules/member/member.repository.js';
import { countsOf } from '../../src/modules/rollup/rollup.repository.js';
import * as statsRepo from '../../src/modules/stats/stats.repository.js';
import { describeApi, signIn, userWithRoles, type Session } from '../api.js';
import { insertTestMember, insertTestTree } from '../factories.js';

// Issue 3, "scope in SQL": an out-of-scope member or org cannot be touched through any path of
// the member and statistics services. Two layers: the HTTP API as a commission staffer of a
// sibling province (what a user can do), and the repository functions themselves with that
// staffer's scope (the filter is in the SQL, not only in the service's earlier lookup).

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 1)]);

describeApi('scope in SQL: members and statistics of another subtree', (h) => {
  let a: Tree;
  let b: Tree;
  let mine: MemberRow;
  let theirs: MemberRow;
  let scopeA: Scope;
  let staff: Session;
  const as = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    h().app.inject({ method, url, payload: payload as never, headers: { ...staff.headers, ...headers } });

  /** Everything stored about a member: the row, its intervals and its photo. */
  async function snapshot(id: number) {
    const db = h().database.db;
    return {
      member: await db.selectFrom('member').selectAll().where('id', '=', id).executeTakeFirst(),
      periods: await db.selectFrom('member_status_period').selectAll().where('member_id', '=', id).orderBy('valid_from').execute(),
      placements: await db.selectFrom('member_placement').selectAll().where('member_id', '=', id).orderBy('valid_from').execute(),
      photo: await db.selectFrom('member_photo').select(['content_type', 'data']).where('member_id', '=', id).executeTakeFirst(),
    };
  }

  beforeAll(async () => {
    const db = h().database.db;
    a = await insertTestTree(db, 'SQA');
    b = await insertTestTree(db, 'SQB');
    mine = await insertTestMember(db, { org: a.cellA, full_name: 'Trần Thị Trong', citizen_id: '001190000101', party_card_no: '90000101' });
    theirs = await insertTestMember(db, { org: b.cellA, full_name: 'Hoàng Văn Ngoài', citizen_id: '001190000202', party_card_no: '90000202' });
    // The other record has a photo, put there by the administrator (whole tree).
    const put = await h().app.inject({ method: 'PUT', url: `/api/members/${theirs.id}/photo`, payload: PNG, headers: { ...h().headers, 'content-type': 'image/png' } });
    expect(put.statusCode).toBe(204);
    scopeA = makeScope([a.province.path]);
    await userWithRoles(db, 'staff-sqa', 'mat-khau-pham-vi-1', [{ role: 'org_staff', orgId: a.province.id }]);
    staff = await signIn(h().app, 'staff-sqa', 'mat-khau-pham-vi-1');
  });

  describe('through the API', () => {
    it('every member route answers 404 for the other subtree and changes nothing', async () => {
      const before = await snapshot(theirs.id);
      const v = theirs.version;
      const calls = [
        as('GET', `/api/members/${theirs.id}`),
        as('PATCH', `/api/members/${theirs.id}`, { version: v, occupation: 'Thợ mộc' }),
        as('POST', `/api/members/${theirs.id}/status`, { version: v, status: 'exempt', effectiveDate: '2026-11-01' }),
        as('POST', `/api/members/${theirs.id}/placement`, { version: v, orgId: b.cellB.id, effectiveDate: '2026-11-01' }),
        as('POST', `/api/members/${theirs.id}/placement`, { version: v, orgId: a.cellA.id, effectiveDate: '2026-11-01' }),
        as('GET', `/api/members/${theirs.id}/history`),
        as('GET', `/api/members/${theirs.id}/as-of?date=2020-01-01`),
        as('GET', `/api/members/${theirs.id}/photo`),
        as('PUT', `/api/members/${theirs.id}/photo`, PNG, { 'content-type': 'image/png' }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.statusCode, res.body).toBe(404);
        expect(res.body).not.toContain('Ngoài');
        expect(res.body).not.toContain(b.cellA.name);
      }
      expect(await snapshot(theirs.id)).toEqual(before);
    });

    it('a member is neither created in nor moved to an org of the other subtree', async () => {
      const count = async () => Number((await h().database.db.selectFrom('member').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const n = await count();
      const created = await as('POST', '/api/members', {
        fullName: 'Lê Văn Mới',
        sex: 'male',
        birthDate: '1990-01-01',
        status: 'official',
        statusSince: '2015-01-01',
        admissionDate: '2014-01-01',
        orgId: b.cellA.id,
      });
      expect(created.statusCode).toBe(404);
      expect(created.json().error.code).toBe('ORG_NOT_FOUND');
      expect(await count()).toBe(n);

      const before = await snapshot(mine.id);
      const moved = await as('POST', `/api/members/${mine.id}/placement`, { version: mine.version, orgId: b.cellB.id, effectiveDate: '2026-11-01' });
      expect(moved.statusCode).toBe(404);
      expect(moved.json().error.code).toBe('ORG_NOT_FOUND');
      expect(await snapshot(mine.id)).toEqual(before);
    });

    it('a duplicate citizen ID or card held in the other subtree is refused without naming that record', async () => {
      for (const [field, value, code] of [
        ['citizenId', theirs.citizen_id, 'DUPLICATE_CITIZEN_ID'],
        ['partyCardNo', theirs.party_card_no, 'DUPLICATE_PARTY_CARD'],
      ] as const) {
        const res = await as('PATCH', `/api/members/${mine.id}`, { version: mine.version, [field]: value });
        expect(res.statusCode, res.body).toBe(409);
        const body = res.json();
        expect(body.error.code).toBe(code);
        // Only the value the caller typed comes back: no id, name, org or path of the holder.
        for (const secret of ['Ngoài', b.cellA.name, b.province.name, b.cellA.path, `"id":${theirs.id}`, `"memberId":${theirs.id}`]) {
          expect(res.body, secret).not.toContain(secret);
        }
        expect(JSON.stringify(body.error.details ?? {})).not.toContain(String(theirs.id));
      }
    });

    it('statistics as of a past date cover only the scope', async () => {
      const other = await as('GET', `/api/orgs/${b.province.id}/stats?asOf=2025-12-31`);
      expect(other.statusCode).toBe(404);
      const own = (await as('GET', `/api/orgs/${a.province.id}/stats?asOf=2025-12-31`)).json();
      const scoped = (await as('GET', '/api/stats?asOf=2025-12-31')).json();
      expect(own.members.total).toBe(1);
      expect(scoped.members.total).toBe(1);
    });
  });

  describe('in the repository SQL', () => {
    it('reads of the other subtree return nothing', async () => {
      const db = h().database.db;
      expect(await memberRepo.orgChain(db, scopeA, b.cellA.path)).toEqual([]);
      expect((await memberRepo.orgChain(db, scopeA, a.cellA.path)).map((o) => o.id)).toEqual([a.province.id, a.commune.id, a.committee.id, a.cellA.id]);
      expect(await memberRepo.openStatusPeriod(db, scopeA, theirs.id)).toBeUndefined();
      expect(await memberRepo.openPlacement(db, scopeA, theirs.id)).toBeUndefined();
      expect(await memberRepo.openPlacement(db, scopeA, mine.id)).toBeDefined();
      expect(await memberRepo.hasPhoto(db, scopeA, theirs.id)).toBe(false);
      expect(await memberRepo.hasPhoto(db, makeScope(['/']), theirs.id)).toBe(true);
      expect(await memberRepo.photoMeta(db, scopeA, theirs.id)).toBeUndefined();
    });

    it('lists and counts take the scope and the org filter as one set of subtrees, on every level', async () => {
      const db = h().database.db;
      const f = (orgPath: string | null): memberRepo.MemberListFilter => ({ orgPath, statuses: [mine.status, theirs.status], sex: null, search: null });
      const ids = async (scope: Scope, orgPath: string | null) =>
        (await memberRepo.listPage(db, scope, f(orgPath), 'name', 50, { offset: 0 })).map((r) => r.id).filter((id) => id === mine.id || id === theirs.id);
      const count = async (scope: Scope, orgPath: string | null) => (await memberRepo.countFiltered(db, scope, f(orgPath), 1000)).n;
      // The communes are on the second level of the tree (the index of migration 0009).
      const communeA = makeScope([a.commune.path]);
      const communeB = makeScope([b.commune.path]);
      expect(await ids(scopeA, a.commune.path)).toEqual([mine.id]);
      expect(await ids(scopeA, b.commune.path)).toEqual([]);
      expect(await ids(scopeA, b.province.path)).toEqual([]);
      expect(await ids(communeA, null)).toEqual([mine.id]);
      expect(await ids(communeA, a.province.path)).toEqual([mine.id]);
      expect(await ids(communeA, a.gcell.path)).toEqual([]);
      expect(await ids(communeB, a.province.path)).toEqual([]);
      expect(await ids(communeB, a.commune.path)).toEqual([]);
      // In name order, given name first: Ngoài before Trong.
      expect(await ids(makeScope([a.commune.path, b.commune.path]), null)).toEqual([theirs.id, mine.id]);
      expect(await count(communeB, a.province.path)).toBe(0);
      expect(await count(communeA, b.commune.path)).toBe(0);
      expect(await count(communeA, a.commune.path)).toBeGreaterThanOrEqual(1);
    });

    it('writes to the other subtree change no row', async () => {
      const db = h().database.db;
      const before = await snapshot(theirs.id);
      const open = before.periods.at(-1)!;
      const place = before.placements.at(-1)!;
      await db.transaction().execute(async (tx) => {
        expect(await memberRepo.insertStatusPeriod(tx, scopeA, { memberId: theirs.id, validFrom: '2026-11-01', status: 'exempt', decisionNo: null })).toBe(0);
        expect(await memberRepo.closeInterval(tx, scopeA, 'member_status_period', theirs.id, open.valid_from, '2026-11-01')).toBe(0);
        expect(await memberRepo.replaceOpenStatusPeriod(tx, scopeA, theirs.id, open.valid_from, 'exempt', 'X')).toBe(0);
        expect(await memberRepo.insertPlacement(tx, scopeA, { memberId: theirs.id, validFrom: '2026-11-01', orgId: a.cellA.id })).toBe(0);
        expect(await memberRepo.closeInterval(tx, scopeA, 'member_placement', theirs.id, place.valid_from, '2026-11-01')).toBe(0);
        expect(await memberRepo.replaceOpenPlacement(tx, scopeA, theirs.id, place.valid_from, a.cellA.id)).toBe(0);
        await memberRepo.shiftFirstPlacement(tx, scopeA, theirs.id, place.valid_from, '2008-01-01');
        expect(await memberRepo.upsertPhoto(tx, scopeA, theirs.id, 'image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 1]), new Date())).toBe(0);
        // And one's own member cannot be placed into the other subtree's org.
        expect(await memberRepo.insertPlacement(tx, scopeA, { memberId: mine.id, validFrom: '2026-11-01', orgId: b.cellA.id })).toBe(0);
        expect(await memberRepo.replaceOpenPlacement(tx, scopeA, mine.id, '2009-01-01', b.cellA.id)).toBe(0);
        // The import's set-based first intervals: nothing for a member of the other subtree.
        expect(await memberRepo.insertFirstIntervals(tx, scopeA, [theirs.id])).toEqual({ periods: 0, placements: 0 });
      });
      expect(await snapshot(theirs.id)).toEqual(before);
      expect((await snapshot(mine.id)).placements.map((p) => p.org_id)).toEqual([a.cellA.id]);
    });

    it('a member is inserted only into an org in scope', async () => {
      const db = h().database.db;
      const now = new Date();
      const row = {
        full_name: 'Đỗ Văn Chèn',
        name_norm: 'do van chen',
        name_sort: 'chen do van',
        sex: 'male' as const,
        birth_date: '1990-01-01',
        ethnicity: 'kinh',
        religion: 'none',
        theory_level: 'none',
        status: 'official',
        status_since: '2015-01-01',
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (tx) => {
        expect(await memberRepo.insertMember(tx, scopeA, { ...row, org_id: b.cellA.id })).toBeUndefined();
        const ok = await memberRepo.insertMember(tx, scopeA, { ...row, org_id: a.cellB.id });
        expect(ok).toMatchObject({ org_id: a.cellB.id, org_path: a.cellB.path, birth_date: '1990-01-01', full_name: 'Đỗ Văn Chèn' });
        // Many at once (the import): only the rows whose org is in scope are inserted.
        const many = await memberRepo.insertMembers(tx, scopeA, [
          { ...row, full_name: 'Đỗ Văn Chèn Hai', org_id: a.cellA.id },
          { ...row, full_name: 'Đỗ Văn Chèn Ba', org_id: b.cellA.id },
        ]);
        expect(many.map((m) => [m.full_name, m.org_path, m.birth_date])).toEqual([['Đỗ Văn Chèn Hai', a.cellA.path, '1990-01-01']]);
        throw new Error('roll back');
      }).catch((e: unknown) => {
        if (!(e instanceof Error) || e.message !== 'roll back') throw e;
      });
      expect(await db.selectFrom('member').select('id').where('full_name', '=', 'Đỗ Văn Chèn').executeTakeFirst()).toBeUndefined();
    });

    it('stored roll-up counts of the other subtree are not read', async () => {
      const db = h().database.db;
      expect(await countsOf(db, scopeA, [b.province.id, b.cellA.id])).toEqual([]);
      const mine = await countsOf(db, scopeA, [a.province.id, b.province.id]);
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((r) => Number(r.org_id)))).toEqual(new Set([a.province.id]));
    });

    it('as-of statistics take the scope: paths and rows of the other subtree are empty', async () => {
      const db = h().database.db;
      const date = '2025-12-31';
      expect(await statsRepo.pathsAsOf(db, scopeA, [b.province.id], date)).toEqual([]);
      expect(await statsRepo.pathsAsOf(db, scopeA, [a.province.id, b.province.id], date)).toEqual([a.province.path]);
      // A path of the other subtree handed over directly still yields nothing.
      expect(await statsRepo.historyRows(db, scopeA, [b.province.path], date)).toEqual([]);
      expect(await statsRepo.historyRows(db, scopeA, [a.province.path, b.province.path], date)).toEqual([]);
      // The whole tree needs the whole tree in scope.
      expect(await statsRepo.historyRows(db, scopeA, null, date)).toEqual([]);
      const total = (rows: { dim: string; val: string; n: number | string }[]) => Number(rows.find((r) => r.dim === 'total')?.n ?? 0);
      expect(total(await statsRepo.historyRows(db, scopeA, [a.province.path], date))).toBe(1);
      expect(total(await statsRepo.historyRows(db, makeScope(['/']), null, date))).toBeGreaterThanOrEqual(2);
    });
  });
});
