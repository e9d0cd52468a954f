import type { Api } from './server-harness.js';
import { mapLimit } from './server-harness.js';

// A stream of member writes through the HTTP API with several requests in flight, and the
// bookkeeping a crash test needs: a write counts as acknowledged only once its whole 2xx
// response has arrived; a request that died with the server has an unknown outcome, resolved
// after the restart (it may have committed without its answer reaching us, or not at all).

/** The member record as the API returns it (only the fields this file reads are typed). */
export interface MemberJson {
  id: number;
  citizenId: string | null;
  version: number;
  orgId: number;
  fullName: string;
  phone: string | null;
  occupation: string | null;
  theoryLevel: string;
  generalEducation: string | null;
  youthUnionDate: string | null;
  [field: string]: unknown;
}

export interface CreateBody {
  fullName: string;
  sex: 'male' | 'female';
  birthDate: string;
  citizenId: string;
  orgId: number;
  status: 'official' | 'probationary';
  statusSince: string;
  admissionDate: string;
  officialDate: string | null;
  ethnicity: string;
  religion: string;
  theoryLevel: string;
  generalEducation: string;
  youthUnionDate: string | null;
  occupation: string;
}

export interface PatchBody {
  version: number;
  phone: string;
  occupation: string;
  theoryLevel: string;
  generalEducation: string;
  youthUnionDate: string | null;
}

export interface Tracked {
  citizenId: string;
  id: number;
  orgId: number;
  /** The state the server last acknowledged (or, after a crash, the state found and accepted). */
  record: MemberJson;
  /** Its creation was acknowledged (false: found after a crash although its answer never came). */
  ackedCreate: boolean;
  /** A PATCH whose answer never came: it may or may not be in the database. */
  unknownPatch?: PatchBody;
  busy: boolean;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Khánh', 'Lan', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Vinh'];
const THEORY = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'];
const ETHNICITY = ['kinh', 'tay', 'thai', 'muong'];
const RELIGION = ['none', 'buddhism', 'catholicism'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Citizen ids of this test: province code 999 does not exist, so they never collide with the demo data. */
export const CITIZEN_PREFIX = '999';

export function createBody(seq: number, orgId: number): CreateBody {
  const year = 1960 + (seq % 36);
  const birthDate = `${year}-${pad(1 + (seq % 12))}-${pad(1 + (seq % 28))}`;
  const admissionYear = year + 22 + (seq % 5);
  const admissionDate = `${admissionYear}-${pad(1 + ((seq * 7) % 12))}-15`;
  const official = seq % 3 !== 0;
  const officialDate = official ? `${admissionYear + 1}-${admissionDate.slice(5)}` : null;
  return {
    fullName: `${FAMILY[seq % FAMILY.length]} ${MIDDLE[(seq >> 3) % MIDDLE.length]} ${GIVEN[seq % GIVEN.length]}`,
    sex: seq % 2 === 0 ? 'male' : 'female',
    birthDate,
    citizenId: `${CITIZEN_PREFIX}${pad(seq, 9)}`,
    orgId,
    status: official ? 'official' : 'probationary',
    statusSince: officialDate ?? admissionDate,
    admissionDate,
    officialDate,
    ethnicity: ETHNICITY[seq % ETHNICITY.length]!,
    religion: RELIGION[seq % RELIGION.length]!,
    theoryLevel: THEORY[seq % THEORY.length]!,
    generalEducation: `${6 + (seq % 7)}/12`,
    youthUnionDate: seq % 4 === 0 ? null : `${year + 16}-03-26`,
    occupation: `Nghề ${seq}`,
  };
}

export function patchBody(m: Tracked, seq: number): PatchBody {
  const year = Number(String(m.record.birthDate).slice(0, 4));
  return {
    version: m.record.version,
    phone: `09${pad(seq % 100_000_000, 8)}`,
    occupation: `Sửa lần ${seq}`,
    theoryLevel: THEORY[(THEORY.indexOf(m.record.theoryLevel) + 1) % THEORY.length]!,
    generalEducation: `${1 + (seq % 12)}/12`,
    youthUnionDate: m.record.youthUnionDate ? null : `${year + 17}-03-26`,
  };
}

/** Does the record carry exactly what this PATCH set? */
export function showsPatch(r: MemberJson, p: PatchBody): boolean {
  return (
    r.phone === p.phone &&
    r.occupation === p.occupation &&
    r.theoryLevel === p.theoryLevel &&
    r.generalEducation === p.generalEducation &&
    r.youthUnionDate === p.youthUnionDate
  );
}

/** Does the record carry what this POST sent? */
export function showsCreate(r: MemberJson, b: CreateBody): boolean {
  return (Object.keys(b) as (keyof CreateBody)[]).every((k) => r[k] === b[k]);
}

export interface StreamStats {
  createsAcked: number;
  patchesAcked: number;
  /** Requests whose answer never came (the server died under them). */
  unanswered: number;
}

export class Stream {
  readonly stats: StreamStats = { createsAcked: 0, patchesAcked: 0, unanswered: 0 };
  /** Requests sent and not yet answered (read it just before a kill). */
  inFlight = 0;
  /** Set when a request fails at the network level: the server is gone, every worker stops. */
  private dead = false;
  private waiters: { n: number; resolve: () => void }[] = [];
  done!: Promise<void>;

  constructor(
    private readonly workload: Workload,
    private readonly api: Api,
  ) {}

  get acked(): number {
    return this.stats.createsAcked + this.stats.patchesAcked;
  }

  waitForAcks(n: number): Promise<void> {
    if (this.acked >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ n, resolve });
      // A stream that ends (every worker stopped) before n acks would leave the waiter hanging.
      void this.done.then(() => (this.acked >= n ? resolve() : reject(new Error(`stream ended after ${this.acked} acks (< ${n}): ${this.workload.unexpected.join('; ')}`))));
    });
  }

  start(concurrency: number, patchShare: number): this {
    this.done = Promise.all(Array.from({ length: concurrency }, () => this.worker(patchShare))).then(() => {});
    return this;
  }

  private acknowledged(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (this.acked >= w.n) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private async worker(patchShare: number): Promise<void> {
    const w = this.workload;
    while (!this.dead) {
      const target = Math.random() < patchShare ? w.pickIdle() : undefined;
      if (target) await this.patch(target);
      else await this.create();
    }
  }

  private async create(): Promise<void> {
    const w = this.workload;
    const seq = w.nextSeq++;
    const body = createBody(seq, w.cells[seq % w.cells.length]!);
    w.unknownCreates.set(body.citizenId, body); // until an answer proves otherwise
    let res;
    this.inFlight++;
    try {
      res = await this.api.call<MemberJson>('POST', '/api/members', body);
    } catch {
      this.dead = true;
      this.stats.unanswered++;
      return;
    } finally {
      this.inFlight--;
    }
    w.unknownCreates.delete(body.citizenId);
    if (res.status !== 201) {
      this.dead = true; // fail fast: the test reports w.unexpected
      w.unexpected.push(`POST ${body.citizenId}: ${res.status} ${JSON.stringify(res.body)}`);
      return;
    }
    w.members.set(body.citizenId, {
      citizenId: body.citizenId,
      id: res.body.id,
      orgId: body.orgId,
      record: res.body,
      ackedCreate: true,
      busy: false,
    });
    this.stats.createsAcked++;
    this.acknowledged();
  }

  private async patch(m: Tracked): Promise<void> {
    const w = this.workload;
    m.busy = true;
    const body = patchBody(m, w.nextSeq++);
    let res;
    this.inFlight++;
    try {
      res = await this.api.call<MemberJson>('PATCH', `/api/members/${m.id}`, body);
    } catch {
      this.dead = true;
      this.stats.unanswered++;
      m.unknownPatch = body; // stays busy: nobody patches it again before the restart settles it
      return;
    } finally {
      this.inFlight--;
    }
    m.busy = false;
    if (res.status !== 200) {
      this.dead = true;
      w.unexpected.push(`PATCH ${m.id} v${body.version}: ${res.status} ${JSON.stringify(res.body)}`);
      return;
    }
    m.record = res.body;
    w.patchesAcked++;
    this.stats.patchesAcked++;
    this.acknowledged();
  }
}

export interface Reconciliation {
  /** Tracked members whose record is not what was acknowledged (must be empty). */
  mismatches: string[];
  /** POSTs without an answer that turned out committed / not committed. */
  unansweredCreatesFound: number;
  unansweredCreatesAbsent: number;
  /** PATCHes without an answer that turned out committed / not committed. */
  unansweredPatchesFound: number;
  unansweredPatchesAbsent: number;
}

/** Everything the test wrote over all rounds, as acknowledged by the server. */
export class Workload {
  readonly members = new Map<string, Tracked>();
  readonly unknownCreates = new Map<string, CreateBody>();
  /** Answers other than the expected 2xx (a write refused or failed while the server was up). */
  readonly unexpected: string[] = [];
  nextSeq = 1;
  patchesAcked = 0;
  private idleCursor = 0;

  constructor(readonly cells: readonly number[]) {}

  get createsAcked(): number {
    return [...this.members.values()].filter((m) => m.ackedCreate).length;
  }

  /** A member with no request in flight, round-robin so edits spread over many records. */
  pickIdle(): Tracked | undefined {
    const all = [...this.members.values()];
    for (let i = 0; i < all.length; i++) {
      const m = all[(this.idleCursor + i) % all.length]!;
      if (!m.busy) {
        this.idleCursor = (this.idleCursor + i + 1) % all.length;
        return m;
      }
    }
    return undefined;
  }

  stream(api: Api, concurrency = 4, patchShare = 0.3): Stream {
    return new Stream(this, api).start(concurrency, patchShare);
  }

  /**
   * After a restart: every tracked member must read back exactly as last acknowledged (an
   * unanswered PATCH may or may not have landed, but only whole); every unanswered POST is looked
   * up by citizen id and, if it committed, must be whole and is tracked from then on.
   */
  async reconcile(api: Api): Promise<Reconciliation> {
    const out: Reconciliation = {
      mismatches: [],
      unansweredCreatesFound: 0,
      unansweredCreatesAbsent: 0,
      unansweredPatchesFound: 0,
      unansweredPatchesAbsent: 0,
    };
    await mapLimit([...this.members.values()], 6, async (m) => {
      const r = await api.call<MemberJson>('GET', `/api/members/${m.id}`);
      if (r.status !== 200) {
        out.mismatches.push(`${m.citizenId} (id ${m.id}, v${m.record.version}): GET answered ${r.status} ${JSON.stringify(r.body)}`);
        return;
      }
      const actual = r.body;
      const p = m.unknownPatch;
      if (p && actual.version === p.version + 1 && showsPatch(actual, p)) {
        const { phone: _p, occupation: _o, theoryLevel: _t, generalEducation: _g, youthUnionDate: _y, version: _v, updatedAt: _u, ...rest } = actual;
        const { phone: _p2, occupation: _o2, theoryLevel: _t2, generalEducation: _g2, youthUnionDate: _y2, version: _v2, updatedAt: _u2, ...before } = m.record;
        if (JSON.stringify(sortKeys(rest)) !== JSON.stringify(sortKeys(before))) {
          out.mismatches.push(`${m.citizenId}: unanswered PATCH landed but changed more: ${JSON.stringify(actual)} vs ${JSON.stringify(m.record)}`);
        }
        out.unansweredPatchesFound++;
        m.record = actual;
      } else if (JSON.stringify(sortKeys(actual)) !== JSON.stringify(sortKeys(m.record))) {
        out.mismatches.push(`${m.citizenId} (id ${m.id}): acknowledged ${JSON.stringify(m.record)}, found ${JSON.stringify(actual)}`);
      } else if (p) {
        out.unansweredPatchesAbsent++;
      }
      m.unknownPatch = undefined;
      m.busy = false;
    });

    for (const [citizenId, body] of [...this.unknownCreates]) {
      const list = await api.get<{ items: { id: number }[]; total: number }>(`/api/members?q=${citizenId}`);
      this.unknownCreates.delete(citizenId);
      if (list.total === 0) {
        out.unansweredCreatesAbsent++;
        continue;
      }
      const record = await api.get<MemberJson>(`/api/members/${list.items[0]!.id}`);
      if (list.total !== 1 || !showsCreate(record, body) || record.version !== 1) {
        out.mismatches.push(`unanswered POST ${citizenId} found torn or twice: ${list.total} × ${JSON.stringify(record)}`);
      }
      out.unansweredCreatesFound++;
      this.members.set(citizenId, { citizenId, id: record.id, orgId: body.orgId, record, ackedCreate: false, busy: false });
    }
    return out;
  }

  /** Members this test put in each cell (acknowledged, or found after a crash). */
  countByCell(): Map<number, number> {
    const counts = new Map<number, number>(this.cells.map((c) => [c, 0]));
    for (const m of this.members.values()) counts.set(m.orgId, (counts.get(m.orgId) ?? 0) + 1);
    return counts;
  }
}

function sortKeys(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
