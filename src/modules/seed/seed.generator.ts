// The row stream of a seed: CSV text per table, in batches, depth-first over one province at a
// time. Roll-ups are counted here while generating — members into their org, each org's counts
// into its parent when its subtree is done — so memory is bounded by one province's plan and
// one counts array per tree level, whatever the scale.

import { holdsMembers } from '../../domain/org-type.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { ORG_DIMS, ROLLUP_DIMS, type RollupMember } from '../../domain/rollup-dims.js';
import { normalizeName, searchWords } from '../../domain/vn-name.js';
import { csvField, SEED_TABLE_NAMES, type SeedTable } from './seed.csv.js';
import { addYears, dayOf, isoOf } from './seed.dates.js';
import {
  GIVEN_FEMALE,
  GIVEN_MALE,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  MINORITY_SURNAMES,
  PROVINCES,
  SECOND_MIDDLE_FEMALE,
  SURNAMES_NORTH,
  SURNAMES_SOUTH,
  type ProvinceInfo,
} from './seed.data.js';
import { planProvince, provincesOf, type PlanOrg, type Profile, type SeedScale } from './seed.plan.js';
import { mixSeed, Rng, Weighted } from './seed.random.js';

export interface GenerateOptions {
  scale: SeedScale;
  seed: number;
  today: string; // 'YYYY-MM-DD'
  /** Members per batch (a batch ends after the org that crosses it). */
  batchMembers?: number;
}

export interface SeedBatch {
  /** CSV text per table, in chunks of at most about a megabyte (none when no rows). */
  csv: Record<SeedTable, string[]>;
  rows: Record<SeedTable, number>;
  membersDone: number;
  orgsDone: number;
}

export interface SeedTotals {
  orgs: number;
  members: number;
}

/** Members and orgs a generation will write (plans every province once, writes nothing). */
export function seedTotals(opts: GenerateOptions): SeedTotals {
  const today = dayOf(opts.today);
  let orgs = 0;
  let members = 0;
  provincesOf(opts.scale).forEach((_, i) => {
    const p = planProvince(opts.scale, opts.seed, today, i);
    orgs += p.orgs;
    members += p.members;
  });
  return { orgs: orgs + (hasCentralRoot(opts.scale) ? 1 : 0), members };
}

interface OpenOrg {
  id: number;
  path: string;
  code: string;
  level: number;
}

/** Only the national dataset has the whole country, hence a central node above the provinces. */
export const hasCentralRoot = (scale: SeedScale) => scale === 'national';

const CENTRAL_ROOT: PlanOrg = {
  type: 'central',
  kind: null,
  name: 'Đảng Cộng sản Việt Nam',
  code: 'TW',
  founded: dayOf('1930-02-03'),
  decision: null,
  size: 0,
  history: 0,
  profile: 'admin',
  residence: '',
  children: [],
};

// ---- Member profiles --------------------------------------------------------------------------

interface ProfileSpec {
  male: number;
  ages: Weighted<readonly [number, number]>;
  professional: Weighted<string>;
  theory: Weighted<string>;
  occupation: Weighted<string>;
}

const PROF = ['none', 'vocational', 'intermediate', 'college', 'university', 'master', 'doctor'] as const;
const THEORY = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;
const zipW = <T>(keys: readonly T[], ws: readonly number[]) => new Weighted(keys.map((k, i) => [k, ws[i] ?? 0] as const));
const ages = (bands: [number, number, number][]) => new Weighted(bands.map(([lo, hi, w]) => [[lo, hi] as const, w] as const));
const occ = (entries: [string, number][]) => new Weighted(entries);

const PROFILES: Record<Profile, ProfileSpec> = {
  village: {
    male: 0.62,
    ages: ages([[18, 30, 7], [31, 40, 13], [41, 50, 17], [51, 60, 20], [61, 70, 22], [71, 80, 14], [81, 95, 7]]),
    professional: zipW(PROF, [40, 15, 15, 6, 21, 3, 0]),
    theory: zipW(THEORY, [35, 52, 11, 2, 0]),
    occupation: occ([['Nông dân', 40], ['Kinh doanh', 15], ['Lao động tự do', 15], ['Công nhân', 12], ['Cán bộ không chuyên trách', 10], ['Sinh viên', 2]]),
  },
  admin: {
    male: 0.58,
    ages: ages([[23, 30, 10], [31, 40, 30], [41, 50, 32], [51, 60, 26], [61, 62, 2]]),
    professional: zipW(PROF, [0, 0, 4, 3, 70, 21, 2]),
    theory: zipW(THEORY, [5, 22, 45, 25, 3]),
    occupation: occ([['Công chức', 85], ['Viên chức', 10], ['Người lao động hợp đồng', 5]]),
  },
  teacher: {
    male: 0.3,
    ages: ages([[22, 30, 14], [31, 40, 32], [41, 50, 30], [51, 60, 24]]),
    professional: zipW(PROF, [0, 0, 5, 15, 68, 11, 1]),
    theory: zipW(THEORY, [12, 60, 25, 3, 0]),
    occupation: occ([['Giáo viên', 85], ['Viên chức', 10], ['Nhân viên', 5]]),
  },
  health: {
    male: 0.35,
    ages: ages([[22, 30, 14], [31, 40, 32], [41, 50, 30], [51, 60, 24]]),
    professional: zipW(PROF, [0, 2, 20, 15, 50, 11, 2]),
    theory: zipW(THEORY, [15, 60, 22, 3, 0]),
    occupation: occ([['Bác sĩ', 35], ['Điều dưỡng', 35], ['Dược sĩ', 10], ['Viên chức', 20]]),
  },
  state_ent: {
    male: 0.65,
    ages: ages([[22, 30, 10], [31, 40, 30], [41, 50, 32], [51, 60, 28]]),
    professional: zipW(PROF, [3, 10, 12, 12, 55, 7, 1]),
    theory: zipW(THEORY, [20, 55, 20, 5, 0]),
    occupation: occ([['Kỹ sư', 30], ['Công nhân', 30], ['Nhân viên', 30], ['Cán bộ quản lý', 10]]),
  },
  private_ent: {
    male: 0.6,
    ages: ages([[20, 30, 22], [31, 40, 40], [41, 50, 28], [51, 60, 10]]),
    professional: zipW(PROF, [8, 15, 15, 14, 43, 5, 0]),
    theory: zipW(THEORY, [35, 55, 9, 1, 0]),
    occupation: occ([['Công nhân', 40], ['Nhân viên', 35], ['Kỹ sư', 15], ['Quản lý doanh nghiệp', 10]]),
  },
  military: {
    male: 0.9,
    ages: ages([[19, 30, 35], [31, 40, 35], [41, 50, 22], [51, 60, 8]]),
    professional: zipW(PROF, [0, 5, 25, 10, 50, 9, 1]),
    theory: zipW(THEORY, [5, 40, 40, 14, 1]),
    occupation: occ([['Sĩ quan quân đội', 50], ['Quân nhân chuyên nghiệp', 35], ['Công nhân viên quốc phòng', 15]]),
  },
  police: {
    male: 0.85,
    ages: ages([[21, 30, 30], [31, 40, 38], [41, 50, 22], [51, 60, 10]]),
    professional: zipW(PROF, [0, 0, 20, 8, 62, 9, 1]),
    theory: zipW(THEORY, [5, 40, 40, 14, 1]),
    occupation: occ([['Sĩ quan công an', 85], ['Hạ sĩ quan công an', 15]]),
  },
};

const ADMISSION_AGES = ages([[18, 22, 20], [23, 27, 35], [28, 35, 30], [36, 45, 12], [46, 55, 3]]);
const NEW_MEMBER_THEORY = zipW(THEORY, [85, 15, 0, 0, 0]);
const HISTORY_STATUS = new Weighted([['deceased', 50], ['transferred', 35], ['removed', 15]] as const);
const EDU_OLD = new Weighted([['10/10', 55], ['12/12', 30], ['7/10', 10], ['9/12', 5]] as const);
const EDU_NEW = new Weighted([['12/12', 90], ['9/12', 9], ['11/12', 1]] as const);
const PHONE_PREFIX = ['09', '08', '03', '07'] as const;
const EDE_GIVEN_MALE = ['Biêr', 'Khoa', 'Thông', 'Ngông', 'Đhăm', 'Jút', 'Blim', 'Yơn', 'Wai', 'Kông', 'Hiền', 'Nhuin'] as const;
const EDE_GIVEN_FEMALE = ['Hen', 'Nhi', 'Bia', 'Ly', 'Juen', 'Bluy', 'Dung', 'Ra', 'Yâo', 'Xuân'] as const;
const YEAR = 365.2425;

const w = <T extends string>(entries: readonly (readonly [T, number])[]) => new Weighted(entries);
const SURNAME_N = w(SURNAMES_NORTH);
const SURNAME_S = w(SURNAMES_SOUTH);
const MIDDLE_M = w(MIDDLE_MALE);
const MIDDLE_F = w(MIDDLE_FEMALE);
const MIDDLE_F2 = w(SECOND_MIDDLE_FEMALE);
const GIVEN_M = w(GIVEN_MALE);
const GIVEN_F = w(GIVEN_FEMALE);
const MINORITY: Record<string, Weighted<string>> = Object.fromEntries(Object.entries(MINORITY_SURNAMES).map(([k, v]) => [k, w(v)]));
const ALL_OLD_CODES: readonly (readonly [string, string])[] = PROVINCES.flatMap((p) => p.oldProvinces);

// Normalized name parts: normalizeName works character by character apart from white space, so
// the normalized full name is the normalized parts joined by single spaces (the tests check it).
const normCache = new Map<string, string>();
function normPart(s: string): string {
  let n = normCache.get(s);
  if (n === undefined) {
    n = normalizeName(s);
    normCache.set(s, n);
  }
  return n;
}

// ---- Roll-up counting ---------------------------------------------------------------------------

const MAX_KEYS = 4096;
const DIM_COUNT = ROLLUP_DIMS.length;
const ORG_TYPE_DIM = DIM_COUNT;
const ORG_KIND_DIM = DIM_COUNT + 1;
const DIM_NAMES = [...ROLLUP_DIMS.map((d) => d.dim), ORG_DIMS.type, ORG_DIMS.kind];

/** Interns (dim, val) pairs to small integers so counts live in flat arrays. */
class DimKeys {
  readonly perDim: Map<string, number>[] = DIM_NAMES.map(() => new Map());
  /** ",dim,val," per key: the middle of an org_rollup CSV line. */
  readonly csvMiddle: string[] = [];

  key(dim: number, val: string): number {
    const m = this.perDim[dim] as Map<string, number>;
    let k = m.get(val);
    if (k === undefined) {
      k = this.csvMiddle.length;
      if (k >= MAX_KEYS) throw new Error('seed: too many roll-up keys');
      m.set(val, k);
      this.csvMiddle.push(`,${csvField(DIM_NAMES[dim] as string)},${csvField(val)},`);
    }
    return k;
  }

  get size(): number {
    return this.csvMiddle.length;
  }
}

// ---- Output ----------------------------------------------------------------------------------

const CHUNK_BYTES = 1 << 20;

/**
 * CSV lines are written as UTF-8 into a reused buffer and leave it as one string per megabyte:
 * millions of short line strings would otherwise survive into the old generation and make
 * garbage collection the largest cost of the whole seed.
 */
class CsvSink {
  private readonly buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private off = 0;
  chunks: string[] = [];
  rows = 0;

  add(line: string): void {
    if (this.off + line.length * 3 > CHUNK_BYTES) this.flush();
    this.off += this.buf.write(line, this.off);
    this.rows++;
  }

  flush(): void {
    if (this.off > 0) this.chunks.push(this.buf.toString('utf8', 0, this.off));
    this.off = 0;
  }
}

// ---- The generator --------------------------------------------------------------------------------

interface ProvinceCtx {
  info: ProvinceInfo;
  ethnicity: Weighted<string>;
  religion: Weighted<string>;
  birthCode: Weighted<readonly [string, string]>;
  south: boolean;
}

class RowGenerator {
  private readonly today: number;
  private readonly isDemo: string;
  private readonly keys = new DimKeys();
  private readonly levels: Int32Array[] = [];
  private orgId = 0;
  private memberId = 0;
  private membersDone = 0;
  private batchMembers = 0;
  private readonly sinks: Record<SeedTable, CsvSink>;
  private readonly citizenCounters = new Map<number, number>();
  /** Name words as written in name_norm, and as indexed (member_name_word): each emitted once. */
  private readonly rawWords = new Set<string>();
  private readonly nameWords = new Set<string>();
  private rng: Rng = new Rng(0);
  private ctx!: ProvinceCtx;

  constructor(private readonly opts: GenerateOptions) {
    this.today = dayOf(opts.today);
    this.isDemo = opts.scale === 'demo' ? 't' : 'f';
    this.sinks = Object.fromEntries(SEED_TABLE_NAMES.map((t) => [t, new CsvSink()])) as Record<SeedTable, CsvSink>;
  }

  private take(): SeedBatch {
    const csv = {} as Record<SeedTable, string[]>;
    const rows = {} as Record<SeedTable, number>;
    for (const t of SEED_TABLE_NAMES) {
      const sink = this.sinks[t];
      sink.flush();
      csv[t] = sink.chunks;
      rows[t] = sink.rows;
      sink.chunks = [];
      sink.rows = 0;
    }
    this.batchMembers = 0;
    return { csv, rows, membersDone: this.membersDone, orgsDone: this.orgId };
  }

  /**
   * The vocabulary a bulk load writes itself, because its trigger is off during the load
   * (migration 0007): a few hundred words for millions of names, so the check per word is a Set.
   */
  private addNameWords(nameNorm: string): void {
    for (const raw of nameNorm.split(' ')) {
      if (this.rawWords.has(raw)) continue;
      this.rawWords.add(raw);
      for (const w of searchWords(raw)) {
        if (this.nameWords.has(w)) continue;
        this.nameWords.add(w);
        this.emit('member_name_word', `${w}\n`);
      }
    }
  }

  private emit(table: SeedTable, line: string): void {
    this.sinks[table].add(line);
  }

  *run(): Generator<SeedBatch> {
    const provinces = provincesOf(this.opts.scale);
    // Nationally the provinces hang under one central node (R-ORG-03), so national figures are
    // one roll-up read like any other org's.
    const root = hasCentralRoot(this.opts.scale) ? this.open(CENTRAL_ROOT, null, 0) : null;
    for (let i = 0; i < provinces.length; i++) {
      const plan = planProvince(this.opts.scale, this.opts.seed, this.today, i);
      this.rng = new Rng(mixSeed(this.opts.seed, 0x3e3b, plan.index + 1));
      this.ctx = this.provinceCtx(plan.info);
      yield* this.visit(plan.root, root, root ? 1 : 0);
    }
    if (root) this.close(root.id, 0);
    yield this.take();
  }

  private provinceCtx(info: ProvinceInfo): ProvinceCtx {
    const minority = info.ethnic.reduce((s, [, x]) => s + x, 0);
    const religious = info.religion.reduce((s, [, x]) => s + x, 0);
    const codes = info.oldProvinces.map((c, i) => [c, i === 0 ? 2 : 1] as const);
    return {
      info,
      ethnicity: new Weighted([['kinh', 1 - minority], ...info.ethnic]),
      religion: new Weighted([['none', 1 - religious], ...info.religion]),
      birthCode: new Weighted(codes),
      south: info.region === 'mekong' || info.region === 'southeast',
    };
  }

  private counts(depth: number): Int32Array {
    let a = this.levels[depth];
    if (!a) {
      a = new Int32Array(MAX_KEYS);
      this.levels[depth] = a;
    }
    return a;
  }

  private *visit(node: PlanOrg, parent: OpenOrg | null, depth: number): Generator<SeedBatch> {
    const self = this.open(node, parent, depth);
    const counts = this.counts(depth);
    if (holdsMembers(node.type) && node.size + node.history > 0) {
      this.members(node, self.id, self.path, counts);
      if (this.batchMembers >= (this.opts.batchMembers ?? 20_000)) yield this.take();
    }
    for (const child of node.children) yield* this.visit(child, self, depth + 1);
    this.close(self.id, depth);
  }

  /** Writes the org's rows and starts its subtree counts with itself. */
  private open(node: PlanOrg, parent: OpenOrg | null, depth: number): OpenOrg {
    const id = ++this.orgId;
    const path = `${parent ? parent.path : '/'}${id}/`;
    // Codes start at the province: the central node's code does not prefix them.
    const code = parent && parent.code !== CENTRAL_ROOT.code ? `${parent.code}.${node.code}` : node.code;
    const level = depth + 1;
    const parentId = parent ? String(parent.id) : '';
    const name = csvField(node.name);
    const kind = node.kind ?? '';
    const founded = isoOf(node.founded);
    this.emit('org', `${id},${code},${name},${csvField(normalizeName(node.name))},${node.type},${kind},${parentId},${path},${level},${founded},${csvField(node.decision)},${this.isDemo}\n`);
    this.emit('org_version', `${id},${founded},,${name},${node.type},${kind},${parentId},${path},${level}\n`);
    // The same details the org service writes for a founding.
    const details = csvField(JSON.stringify({ parentId: parent ? parent.id : null, code, name: node.name }));
    this.emit('org_event', `${id},${id},founded,${founded},${csvField(node.decision)},${details}\n`);

    const counts = this.counts(depth);
    counts.fill(0, 0, this.keys.size);
    counts[this.keys.key(ORG_TYPE_DIM, node.type)]! += 1;
    if (node.kind) counts[this.keys.key(ORG_KIND_DIM, node.kind)]! += 1;
    return { id, path, code, level };
  }

  /** The subtree is done: write its roll-ups and hand them to the parent. */
  private close(id: number, depth: number): void {
    const counts = this.counts(depth);
    const up = depth > 0 ? this.counts(depth - 1) : null;
    const middles = this.keys.csvMiddle;
    const n = this.keys.size;
    for (let k = 0; k < n; k++) {
      const c = counts[k] as number;
      if (c === 0) continue;
      this.emit('org_rollup', `${id}${middles[k]}${c}\n`);
      if (up) up[k]! += c;
    }
  }

  private citizenId(code: string, sex: 'male' | 'female', birthYear: number): string {
    const centurySex = (birthYear >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
    const yy = birthYear % 100;
    const bucket = Number(code) * 1000 + centurySex * 100 + yy;
    const n = this.citizenCounters.get(bucket) ?? 0;
    if (n >= 1_000_000) throw new Error('seed: citizen-id bucket exhausted');
    this.citizenCounters.set(bucket, n + 1);
    // A bijection of 0..999999 (7919 is coprime to 10⁶): unique, and not visibly sequential.
    const serial = (n * 7919 + bucket * 104729) % 1_000_000;
    return `${code}${centurySex}${String(yy).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
  }

  private members(node: PlanOrg, orgId: number, orgPath: string, counts: Int32Array): void {
    const r = this.rng;
    const spec = PROFILES[node.profile];
    const residence = csvField(node.residence);
    const ctx = this.ctx;
    const T = this.today;
    const keys = this.keys;
    const total = node.size + node.history;
    for (let i = 0; i < total; i++) {
      const onRolls = i < node.size;
      const memberId = ++this.memberId;
      const sex: 'male' | 'female' = r.next() < spec.male ? 'male' : 'female';

      // Status and the dates that follow from it (day numbers; every interval ends before the next starts).
      let status = 'official';
      let exit = 0; // history records: the day they left the rolls
      let ageBand = spec.ages.draw(r);
      if (!onRolls) {
        status = HISTORY_STATUS.draw(r);
        if (status === 'deceased') ageBand = [62, 95];
        exit = r.range(node.founded + 1, T);
      }
      let age = r.range(ageBand[0], ageBand[1]);
      if (onRolls && i < 3 && age < 21) age = 21; // old enough to be official (see below)
      const end = onRolls ? T : exit - 1; // last day as a member
      let birth = end - Math.floor((age + r.next()) * YEAR);
      let adult = addYears(birth, 18);
      if (adult > end) {
        birth -= adult - end;
        adult = addYears(birth, 18);
      }
      const lastOfficialAdmission = addYears(end, -1);
      // Probationary: admitted in the last 12 months, mostly young (R-SCALE-05 flow); the first
      // three of a unit are official so every cell has ≥ 3 official members (R-ORG-05).
      let probationary = adult > lastOfficialAdmission;
      if (!probationary && onRolls && i >= 3) {
        const p = age <= 30 ? 0.25 : age <= 40 ? 0.08 : age <= 50 ? 0.02 : 0.003;
        probationary = r.next() < p;
      }
      let admission: number;
      if (probationary) {
        const lo = Math.max(adult, end - 364);
        admission = lo + r.int(end - lo + 1);
      } else {
        const band = ADMISSION_AGES.draw(r);
        admission = birth + Math.floor((r.range(band[0], band[1]) + r.next()) * YEAR);
        if (admission > lastOfficialAdmission) admission = Math.max(adult, lastOfficialAdmission - r.int(400));
        if (admission < adult) admission = adult;
      }
      if (probationary && onRolls) status = 'probationary';
      let official = 0;
      let statusSince = admission;
      let exemptSince = 0;
      if (!probationary) {
        official = addYears(admission, 1);
        statusSince = official;
        if (onRolls && age >= 70) {
          const p = age >= 80 ? 0.2 : age >= 75 ? 0.08 : 0.02;
          const from = Math.max(official + 1, addYears(birth, 70));
          if (r.next() < p && from <= T) {
            status = 'exempt';
            exemptSince = r.range(from, T);
            statusSince = exemptSince;
          }
        }
      }
      if (!onRolls) statusSince = exit;
      const admissionAge = (admission - birth) / YEAR;
      const youth = admissionAge <= 30 && r.next() < 0.85 ? Math.min(admission - 30, addYears(birth, 15) + r.int(1000)) : 0;

      // Person.
      const ethnicity = ctx.ethnicity.draw(r);
      let religion = ctx.religion.draw(r);
      if (ethnicity === 'khmer' && r.next() < 0.6) religion = 'buddhism';
      else if (ethnicity === 'hoa' && r.next() < 0.15) religion = 'buddhism';
      else if ((ethnicity === 'hmong' || ethnicity === 'ede' || ethnicity === 'jrai') && r.next() < 0.05) religion = 'protestantism';
      const fullName = memberName(r, sex, ethnicity, ctx.south);
      const nameNorm = fullName.norm;
      const nameSort = `${nameNorm.slice(nameNorm.lastIndexOf(' ') + 1)} ${nameNorm}`;
      const birthIso = isoOf(birth);
      const by = Number(birthIso.slice(0, 4));
      const [bcode, bname] = r.next() < 0.85 ? ctx.birthCode.draw(r) : r.pick(ALL_OLD_CODES);
      const hometown = r.next() < 0.8 ? bname : (r.pick(ALL_OLD_CODES)[1] as string);
      const citizenId = this.citizenId(bcode, sex, by);
      const educ = by < 1975 ? EDU_OLD.draw(r) : EDU_NEW.draw(r);
      const professional = spec.professional.draw(r);
      const theory = probationary ? NEW_MEMBER_THEORY.draw(r) : spec.theory.draw(r);
      const occupation = status === 'exempt' || (age >= 60 && (node.profile === 'village' || !onRolls)) ? 'Hưu trí' : spec.occupation.draw(r);
      const position = !onRolls ? '' : i === 0 ? 'Bí thư chi bộ' : i === 1 && node.size >= 9 ? 'Phó Bí thư chi bộ' : i < 5 && node.size >= 9 ? 'Chi ủy viên' : '';
      const phone = r.next() < 0.8 ? `${r.pick(PHONE_PREFIX)}${String(r.int(100_000_000)).padStart(8, '0')}` : '';
      const card = official ? citizenId : ''; // R-REC-01/02: official members, number = personal ID
      const admissionIso = isoOf(admission);
      const officialIso = official ? isoOf(official) : '';
      const youthIso = youth ? isoOf(youth) : '';

      this.emit(
        'member',
        `${memberId},${fullName.full},${nameNorm},${nameSort},${sex},${birthIso},${bname},${hometown},${residence},${ethnicity},${religion},${citizenId},${card},${admissionIso},${officialIso},${youthIso},${educ},${professional},${theory},${occupation},${position},${phone},${status},${isoOf(statusSince)},${orgId},${orgPath},${this.isDemo}\n`,
      );

      this.addNameWords(nameNorm);

      // Status history: probationary, then official, then exempt or the exit (valid_to exclusive).
      const firstEnd = official || exit;
      this.emit('member_status_period', `${memberId},${admissionIso},${firstEnd ? isoOf(firstEnd) : ''},probationary\n`);
      if (official) {
        const officialEnd = exemptSince || exit;
        this.emit('member_status_period', `${memberId},${officialIso},${officialEnd ? isoOf(officialEnd) : ''},official\n`);
      }
      if (exemptSince || exit) this.emit('member_status_period', `${memberId},${isoOf(exemptSince || exit)},,${status}\n`);
      const placedFrom = isoOf(Math.max(admission, node.founded));
      this.emit('member_placement', `${memberId},${placedFrom},${exit ? isoOf(exit) : ''},${orgId}\n`);

      if (onRolls) {
        const m: RollupMember = {
          status,
          sex,
          birth_date: birthIso,
          ethnicity,
          religion,
          theory_level: theory,
          general_education: educ,
          professional_level: professional,
          youth_union_date: youthIso || null,
        };
        if (ACTIVE_STATUSES.includes(status as (typeof ACTIVE_STATUSES)[number])) {
          for (let d = 0; d < DIM_COUNT; d++) counts[keys.key(d, (ROLLUP_DIMS[d] as (typeof ROLLUP_DIMS)[number]).js(m))]! += 1;
        }
      }
    }
    this.membersDone += total;
    this.batchMembers += total;
  }
}

/**
 * A member's full name (NFC, with diacritics) and its normalized form: Kinh names as surname,
 * middle name(s) and given name from the frequency tables; some minority groups' own surnames,
 * H'Mông middle names and Ê Đê "Y …"/"H'…" names.
 */
export function memberName(r: Rng, sex: 'male' | 'female', ethnicity: string, south: boolean): { full: string; norm: string } {
  const parts: string[] = [];
  if (ethnicity === 'ede') {
    const clan = (MINORITY.ede as Weighted<string>).draw(r);
    // "Y Ngông Niê" for men; "H'Hen Niê" for women, the prefix written joined to the name.
    if (sex === 'male') parts.push('Y', r.pick(EDE_GIVEN_MALE), clan);
    else parts.push(`H'${r.pick(EDE_GIVEN_FEMALE)}`, clan);
  } else {
    const table = MINORITY[ethnicity] ?? (south ? SURNAME_S : SURNAME_N);
    parts.push(table.draw(r));
    if (ethnicity === 'hmong') parts.push(sex === 'male' ? (r.next() < 0.5 ? 'A' : 'Seo') : r.next() < 0.5 ? 'Thị' : 'Mí');
    else if (sex === 'male') {
      if (r.next() < 0.97) parts.push(MIDDLE_M.draw(r));
    } else {
      const mid = MIDDLE_F.draw(r);
      parts.push(mid);
      if (mid === 'Thị' && r.next() < 0.18) parts.push(MIDDLE_F2.draw(r));
    }
    parts.push(sex === 'male' ? GIVEN_M.draw(r) : GIVEN_F.draw(r));
  }
  let full = parts[0] as string;
  let norm = normPart(full);
  for (let i = 1; i < parts.length; i++) {
    full += ` ${parts[i]}`;
    norm += ` ${normPart(parts[i] as string)}`;
  }
  return { full, norm };
}

/** The seed's rows, batch by batch; the same options give byte-identical batches. */
export function generateSeed(opts: GenerateOptions): Generator<SeedBatch> {
  return new RowGenerator(opts).run();
}
