import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn } from '../../../test/api.js';
import { TRANSFER_STATES } from '../../domain/transfer/transfer-case.js';
import { differences } from '../rollup/rollup.repository.js';
import { createDemoAccounts } from './demo-accounts.service.js';
import { seedDemoAdmission } from './demo-admission.service.js';
import { seedDemoRecognition } from './demo-recognition.service.js';
import { seedDemoTransfers } from './demo-transfer.service.js';
import { seedDatabase } from './seed.service.js';

interface ListedCase {
  id: number;
  state: string;
  kind: string;
  member: { id: number; status: string };
  destination: { scope: string };
  deadlines: { due: string }[];
}

// Issue 5 acceptance: "the demo contains cases in every state" — transfers too, with one between
// the demo's communes seen by both offices, temporary ones, and one blocked by an inspection.
describeApi('demo transfer cases', (h) => {
  let cases: ListedCase[];
  let today: string;

  beforeAll(async () => {
    today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await createDemoAccounts(h().database.db, h().clock);
    await seedDemoAdmission(h().database.db, today);
    await seedDemoRecognition(h().database.db, today);
    const r = await seedDemoTransfers(h().database.db, today);
    expect(r.cases).toBeGreaterThanOrEqual(TRANSFER_STATES.length);
    const res = await h().app.inject({ method: 'GET', url: '/api/transfers?pageSize=200', headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    cases = res.json().items;
  });

  it('has a case in every state, temporary ones, and deadlines overdue and still running', () => {
    const states = new Set(cases.map((c) => c.state));
    for (const s of TRANSFER_STATES) expect(states.has(s), s).toBe(true);
    expect(cases.filter((c) => c.kind === 'temporary' && c.state === 'received')).toHaveLength(3);
    const dues = cases.flatMap((c) => c.deadlines.map((d) => d.due));
    expect(dues.some((d) => d < today)).toBe(true);
    expect(dues.some((d) => d >= today)).toBe(true);
  });

  it('moved the members of completed transfers through the service, with exact roll-ups', async () => {
    const done = cases.filter((c) => c.state === 'completed');
    expect(done.find((c) => c.destination.scope === 'outside')?.member.status).toBe('transferred');
    expect(done.find((c) => c.destination.scope === 'inside')?.member.status).toBe('official');
    expect((await differences(h().database.db)).total).toBe(0);
  });

  it('shows the commune staff cases going out and coming in, the blocked one, and the temporary-cell suggestion', async () => {
    const s = await signIn(h().app, 'bantochuc.xa', 'dangvu-demo-2026');
    const get = async (url: string) => (await h().app.inject({ method: 'GET', url, headers: s.headers })).json();
    expect((await get('/api/transfers?direction=out')).total).toBeGreaterThanOrEqual(5);
    expect((await get('/api/transfers?direction=in')).total).toBeGreaterThanOrEqual(4);
    const out = (await get('/api/transfers?direction=out&state=dues_recorded')).items as ListedCase[];
    const blocked = await Promise.all(out.map((c) => get(`/api/transfers/${c.id}`)));
    expect(blocked.some((c: { blocks: unknown[] }) => c.blocks.length === 1)).toBe(true);
    const attached = await get('/api/transfers/attached');
    expect(attached.hosts).toHaveLength(1);
    expect(attached.hosts[0]).toMatchObject({ officialCount: 3, temporaryCellSuggested: true });
  });
});
