import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn } from '../../../test/api.js';
import { differences } from '../rollup/rollup.repository.js';
import { createDemoAccounts } from './demo-accounts.service.js';
import { seedDemoExits } from './demo-exits.service.js';
import { seedDatabase } from './seed.service.js';

interface ListedCase {
  state: string;
  member: { id: number; status: string };
  deadlines: { step: string; due: string }[];
}

// Issue 5 acceptance: the demo shows exits too — a removal awaiting votes, one in its appeal
// window, one restored; two exempt members.
describeApi('demo exits', (h) => {
  let cases: ListedCase[];
  let today: string;

  beforeAll(async () => {
    today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await createDemoAccounts(h().database.db, h().clock);
    const r = await seedDemoExits(h().database.db, today);
    expect(r).toEqual({ removals: 8, exemptions: 2, exits: 2 });
    const res = await h().app.inject({ method: 'GET', url: '/api/exits?pageSize=200', headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    cases = res.json().items;
  });

  it('has removal cases awaiting votes, in the appeal window and restored, each member in the status its case says', async () => {
    const by = (s: string) => cases.filter((c) => c.state === s);
    expect(by('self_reviewed')).toHaveLength(1);
    const inWindow = by('notified');
    expect(inWindow).toHaveLength(1);
    expect(inWindow[0]!.deadlines[0]).toMatchObject({ step: 'appeal' });
    expect(inWindow[0]!.deadlines[0]!.due >= today).toBe(true);
    expect(by('restored').map((c) => c.member.status)).toEqual(['official']);
    for (const s of ['removal_final', 'notified', 'appealed']) expect(by(s).every((c) => c.member.status === 'removed'), s).toBe(true);
    expect((await differences(h().database.db)).total).toBe(0);
  });

  it('has two exempt members, one of them due back soon, seen by the commune staff account', async () => {
    const s = await signIn(h().app, 'bantochuc.xa', 'dangvu-demo-2026');
    const list = (await h().app.inject({ method: 'GET', url: '/api/exemptions?current=true', headers: s.headers })).json();
    expect(list.items.map((e: { kind: string; member: { status: string } }) => [e.kind, e.member.status]).sort()).toEqual([
      ['old_age_health', 'exempt'],
      ['temporary_absence', 'exempt'],
    ]);
    const mine = (await h().app.inject({ method: 'GET', url: '/api/exits?pageSize=200', headers: s.headers })).json();
    expect(mine.total).toBe(8);
  });
});
