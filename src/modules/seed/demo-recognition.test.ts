import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn } from '../../../test/api.js';
import { RECOGNITION_STATES } from '../../domain/probation/recognition-case.js';
import { differences } from '../rollup/rollup.repository.js';
import { createDemoAccounts } from './demo-accounts.service.js';
import { seedDemoAdmission } from './demo-admission.service.js';
import { seedDemoRecognition } from './demo-recognition.service.js';
import { seedDatabase } from './seed.service.js';

interface ListedCase {
  state: string;
  member: { id: number; status: string };
  ceremonyDate: string;
  officialDate: string | null;
  deadlines: { due: string }[];
}

// Issue 5 acceptance: "the demo contains candidates and cases in every state" — recognition too.
describeApi('demo recognition cases', (h) => {
  let cases: ListedCase[];
  let today: string;

  beforeAll(async () => {
    today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await createDemoAccounts(h().database.db, h().clock);
    await seedDemoAdmission(h().database.db, today);
    const r = await seedDemoRecognition(h().database.db, today);
    expect(r.cases).toBeGreaterThanOrEqual(RECOGNITION_STATES.length);
    const res = await h().app.inject({ method: 'GET', url: '/api/recognition-cases?pageSize=200', headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    cases = res.json().items;
  });

  it('has at least one case in every state of the recognition machine', () => {
    const states = new Set(cases.map((c) => c.state));
    for (const s of RECOGNITION_STATES) expect(states.has(s), s).toBe(true);
  });

  it('has deadlines overdue and others still running', () => {
    const dues = cases.flatMap((c) => c.deadlines.map((d) => d.due));
    expect(dues.filter((d) => d < today).length).toBeGreaterThanOrEqual(2);
    expect(dues.filter((d) => d >= today).length).toBeGreaterThanOrEqual(2);
  });

  it('moves the decided members through the service: official from ceremony + 12 months, or removed, with exact roll-ups', async () => {
    for (const c of cases.filter((x) => x.state === 'recognized')) {
      expect(c.member.status).toBe('official');
      expect(c.officialDate! > c.ceremonyDate).toBe(true);
    }
    expect(cases.filter((c) => c.state === 'removed').every((c) => c.member.status === 'removed')).toBe(true);
    expect(cases.filter((c) => c.state !== 'recognized' && c.state !== 'removed').every((c) => c.member.status === 'probationary')).toBe(true);
    expect((await differences(h().database.db)).total).toBe(0);
  });

  it('shows the commune staff account cases of its own commune', async () => {
    const s = await signIn(h().app, 'bantochuc.xa', 'dangvu-demo-2026');
    const mine = (await h().app.inject({ method: 'GET', url: '/api/recognition-cases?pageSize=200', headers: s.headers })).json();
    expect(new Set(mine.items.map((c: ListedCase) => c.state)).size).toBeGreaterThanOrEqual(5);
  });
});
