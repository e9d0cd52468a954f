import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles } from '../../../test/api.js';
import { insertTestMember, insertTestOrg, insertTestTree } from '../../../test/factories.js';

// The list's age-band and theory-level filters (issue 4: every dashboard figure links to the
// list it counts). Expected answers are computed here from the rows inserted, with the bands of
// R-STAT-04 written out by hand, not through the domain function the server uses.

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
interface Person {
  id: number;
  birth: string;
  theory: string;
  status: string;
  sex: 'male' | 'female';
  ethnicity: string;
}
interface ListBody {
  items: { id: number }[];
  total: number;
  totalIsLowerBound?: true;
  nextCursor?: string;
}

// The harness's today is 2026-11-20: age is 2026 minus the year of birth, whatever the day.
const REPORT_YEAR = 2026;
function bandByHand(birth: string): string {
  const age = REPORT_YEAR - Number(birth.slice(0, 4));
  return age <= 30 ? 'le30' : age <= 40 ? '31_40' : age <= 50 ? '41_50' : age <= 60 ? '51_60' : 'ge61';
}
const ON_ROLLS = ['probationary', 'official', 'exempt'];

describeApi('member list filtered by age band, theory level and ethnic group', (h) => {
  let tree: Tree;
  const people: Person[] = [];
  const births = ['1996-12-31', '1996-01-01', '2001-06-15', '1995-12-31', '1986-01-01', '1985-12-31', '1976-07-07', '1975-01-01', '1966-12-31', '1965-12-31', '1940-02-28'];
  const theories = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'];
  const statuses = ['official', 'probationary', 'exempt', 'official', 'removed'];
  // Every fourth person of a minority, in three different groups.
  const ethnicities = ['kinh', 'kinh', 'kinh', 'tay', 'kinh', 'hmong', 'kinh', 'khmer'];

  const list = async (query: string): Promise<ListBody> => {
    const res = await h().app.inject({ method: 'GET', url: `/api/members?org=${tree.province.id}&${query.includes('pageSize=') ? '' : 'pageSize=200&'}${query}`, headers: h().headers });
    if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
    return res.json() as ListBody;
  };
  const ids = (ps: Person[]) => ps.map((p) => p.id).sort((a, b) => a - b);
  const listed = async (query: string) => {
    const body = await list(query);
    expect(body.nextCursor).toBeUndefined();
    return { ids: body.items.map((i) => i.id).sort((a, b) => a - b), total: body.total };
  };

  beforeAll(async () => {
    const db = h().database.db;
    tree = await insertTestTree(db, 'F');
    let i = 0;
    for (const birth of births) {
      for (const theory of theories) {
        const status = statuses[i % statuses.length]!;
        const sex = i % 3 === 0 ? 'female' : 'male';
        const ethnicity = ethnicities[i % ethnicities.length]!;
        const m = await insertTestMember(db, {
          org: [tree.cellA, tree.cellB, tree.gcell][i % 3]!,
          birth_date: birth,
          theory_level: theory,
          status,
          status_since: '2015-01-01',
          sex,
          ethnicity,
        });
        people.push({ id: m.id, birth, theory, status, sex, ethnicity });
        i++;
      }
    }
    // The same kinds of people outside the org listed: never in its list.
    const other = await insertTestOrg(db, { type: 'province', name: 'Tỉnh khác F' });
    const otherCell = await insertTestOrg(db, { type: 'grassroots_cell', parent: other, name: 'Chi bộ khác F' });
    for (const birth of births) await insertTestMember(db, { org: otherCell, birth_date: birth, theory_level: 'advanced', ethnicity: 'thai' });
  });

  it('lists exactly the members on the rolls of one age band, for every band', async () => {
    for (const band of ['le30', '31_40', '41_50', '51_60', 'ge61']) {
      const expected = people.filter((p) => ON_ROLLS.includes(p.status) && bandByHand(p.birth) === band);
      expect(expected.length, band).toBeGreaterThan(0);
      const got = await listed(`ageBand=${band}`);
      expect(got.ids, band).toEqual(ids(expected));
      expect(got.total, band).toBe(expected.length);
    }
  });

  it('lists exactly the members of one theory level, with the total the roll-ups hold', async () => {
    for (const level of theories) {
      const expected = people.filter((p) => ON_ROLLS.includes(p.status) && p.theory === level);
      const got = await listed(`theoryLevel=${level}`);
      expect(got.ids, level).toEqual(ids(expected));
      expect(got.total, level).toBe(expected.length);
    }
  });

  it('takes several values of each and combines them with status and sex', async () => {
    const cases: [string, (p: Person) => boolean][] = [
      ['ageBand=le30,ge61', (p) => ON_ROLLS.includes(p.status) && ['le30', 'ge61'].includes(bandByHand(p.birth))],
      ['theoryLevel=advanced,bachelor', (p) => ON_ROLLS.includes(p.status) && ['advanced', 'bachelor'].includes(p.theory)],
      ['ageBand=31_40&theoryLevel=none,intermediate', (p) => ON_ROLLS.includes(p.status) && bandByHand(p.birth) === '31_40' && ['none', 'intermediate'].includes(p.theory)],
      ['ageBand=41_50,51_60&sex=female', (p) => ON_ROLLS.includes(p.status) && ['41_50', '51_60'].includes(bandByHand(p.birth)) && p.sex === 'female'],
      ['theoryLevel=elementary&sex=male', (p) => ON_ROLLS.includes(p.status) && p.theory === 'elementary' && p.sex === 'male'],
      ['theoryLevel=none,bachelor&status=removed', (p) => p.status === 'removed' && ['none', 'bachelor'].includes(p.theory)],
      ['ageBand=le30&status=probationary', (p) => p.status === 'probationary' && bandByHand(p.birth) === 'le30'],
    ];
    for (const [query, keep] of cases) {
      const expected = people.filter(keep);
      const got = await listed(query);
      expect(got.ids, query).toEqual(ids(expected));
      expect(got.total, query).toBe(expected.length);
    }
  });

  it("answers each dashboard figure of a band or a level with a list of that many members", async () => {
    const res = await h().app.inject({ method: 'GET', url: `/api/orgs/${tree.province.id}/stats`, headers: h().headers });
    expect(res.statusCode).toBe(200);
    const stats = res.json() as { members: { byAgeBand: Record<string, number>; byTheoryLevel: Record<string, number> } };
    for (const [band, n] of Object.entries(stats.members.byAgeBand)) expect((await list(`ageBand=${band}`)).total, band).toBe(n);
    for (const [level, n] of Object.entries(stats.members.byTheoryLevel)) expect((await list(`theoryLevel=${level}`)).total, level).toBe(n);
  });

  it('lists the Kinh and the ethnic minorities, alone and with other filters, each total the dashboard figure', async () => {
    const minority = (p: Person) => p.ethnicity !== 'kinh';
    const cases: [string, (p: Person) => boolean][] = [
      ['ethnicGroup=minority', (p) => ON_ROLLS.includes(p.status) && minority(p)],
      ['ethnicGroup=kinh', (p) => ON_ROLLS.includes(p.status) && !minority(p)],
      ['ethnicGroup=minority&sex=female', (p) => ON_ROLLS.includes(p.status) && minority(p) && p.sex === 'female'],
      ['ethnicGroup=minority&status=removed', (p) => p.status === 'removed' && minority(p)],
      ['ethnicGroup=kinh&ageBand=le30&theoryLevel=none,advanced', (p) => ON_ROLLS.includes(p.status) && !minority(p) && bandByHand(p.birth) === 'le30' && ['none', 'advanced'].includes(p.theory)],
    ];
    for (const [query, keep] of cases) {
      const expected = people.filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      const got = await listed(query);
      expect(got.ids, query).toEqual(ids(expected));
      expect(got.total, query).toBe(expected.length);
    }
    const res = await h().app.inject({ method: 'GET', url: `/api/orgs/${tree.province.id}/stats`, headers: h().headers });
    const stats = res.json() as { ethnicMinority: number };
    expect(stats.ethnicMinority).toBe(people.filter((p) => ON_ROLLS.includes(p.status) && minority(p)).length);
    expect((await list('ethnicGroup=minority')).total).toBe(stats.ethnicMinority);
  });

  it('refuses the ethnic-group filter to a role that may not read ethnicity, in the list and the export', async () => {
    const db = h().database.db;
    await userWithRoles(db, 'leader-f', 'mat-khau-lanh-dao-f', [{ role: 'leader', orgId: tree.province.id }]);
    const leader = await signIn(h().app, 'leader-f', 'mat-khau-lanh-dao-f');
    for (const url of [`/api/members?org=${tree.province.id}&ethnicGroup=minority`, `/api/members?ethnicGroup=kinh`, `/api/members/export?org=${tree.province.id}&ethnicGroup=minority&format=csv`]) {
      const res = await h().app.inject({ method: 'GET', url, headers: leader.headers });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error, url).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'sensitive_filter' } });
      expect(res.json().error.message, url).toContain('dân tộc');
    }
    // Without the filter the same leader lists the same org.
    const plain = await h().app.inject({ method: 'GET', url: `/api/members?org=${tree.province.id}`, headers: leader.headers });
    expect(plain.statusCode).toBe(200);
  });

  it('pages a filtered list by cursor without overlap', async () => {
    const expected = ids(people.filter((p) => ON_ROLLS.includes(p.status) && ['le30', '31_40'].includes(bandByHand(p.birth))));
    const seen: number[] = [];
    let after = '';
    for (let guard = 0; guard < 50; guard++) {
      const body = await list(`ageBand=le30,31_40&pageSize=4${after ? `&after=${after}` : ''}`);
      seen.push(...body.items.map((i) => i.id));
      if (!body.nextCursor) break;
      after = body.nextCursor;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(expected);
  });

  it('refuses an unknown band or level, naming the parameter', async () => {
    for (const query of ['ageBand=le29', 'theoryLevel=doctor', 'ageBand=le30,', 'theoryLevel=']) {
      const res = await h().app.inject({ method: 'GET', url: `/api/members?${query}`, headers: h().headers });
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json()), query).toMatch(query.startsWith('age') ? /ageBand/ : /theoryLevel/);
    }
  });

  it("sends an error's message parameters beside it, for the web app's English text", async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/members?q=ab&mode=anywhere', headers: h().headers });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'SEARCH_TOO_SHORT', params: { min: 3 } } });
  });
});
