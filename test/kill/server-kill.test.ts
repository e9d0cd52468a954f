import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { differences } from '../../src/modules/rollup/rollup.repository.js';
import { DEMO_PASSWORD } from '../../src/modules/seed/demo-accounts.service.js';
import { CITIZEN_PREFIX, Workload } from './member-workload.js';
import { Api, killAllServers, mapLimit, startServerChild, type ServerChild } from './server-harness.js';

// The acceptance test at the HTTP level: `dangvu serve` on an embedded data folder is
// SIGKILLed while four member writes (creates and edits) are in flight, twice. After each
// restart on the same folder (the dead process's lock file taken over) every write whose 2xx
// answer had arrived must read back exactly as answered, each unanswered one must be all there or
// not at all, counts must match to the member, and — after a graceful stop — the roll-ups must
// equal a full recount (`dangvu check rollups`) and no member may lack its history rows.

const ACKS_PER_ROUND = 150;
const CONCURRENCY = 4;
const PASSWORD = 'kill-test-password-1';

interface OrgNode {
  id: number;
  orgType: string;
  childCount: number;
  dissolvedOn: string | null;
}

/** One member-holding cell under each of the first `n` top-level branches (different roll-up paths). */
async function findCells(api: Api, n: number): Promise<number[]> {
  const roots = (await api.get<{ items: OrgNode[] }>('/api/orgs')).items;
  const holds = (o: OrgNode) => (o.orgType === 'cell' || o.orgType === 'grassroots_cell') && o.dissolvedOn === null;
  const firstCellUnder = async (id: number): Promise<number | undefined> => {
    const kids = (await api.get<{ items: OrgNode[] }>(`/api/orgs/${id}/children`)).items;
    const cell = kids.find(holds);
    if (cell) return cell.id;
    for (const k of kids.filter((c) => c.childCount > 0)) {
      const found = await firstCellUnder(k.id);
      if (found) return found;
    }
    return undefined;
  };
  const cells: number[] = [];
  for (const root of roots) {
    for (const branch of (await api.get<{ items: OrgNode[] }>(`/api/orgs/${root.id}/children`)).items) {
      if (cells.length >= n) break;
      const cell = holds(branch) ? branch.id : await firstCellUnder(branch.id);
      if (cell) cells.push(cell);
    }
  }
  return cells;
}

const ACTIVE = 'status=probationary,official,exempt';

async function activeMembers(api: Api, orgId: number): Promise<number> {
  return (await api.get<{ total: number }>(`/api/members?org=${orgId}&${ACTIVE}&pageSize=1`)).total;
}

describe('the HTTP server survives SIGKILL during a stream of writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-server-kill-'));
  const lockFile = join(dir, 'dangvu.lock');
  let server: ServerChild;
  let api: Api;
  let workload: Workload;
  const baseline = new Map<number, number>();
  const report: string[] = [];

  beforeAll(async () => {
    server = await startServerChild({ dataDir: dir, adminPassword: PASSWORD, demo: true, timeoutMs: 110_000 });
    report.push(`first start (initdb, migrate, demo seed): ${server.startMs} ms`);
    api = await Api.signIn(server.url, DEMO_PASSWORD, 'bantochuc');
    const cells = await findCells(api, 3);
    expect(cells.length).toBeGreaterThanOrEqual(2);
    for (const c of cells) baseline.set(c, await activeMembers(api, c));
    workload = new Workload(cells);
  }, 120_000);

  afterAll(async () => {
    const alive = server && server.child.exitCode === null && server.child.signalCode === null;
    killAllServers();
    if (alive) await server.exited;
    rmSync(dir, { recursive: true, force: true });
    if (report.length) console.info(`[server-kill]\n  ${report.join('\n  ')}`);
  });

  for (const round of [1, 2]) {
    it(`round ${round}: after kill -9 and a restart, every acknowledged write is there, exactly`, async () => {
      const stream = workload.stream(api, CONCURRENCY);
      await stream.waitForAcks(ACKS_PER_ROUND);

      // The process about to die is the one holding the database: the lock file names it.
      const victim = server;
      expect(readFileSync(lockFile, 'utf8')).toBe(String(victim.pid));
      const inFlightAtKill = stream.inFlight;
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
      await stream.done; // every answer that made it out before the kill has been counted
      expect(workload.unexpected).toEqual([]);
      // Requests really were in flight when it died (each worker stops at its first failed request).
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(stream.stats.unanswered).toBe(CONCURRENCY);
      // The dead process's lock file is left behind; the restart must take it over.
      expect(readFileSync(lockFile, 'utf8')).toBe(String(victim.pid));

      server = await startServerChild({ dataDir: dir, adminPassword: PASSWORD, demo: true });
      expect(readFileSync(lockFile, 'utf8')).toBe(String(server.pid));

      const oldSession = api.withBase(server.url);
      api = await Api.signIn(server.url, DEMO_PASSWORD, 'bantochuc');

      const unansweredCreates = workload.unknownCreates.size;
      const rec = await workload.reconcile(api);
      expect(rec.mismatches).toEqual([]);
      expect(rec.unansweredCreatesFound + rec.unansweredCreatesAbsent).toBe(unansweredCreates);
      expect(workload.unknownCreates.size).toBe(0);

      // Counts, not samples: each cell holds its demo members plus exactly the members this test
      // wrote there (acknowledged, or unanswered but found whole above); nothing lost, nothing extra.
      for (const [cell, mine] of workload.countByCell()) {
        expect({ cell, members: await activeMembers(api, cell) }).toEqual({ cell, members: baseline.get(cell)! + mine });
      }
      // The roll-up the tree shows equals a recount from the member rows, for each cell and its
      // ancestors (the full check of every org and dimension follows the graceful stop below).
      const orgs = new Set<number>();
      for (const cell of workload.cells) {
        const detail = await api.get<{ ancestors: { id: number }[] }>(`/api/orgs/${cell}`);
        for (const a of detail.ancestors) orgs.add(a.id);
        orgs.add(cell);
      }
      await mapLimit([...orgs], 4, async (id) => {
        const detail = await api.get<{ memberCount: number | null }>(`/api/orgs/${id}`);
        expect({ org: id, rollup: detail.memberCount }).toEqual({ org: id, rollup: await activeMembers(api, id) });
      });

      // The sign-in before the crash was an acknowledged write too: its session still works.
      expect((await oldSession.call('GET', '/api/auth/me')).status).toBe(200);

      report.push(
        `round ${round}: ${stream.stats.createsAcked} creates + ${stream.stats.patchesAcked} edits acknowledged, ` +
          `${inFlightAtKill} in flight at the kill (creates found/absent ${rec.unansweredCreatesFound}/${rec.unansweredCreatesAbsent}, ` +
          `edits found/absent ${rec.unansweredPatchesFound}/${rec.unansweredPatchesAbsent}); restart to healthy ${server.startMs} ms; ` +
          `${workload.members.size} members verified`,
      );
    }, 100_000);
  }

  it('after a graceful stop: roll-ups equal a full recount and no write is torn', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(lockFile)).toBe(false);

    const database = await connect({ dataDir: dir });
    try {
      const { db } = database;
      // `dangvu check rollups`: every org, every dimension.
      const diff = await differences(db, 20);
      expect(diff.rows).toEqual([]);
      expect(diff.total).toBe(0);

      // Every member this test wrote, with its version, and the rows each of its transactions
      // wrote beside it: one status period and one placement from the create, one audit entry
      // per create and per edit.
      const rows = await db
        .selectFrom('member as m')
        .where('m.citizen_id', 'like', `${CITIZEN_PREFIX}%`)
        .select([
          'm.citizen_id',
          'm.version',
          sql<number>`(select count(*) from member_status_period s where s.member_id = m.id)::int`.as('periods'),
          sql<number>`(select count(*) from member_placement p where p.member_id = m.id)::int`.as('placements'),
          sql<number>`(select count(*) from audit_log a where a.entity_type = 'member' and a.entity_id = m.id::text and a.action = 'member.create')::int`.as('creates'),
          sql<number>`(select count(*) from audit_log a where a.entity_type = 'member' and a.entity_id = m.id::text and a.action = 'member.update')::int`.as('updates'),
        ])
        .execute();
      const byCitizenId = (a: { citizen_id: string | null }, b: { citizen_id: string | null }) => (a.citizen_id! < b.citizen_id! ? -1 : 1);
      const expected = [...workload.members.values()]
        .map((m) => ({ citizen_id: m.citizenId, version: m.record.version, periods: 1, placements: 1, creates: 1, updates: m.record.version - 1 }))
        .sort(byCitizenId);
      expect(rows.length).toBe(expected.length);
      expect(rows.sort(byCitizenId)).toEqual(expected);
    } finally {
      await database.close();
    }
    expect(workload.createsAcked).toBeGreaterThanOrEqual(150);
    report.push(`total: ${workload.createsAcked} creates and ${workload.patchesAcked} edits acknowledged; roll-ups exact`);
  }, 60_000);
});
