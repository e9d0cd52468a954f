import { expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { insertTestMember, insertTestOrg } from '../../../test/factories.js';
import { differences } from '../rollup/rollup.repository.js';

describeApi('coming back onto the rolls', (h) => {
  it('is refused while the member\'s cell is dissolved (the transfer-in places them first)', async () => {
    const { app, headers, database } = h();
    const call = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, headers, payload });
    const province = await insertTestOrg(database.db, { type: 'province', name: 'Tỉnh Trở Lại' });
    const oldCell = await insertTestOrg(database.db, { type: 'grassroots_cell', parent: province, name: 'Chi bộ cũ' });
    const m = await insertTestMember(database.db, { org: oldCell, status: 'official', status_since: '2010-01-01' });

    expect((await call(`/api/members/${m.id}/status`, { status: 'transferred', effectiveDate: '2026-03-01', version: m.version })).statusCode).toBe(200);
    expect((await call(`/api/orgs/${oldCell.id}/dissolve`, { effectiveDate: '2026-04-01' })).statusCode).toBe(200);

    const back = await call(`/api/members/${m.id}/status`, { status: 'official', effectiveDate: '2026-05-01', version: m.version + 1 });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('ORG_DISSOLVED');
    expect(back.json().error.details.field).toBe('status');

    // Nothing was written: still transferred, and the roll-ups still match a recount.
    const after = await app.inject({ method: 'GET', url: `/api/members/${m.id}`, headers });
    expect(after.json()).toMatchObject({ status: 'transferred', version: m.version + 1 });
    expect((await differences(database.db)).total).toBe(0);
  });
});
