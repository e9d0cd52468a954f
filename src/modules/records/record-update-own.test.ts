import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import * as repo from './record-update.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'record_update' | 'audit_log') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { updates: await n('record_update'), audit: await n('audit_log') };
}

// R-REC-07 self-service: a member files their own phiếu bổ sung, which then flows like any other.
// Today is 2026-11-20.
describeApi('a member files their own phiếu bổ sung (R-REC-07)', (h) => {
  let t: Tree;
  let self: Session;
  let unlinked: Session;
  let cellCommittee: Session;
  let me: number;
  let neighbour: number;
  let userId: number;

  beforeAll(async () => {
    const db = h().database.db;
    t = await insertTestTree(db, 'OW');
    me = (await insertTestMember(db, { org: t.cellA, full_name: 'Phạm Văn Tự', status: 'official', status_since: '2015-01-01', residence: 'Thôn Cũ' })).id;
    neighbour = (await insertTestMember(db, { org: t.cellA, full_name: 'Phạm Thị Bên', status: 'official', status_since: '2015-01-01', residence: 'Thôn Cũ' })).id;
    userId = await userWithRoles(db, 'dangvien.ow', 'mat-khau-dangvien-1', [{ role: 'member', orgId: t.cellA.id }], { memberId: me });
    await userWithRoles(db, 'dangvien.none', 'mat-khau-dangvien-2', [{ role: 'member', orgId: t.cellA.id }]);
    await userWithRoles(db, 'committee.ow', 'mat-khau-committee-ow-1', [{ role: 'committee', orgId: t.cellA.id }]);
    self = await signIn(h().app, 'dangvien.ow', 'mat-khau-dangvien-1');
    unlinked = await signIn(h().app, 'dangvien.none', 'mat-khau-dangvien-2');
    cellCommittee = await signIn(h().app, 'committee.ow', 'mat-khau-committee-ow-1');
  });

  const body = { year: 2026, occasion: 'yearly', submittedOn: '2026-11-18', changes: { residence: 'Thôn Mới', phone: '0912345678' } };

  it('R-REC-07: the member files for themselves; the phiếu starts at their chi bộ, which passes it up', async () => {
    const res = await call(h(), 'POST', '/api/record-updates/own', body, self.headers);
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({
      member: { id: me },
      year: 2026,
      occasion: 'yearly',
      stage: 'cell',
      levels: ['cell', 'grassroots', 'superior'],
      redactedFields: [],
      changes: expect.arrayContaining([
        { field: 'residence', before: 'Thôn Cũ', after: 'Thôn Mới' },
        { field: 'phone', before: null, after: '0912345678' },
      ]),
    });
    const audit = await h().database.db.selectFrom('audit_log').select(['action', 'user_id']).where('entity_type', '=', 'record_update').where('entity_id', '=', String(filed.id)).executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'record_update.submit', user_id: userId });
    // Their own list shows it; the chi bộ sees it in its inbox and forwards it.
    expect((await call(h(), 'GET', '/api/record-updates/own', undefined, self.headers)).json()).toMatchObject({ total: 1, items: [{ id: filed.id, stage: 'cell' }] });
    const inbox = (await call(h(), 'GET', `/api/record-updates?org=${t.cellA.id}&stage=cell`, undefined, cellCommittee.headers)).json();
    expect(inbox.items.map((i: { id: number }) => i.id)).toContain(filed.id);
    const fwd = await call(h(), 'POST', `/api/record-updates/${filed.id}/forward`, { date: '2026-11-19', version: filed.version }, cellCommittee.headers);
    expect(fwd.statusCode, fwd.body).toBe(200);
    expect(fwd.json().stage).toBe('grassroots');
    // The year's phiếu is filed: a second is refused like any other.
    const twice = await call(h(), 'POST', '/api/record-updates/own', body, self.headers);
    expect(twice.json().error).toMatchObject({ code: 'RECORD_UPDATE_FILED', details: { field: 'year' } });
  });

  it('R-REC-07: a member cannot file for another member (refused, nothing written), nor without a linked record', async () => {
    const before = await counts(h());
    const named = await call(h(), 'POST', '/api/record-updates/own', { ...body, memberId: neighbour }, self.headers);
    expect(named.statusCode).toBe(400);
    expect(named.json().error).toMatchObject({ code: 'VALIDATION' });
    const staffRoute = await call(h(), 'POST', '/api/record-updates', { ...body, memberId: neighbour }, self.headers);
    expect(staffRoute.statusCode).toBe(403);
    const none = await call(h(), 'POST', '/api/record-updates/own', body, unlinked.headers);
    expect(none.json().error).toMatchObject({ code: 'NO_OWN_RECORD' });
    expect(await counts(h())).toEqual(before);
    expect((await call(h(), 'GET', '/api/record-updates/own', undefined, unlinked.headers)).json()).toEqual({ items: [], total: 0 });
    // In SQL: the owner's insert for another member of the same org writes nothing.
    const now = new Date();
    const row = await repo.insertUpdate(
      h().database.db,
      makeScope([t.cellA.path]),
      { member_id: neighbour, year: 2026, occasion: 'yearly', changes: '{}', stage: 'cell', submitted_on: '2026-11-18', created_by: userId, created_at: now, updated_by: userId, updated_at: now },
      { ownerUserId: userId },
    );
    expect(row).toBeUndefined();
    expect(await counts(h())).toEqual(before);
  });

  it('R-REC-07: anonymous callers get 401 and write nothing', async () => {
    const before = await counts(h());
    expect((await call(h(), 'POST', '/api/record-updates/own', body, {})).statusCode).toBe(401);
    expect((await call(h(), 'GET', '/api/record-updates/own', undefined, {})).statusCode).toBe(401);
    expect(await counts(h())).toEqual(before);
  });
});
