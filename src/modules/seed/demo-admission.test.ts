import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { ADMISSION_STATES } from '../../domain/admission/admission-case.js';
import { differences } from '../rollup/rollup.repository.js';
import { createDemoAccounts } from './demo-accounts.service.js';
import { seedDemoAdmission } from './demo-admission.service.js';
import { seedDatabase } from './seed.service.js';

interface ListedCase {
  state: string;
  memberId: number | null;
  deadlines: { due: string }[];
}

// Issue 5 acceptance: "the demo contains candidates and cases in every state".
describeApi('demo admission cases', (h) => {
  let cases: ListedCase[];
  let today: string;

  beforeAll(async () => {
    today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await createDemoAccounts(h().database.db, h().clock);
    const r = await seedDemoAdmission(h().database.db, today);
    expect(r.cases).toBeGreaterThanOrEqual(ADMISSION_STATES.length);
    const res = await h().app.inject({ method: 'GET', url: '/api/admission-cases?pageSize=200', headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    cases = res.json().items;
  });

  it('has at least one case in every state of the admission machine', () => {
    const states = new Set(cases.map((c) => c.state));
    for (const s of ADMISSION_STATES) expect(states.has(s), s).toBe(true);
  });

  it('has deadlines that are overdue and others due within two weeks of the seed day', () => {
    const dues = cases.flatMap((c) => c.deadlines.map((d) => d.due));
    const inTwoWeeks = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(dues.filter((d) => d < today).length).toBeGreaterThanOrEqual(2);
    expect(dues.filter((d) => d >= today && d <= inTwoWeeks).length).toBeGreaterThanOrEqual(2);
  });

  it('admits members through the service with exact roll-ups, and leaves candidates waiting for a case', async () => {
    expect(cases.filter((c) => c.memberId !== null).length).toBeGreaterThanOrEqual(3);
    expect((await differences(h().database.db)).total).toBe(0);
    const candidates = (await h().app.inject({ method: 'GET', url: '/api/candidates?pageSize=200', headers: h().headers })).json();
    expect(candidates.total).toBeGreaterThan(cases.length);
  });

  it('shows the commune staff account cases of its own commune', async () => {
    const { signIn } = await import('../../../test/api.js');
    const s = await signIn(h().app, 'bantochuc.xa', 'dangvu-demo-2026');
    const mine = (await h().app.inject({ method: 'GET', url: '/api/admission-cases?pageSize=200', headers: s.headers })).json();
    expect(new Set(mine.items.map((c: ListedCase) => c.state)).size).toBeGreaterThanOrEqual(8);
  });
});
