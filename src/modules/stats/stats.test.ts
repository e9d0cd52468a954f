import { beforeAll, expect, it } from 'vitest';
import { describeApi, type ApiHarness } from '../../../test/api.js';
import { AppError } from '../../errors.js';
import { makeScope } from '../auth/scope.js';
import { differences } from '../rollup/rollup.repository.js';
import * as service from './stats.service.js';
import type { StatsResult } from './stats.service.js';
import type { OrgKind, OrgType } from '../../domain/org-type.js';
import { changePlacement, changeStatus, createMember } from '../member/member.service.js';
import type { CreateMemberInput } from '../member/member.schema.js';
import { createOrg } from '../org/org-create.service.js';
import { staffContext, type ServiceContext } from '../service-context.js';

// Today is 2026-11-20 (describeApi's clock); the report year is 2026 unless asOf says otherwise.
const TODAY = '2026-11-20';

interface Ref {
  id: number;
  path: string;
}

interface Tree {
  p: Ref; // province (root)
  s: Ref; // superior (commune party committee)
  g1: Ref; // grassroots committee with cells c1, c2
  c1: Ref;
  c2: Ref;
  g2: Ref; // grassroots cell founded 2024-03-01
  p2: Ref; // second root
  gc: Ref; // grassroots cell under p2
}

type MemberInput = Omit<CreateMemberInput, 'fullName' | 'status' | 'statusSince' | 'sex'> & Partial<Pick<CreateMemberInput, 'status' | 'sex'>> & { since: string };

// The tree and the members are written through the org and member services, so the roll-ups,
// the dated intervals and the current rows are exactly what the app keeps.
async function build(h: ApiHarness): Promise<Tree> {
  const ctx: ServiceContext = staffContext(h.database.db, h.clock);
  let n = 0;
  const org = async (orgType: OrgType, parent: Ref | null, foundedOn: string, orgKind: OrgKind | null = null): Promise<Ref> =>
    createOrg(ctx, { code: `ST${++n}`, name: `Tổ chức thống kê ${n}`, orgType, orgKind, parentId: parent?.id ?? null, foundedOn });
  const member = async ({ since, ...m }: MemberInput) =>
    createMember(ctx, { fullName: `Đảng viên Thống Kê ${++n}`, sex: 'male', status: 'official', statusSince: since, admissionDate: since, ...m });

  const p = await org('province', null, '2000-01-01');
  const s = await org('superior', p, '2000-01-01', 'commune');
  const g1 = await org('grassroots_committee', s, '2000-01-01', 'commune');
  const c1 = await org('cell', g1, '2000-01-01', 'village');
  const c2 = await org('cell', g1, '2000-01-01', 'village');
  const g2 = await org('grassroots_cell', s, '2024-03-01', 'administrative');
  const p2 = await org('province', null, '2000-01-01');
  const gc = await org('grassroots_cell', p2, '2010-01-01', 'state_enterprise');

  // c1: a varied set; the mover leaves for g2 on 2026-06-01; one member dies on 2026-09-01.
  await member({ orgId: c1.id, since: '2010-01-01', sex: 'female', birthDate: '1970-03-03', ethnicity: 'tay', religion: 'buddhism', theoryLevel: 'advanced', generalEducation: '12/12', professionalLevel: 'university' });
  const exempt = await member({ orgId: c1.id, since: '2000-01-01', birthDate: '1940-01-01', generalEducation: '7/10', theoryLevel: 'elementary' });
  await changeStatus(ctx, exempt.id, { status: 'exempt', effectiveDate: '2015-01-01', version: exempt.version });
  await member({ orgId: c1.id, since: '2025-10-01', status: 'probationary', sex: 'female', birthDate: '2001-06-06', youthUnionDate: '2016-03-26', ethnicity: 'hmong', generalEducation: '9/12', professionalLevel: 'college' });
  const mover = await member({ orgId: c1.id, since: '2021-01-01', birthDate: '1985-02-02', theoryLevel: 'intermediate', generalEducation: '4/12' });
  const dying = await member({ orgId: c1.id, since: '2010-05-01', birthDate: '1950-07-07', religion: 'catholicism' });
  // c2: the two age-band boundary members (report year 2026: aged 30 and 31).
  await member({ orgId: c2.id, since: '2020-01-01', birthDate: '1996-12-31', sex: 'female', generalEducation: '12/12' });
  await member({ orgId: c2.id, since: '2020-01-01', birthDate: '1995-01-01', professionalLevel: 'master', generalEducation: '12/12' });
  // g2 and p2's cell.
  await member({ orgId: g2.id, since: '2024-03-01', birthDate: '1990-01-01', professionalLevel: 'doctor', theoryLevel: 'bachelor', generalEducation: '12/12' });
  await member({ orgId: gc.id, since: '2012-01-01', sex: 'female', birthDate: '1975-01-01', ethnicity: 'muong' });
  await member({ orgId: gc.id, since: '2012-01-01', birthDate: '1966-01-01' });

  await changePlacement(ctx, mover.id, { orgId: g2.id, effectiveDate: '2026-06-01', version: mover.version });
  await changeStatus(ctx, dying.id, { status: 'deceased', effectiveDate: '2026-09-01', version: dying.version });
  return { p, s, g1, c1, c2, g2, p2, gc };
}

describeApi('statistics (R-STAT-04)', (h) => {
  let t: Tree;
  beforeAll(async () => {
    t = await build(h());
  });

  const get = async (url: string, cookie: string | null = h().cookie) =>
    h().app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const stats = async (url: string): Promise<StatsResult> => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as StatsResult;
  };
  const figures = ({ source: _s, asOf: _a, ...rest }: StatsResult) => rest;

  it('keeps the roll-ups exact through the writes the test made', async () => {
    expect((await differences(h().database.db)).total).toBe(0);
  });

  it('answers from the roll-ups by default, with every figure of the forms', async () => {
    const s = await stats(`/api/orgs/${t.p.id}/stats`);
    expect(s).toMatchObject({ orgId: t.p.id, asOf: TODAY, source: 'rollup', attributesAsOf: 'current' });
    expect(s.members.total).toBe(7);
    expect(s.members.byStatus).toEqual({ probationary: 1, official: 5, exempt: 1 });
    expect(s.members.bySex).toEqual({ male: 4, female: 3 });
    expect(s.members.byEthnicity).toEqual({ kinh: 5, minority: 2, detail: { hmong: 1, tay: 1 } });
    expect(s.members.byReligion).toEqual({ none: 6, religious: 1, detail: { buddhism: 1 } });
    expect(s.members.byTheoryLevel).toEqual({ none: 3, elementary: 1, intermediate: 1, advanced: 1, bachelor: 1 });
    expect(s.members.byEducation).toEqual({ primary: 1, lower_secondary: 2, upper_secondary: 4, unknown: 0 });
    expect(s.members.byProfessionalLevel).toMatchObject({ none: 3, college: 1, university: 1, master: 1, doctor: 1 });
    expect(s.members.youthUnion).toBe(1);
    expect(s.orgs.byType).toMatchObject({ province: 1, superior: 1, grassroots_committee: 1, grassroots_cell: 1, cell: 2 });
    expect(s.orgs.byKind).toMatchObject({ commune: 2, village: 2, administrative: 1 });
    expect(s.orgs).toMatchObject({ grassroots: 2, cells: 3 });
    expect(s).toMatchObject({ women: 3, ethnicMinority: 2, youth: 2 });
  });

  it('gives the same figures recounted from the base tables as from the roll-ups, at every org', async () => {
    for (const org of [t.p, t.s, t.g1, t.c1, t.c2, t.g2, t.p2, t.gc]) {
      const rollup = await stats(`/api/orgs/${org.id}/stats`);
      const recount = await stats(`/api/orgs/${org.id}/stats?source=recount`);
      expect(recount.source).toBe('recount');
      expect(figures(recount)).toEqual(figures(rollup));
    }
    expect(figures(await stats('/api/stats?source=recount'))).toEqual(figures(await stats('/api/stats')));
  });

  it('gives the same figures from the history tables as of yesterday (nothing happened today)', async () => {
    for (const org of [t.p, t.c1, t.g2, t.p2]) {
      const history = await stats(`/api/orgs/${org.id}/stats?asOf=2026-11-19`);
      expect(history.source).toBe('history');
      expect(figures(history)).toEqual(figures(await stats(`/api/orgs/${org.id}/stats`)));
    }
  });

  it('bands ages by birth year as of the report year, at the boundaries', async () => {
    // Born 1996 → 30 in 2026 (le30); born 1995 → 31 (31_40). In 2025 both are ≤ 30.
    const now = await stats(`/api/orgs/${t.c2.id}/stats`);
    expect(now.members.byAgeBand).toEqual({ le30: 1, '31_40': 1, '41_50': 0, '51_60': 0, ge61: 0 });
    expect(now.youth).toBe(1);
    const lastYear = await stats(`/api/orgs/${t.c2.id}/stats?asOf=2025-12-31`);
    expect(lastYear.members.byAgeBand).toEqual({ le30: 2, '31_40': 0, '41_50': 0, '51_60': 0, ge61: 0 });
    const p = await stats(`/api/orgs/${t.p.id}/stats`);
    // 2001, 1996 | 1995, 1990 | 1985 | 1970 | 1940
    expect(p.members.byAgeBand).toEqual({ le30: 2, '31_40': 2, '41_50': 1, '51_60': 1, ge61: 1 });
  });

  it('counts a moved member in the old org before the move date and in the new one from it', async () => {
    const before = { c1: await stats(`/api/orgs/${t.c1.id}/stats?asOf=2026-05-31`), g2: await stats(`/api/orgs/${t.g2.id}/stats?asOf=2026-05-31`) };
    const after = { c1: await stats(`/api/orgs/${t.c1.id}/stats?asOf=2026-06-01`), g2: await stats(`/api/orgs/${t.g2.id}/stats?asOf=2026-06-01`) };
    expect(before.c1.members.total).toBe(5);
    expect(before.g2.members.total).toBe(1);
    expect(after.c1.members.total).toBe(4);
    expect(after.g2.members.total).toBe(2);
    // The mover's attributes follow them: primary education and intermediate theory.
    expect(before.c1.members.byEducation.primary).toBe(1);
    expect(after.c1.members.byEducation.primary).toBe(0);
    expect(after.g2.members.byTheoryLevel.intermediate).toBe(1);
    // Their common ancestor counts them throughout.
    expect((await stats(`/api/orgs/${t.s.id}/stats?asOf=2026-05-31`)).members.total).toBe(8);
    expect((await stats(`/api/orgs/${t.s.id}/stats?asOf=2026-06-01`)).members.total).toBe(8);
    const now = await stats(`/api/orgs/${t.g2.id}/stats`);
    expect(now.members.total).toBe(2);
  });

  it('drops a deceased member from the figures from the date of death only', async () => {
    const before = await stats(`/api/orgs/${t.c1.id}/stats?asOf=2026-08-31`);
    const on = await stats(`/api/orgs/${t.c1.id}/stats?asOf=2026-09-01`);
    expect(before.members.total).toBe(4);
    expect(before.members.byReligion.detail).toEqual({ buddhism: 1, catholicism: 1 });
    expect(before.members.byAgeBand.ge61).toBe(2);
    expect(on.members.total).toBe(3);
    expect(on.members.byReligion.detail).toEqual({ buddhism: 1 });
    expect((await stats(`/api/orgs/${t.c1.id}/stats`)).members.total).toBe(3);
    expect((await stats(`/api/orgs/${t.c1.id}/stats?source=recount`)).members.total).toBe(3);
  });

  it('counts an org from its founding date only', async () => {
    const before = await stats(`/api/orgs/${t.s.id}/stats?asOf=2024-02-29`);
    const on = await stats(`/api/orgs/${t.s.id}/stats?asOf=2024-03-01`);
    expect(before.orgs.byType.grassroots_cell).toBe(0);
    expect(before.orgs.grassroots).toBe(1);
    expect(before.orgs.byKind.administrative).toBe(0);
    expect(on.orgs.byType.grassroots_cell).toBe(1);
    expect(on.orgs.grassroots).toBe(2);
    expect(on.members.total - before.members.total).toBe(1);
    // The org itself, before it existed: all zeros.
    const g2Before = await stats(`/api/orgs/${t.g2.id}/stats?asOf=2024-02-29`);
    expect(g2Before.members.total).toBe(0);
    expect(g2Before.orgs.grassroots).toBe(0);
    // Before anyone was admitted; then one member, official in 2005 and exempt from 2015.
    expect((await stats(`/api/orgs/${t.p.id}/stats?asOf=1999-12-31`)).members.total).toBe(0);
    expect((await stats(`/api/orgs/${t.p.id}/stats?asOf=2005-01-01`)).members.byStatus).toEqual({ probationary: 0, official: 1, exempt: 0 });
    expect((await stats(`/api/orgs/${t.p.id}/stats?asOf=2015-01-01`)).members.byStatus).toEqual({ probationary: 0, official: 2, exempt: 1 });
  });

  it('sums the caller scope roots for /api/stats', async () => {
    const all = await stats('/api/stats');
    const p = await stats(`/api/orgs/${t.p.id}/stats`);
    const p2 = await stats(`/api/orgs/${t.p2.id}/stats`);
    expect(all.orgId).toBeNull();
    expect(all.members.total).toBe(p.members.total + p2.members.total);
    expect(all.orgs.byType.province).toBe(2);
    expect(all.women).toBe(p.women + p2.women);
    expect(all.members.byEthnicity.detail).toEqual({ hmong: 1, muong: 1, tay: 1 });
    const past = await stats('/api/stats?asOf=2026-05-31');
    expect(past.members.total).toBe(all.members.total + 1);
  });

  it('sums only the scope given for a narrower scope, and hides orgs outside it as missing', async () => {
    const ctx = staffContext(h().database.db, h().clock, [t.p2.path, t.g1.path]);
    const scoped = await service.scopeStats(ctx);
    const g1 = await stats(`/api/orgs/${t.g1.id}/stats`);
    const p2 = await stats(`/api/orgs/${t.p2.id}/stats`);
    expect(scoped.members.total).toBe(g1.members.total + p2.members.total);
    expect(figures(await service.scopeStats(ctx, { source: 'recount' }))).toEqual(figures(scoped));
    expect((await service.scopeStats(ctx, { asOf: '2026-05-31' })).members.total).toBe(g1.members.total + p2.members.total + 2);
    for (const q of [{}, { source: 'recount' as const }, { asOf: '2026-01-01' }]) {
      await expect(service.orgStats(ctx, t.g2.id, q)).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' });
    }
    await expect(service.orgStats(ctx, t.c1.id)).resolves.toMatchObject({ orgId: t.c1.id });
    const empty = await service.scopeStats({ ...ctx, scope: makeScope([]) });
    expect(empty.members.total).toBe(0);
  });

  it('answers 404 ORG_NOT_FOUND for an unknown org, whatever the source', async () => {
    for (const q of ['', '?source=recount', '?asOf=2025-01-01']) {
      const res = await get(`/api/orgs/987654321/stats${q}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
    }
  });

  it('answers 401 without a session', async () => {
    for (const url of [`/api/orgs/${t.p.id}/stats`, '/api/stats']) {
      const res = await get(url, null);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 400 naming the field for a bad asOf or source', async () => {
    for (const q of ['asOf=2026-02-30', 'asOf=20260101', 'asOf=hom-nay', 'source=cache']) {
      const res = await get(`/api/orgs/${t.p.id}/stats?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(res.json().error.details[0].field).toBe(`querystring.${q.split('=')[0]}`);
    }
    const future = await get(`/api/orgs/${t.p.id}/stats?asOf=2026-11-21`);
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'AS_OF_IN_FUTURE', details: { field: 'asOf' } });
    expect(future.json().error.message).toContain('2026-11-21');
    expect(new AppError('AS_OF_IN_FUTURE', { date: 'x', today: 'y' }).status).toBe(400);
  });
});
