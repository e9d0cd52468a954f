// The shape of the generated tree: which orgs exist, their type, kind, name, code suffix,
// founding date and how many members each member-holding org gets. Planned one province at a
// time (a province's plan is at most a few tens of thousands of small objects), from its own
// PRNG stream, so a plan can be made twice (once for totals, once to generate) identically.

import type { OrgKind, OrgType } from '../../domain/org-type.js';
import { dayOf } from './seed.dates.js';
import {
  DEPARTMENTS_ADMIN,
  DEPARTMENTS_ENTERPRISE,
  DEPARTMENTS_HOSPITAL,
  DEPARTMENTS_MILITARY,
  DEPARTMENTS_POLICE,
  DEPARTMENTS_SCHOOL,
  ENTERPRISE_TRADES,
  ENTERPRISE_WORDS,
  NATIONAL_MEMBERS,
  PLACE_FIRST,
  PLACE_SECOND,
  PROVINCES,
  PROVINCE_GOV_BODIES,
  PROVINCE_PARTY_BODIES,
  PROVINCE_PUBLIC_SERVICE,
  PROVINCE_SCALE_INDEX,
  PROVINCE_STATE_ENTERPRISES,
  type ProvinceInfo,
} from './seed.data.js';
import { mixSeed, Rng } from './seed.random.js';

export type SeedScale = 'demo' | 'province' | 'national';

/** Member profiles: who the members of a unit are (ages, sex, schooling, jobs). */
export type Profile = 'village' | 'admin' | 'teacher' | 'health' | 'state_ent' | 'private_ent' | 'military' | 'police';

export interface PlanOrg {
  type: OrgType;
  kind: OrgKind | null;
  name: string;
  /** Code segment under the parent's code ('X003', 'C012', 'B04', 'T1'); the province's is its full code. */
  code: string;
  founded: number; // day number
  decision: string | null;
  /** Members on the rolls (member-holding orgs only). */
  size: number;
  /** Historical records (deceased, transferred, removed) kept at this org but not on its rolls. */
  history: number;
  profile: Profile;
  /** Residence written on the members' records ("Xã Tân Lập, tỉnh Phú Thọ"). */
  residence: string;
  children: PlanOrg[];
}

export interface ProvincePlan {
  index: number; // position in PROVINCES; -1 for the demo province
  info: ProvinceInfo;
  root: PlanOrg;
  members: number; // on the rolls plus history
  orgs: number;
}

export const REFORM_DAY = dayOf('2025-07-01'); // R-ORG-01: the post-2025 tree starts here

export const DEMO_PROVINCE: ProvinceInfo = {
  name: 'Sông Hồng',
  label: ' (Dữ liệu mẫu)',
  city: false,
  communes: 3,
  wardShare: 0.34,
  density: 1,
  region: 'red_river',
  oldProvinces: [
    ['034', 'Thái Bình'],
    ['036', 'Nam Định'],
    ['035', 'Hà Nam'],
  ],
  ethnic: [['muong', 0.01], ['tay', 0.005]],
  religion: [['buddhism', 0.02], ['catholicism', 0.02]],
  specialZones: [],
};

/** Which provinces a scale generates, with the members each should have on its rolls. */
export function provincesOf(scale: SeedScale): { index: number; info: ProvinceInfo; target: number }[] {
  if (scale === 'demo') return [{ index: -1, info: DEMO_PROVINCE, target: 1100 }];
  const weightOf = (p: ProvinceInfo) => p.communes * p.density;
  const total = PROVINCES.reduce((s, p) => s + weightOf(p), 0);
  if (scale === 'province') {
    const info = PROVINCES[PROVINCE_SCALE_INDEX] as ProvinceInfo;
    return [{ index: PROVINCE_SCALE_INDEX, info, target: Math.round(NATIONAL_MEMBERS / PROVINCES.length) }];
  }
  return PROVINCES.map((info, index) => ({ index, info, target: Math.round((NATIONAL_MEMBERS * weightOf(info)) / total) }));
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));
const pad = (n: number, w: number) => String(n).padStart(w, '0');

class Planner {
  private readonly rng: Rng;
  private readonly today: number;
  private decisionNo = 0;
  private readonly usedPlaceNames = new Set<string>();

  constructor(
    seed: number,
    private readonly provinceIndex: number,
    private readonly info: ProvinceInfo,
    private readonly target: number,
    today: number,
    private readonly demo: boolean,
  ) {
    this.rng = new Rng(mixSeed(seed, 0x51a7, provinceIndex + 1));
    this.today = today;
  }

  private get south(): boolean {
    return this.info.region === 'mekong' || this.info.region === 'southeast';
  }

  private provinceWord(): string {
    return this.info.city ? 'thành phố' : 'tỉnh';
  }

  /** "tỉnh Phú Thọ", "thành phố Hà Nội", "Thành phố Hồ Chí Minh". */
  provinceTitle(): string {
    if (this.info.name === 'Hồ Chí Minh') return 'Thành phố Hồ Chí Minh';
    return `${this.provinceWord()} ${this.info.name}`;
  }

  /** A two-syllable place name not yet in `used` (the province's communes, or one commune's villages). */
  private placeName(used: Set<string> = this.usedPlaceNames): string {
    for (let tries = 0; ; tries++) {
      const a = this.rng.pick(PLACE_FIRST);
      const b = this.rng.pick(PLACE_SECOND);
      if (a === b) continue;
      const name = tries > 40 ? `${a} ${b} ${tries - 39}` : `${a} ${b}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  }

  private decision(suffix: string): string {
    this.decisionNo++;
    return `${this.decisionNo}-QĐ/${suffix}`;
  }

  /** Founding date of a grassroots org or cell: mostly the reform day, some founded since. */
  private foundedUnder(parentFounded: number, p: number): number {
    if (this.today - parentFounded > 60 && this.rng.chance(p)) {
      return parentFounded + this.rng.range(15, this.today - parentFounded - 30);
    }
    return parentFounded;
  }

  private org(type: OrgType, kind: OrgKind | null, name: string, code: string, founded: number, decision: string | null, profile: Profile, residence: string): PlanOrg {
    return { type, kind, name, code, founded, decision, size: 0, history: 0, profile, residence, children: [] };
  }

  private setSize(o: PlanOrg, size: number): void {
    o.size = size;
    // ~1.5% historical records; the fraction is carried by a draw so small units get some too.
    o.history = Math.floor(size * 0.015 + this.rng.next());
  }

  /** A cell; one of ≥ 30 members is split into tổ đảng (R-ORG-08), the members staying in the cell. */
  private cell(parent: PlanOrg, name: string, kind: OrgKind | null, size: number, profile: Profile, residence: string): PlanOrg {
    const n = parent.children.length + 1;
    const c = this.org('cell', kind, name, `B${pad(n, 2)}`, this.foundedUnder(parent.founded, 0.02), this.decision('ĐU'), profile, residence);
    this.setSize(c, size);
    if (size >= 30) {
      const groups = Math.ceil(size / 16);
      for (let g = 1; g <= groups; g++) {
        c.children.push(this.org('group', null, `Tổ đảng số ${g}`, `T${g}`, c.founded, null, profile, residence));
      }
    }
    parent.children.push(c);
    return c;
  }

  /**
   * A grassroots org of about `target` members: a chi bộ cơ sở below 30, else a đảng bộ cơ sở
   * with cells named from `departments` (R-ORG-06); large ones get a section level.
   */
  private grassroots(
    parent: PlanOrg,
    baseName: string,
    kind: OrgKind,
    profile: Profile,
    target: number,
    departments: readonly string[],
    residence: string,
  ): PlanOrg {
    const n = parent.children.length + 1;
    const founded = this.foundedUnder(parent.founded, 0.03);
    if (target < 30) {
      const g = this.org('grassroots_cell', kind, `Chi bộ ${baseName}`, `C${pad(n, 3)}`, founded, this.decision('ĐU'), profile, residence);
      this.setSize(g, clamp(target, 5, 29));
      parent.children.push(g);
      return g;
    }
    const g = this.org('grassroots_committee', kind, `Đảng bộ ${baseName}`, `C${pad(n, 3)}`, founded, this.decision('ĐU'), profile, residence);
    parent.children.push(g);
    const cells = Math.max(2, Math.round(target / 22));
    const sizes: number[] = [];
    let sum = 0;
    for (let i = 0; i < cells; i++) {
      const s = clamp(this.rng.normal(target / cells, 5), 5, 45);
      sizes.push(s);
      sum += s;
    }
    if (sum < 36) sizes[0] = (sizes[0] as number) + 36 - sum; // comfortably ≥ 30 on the rolls
    const cellName = (i: number) => `Chi bộ ${departments[i] ?? `số ${i + 1}`}`;
    if (cells > 14) {
      // Đảng bộ bộ phận (R-ORG-10) over groups of 4–8 cells.
      let i = 0;
      let s = 1;
      while (i < cells) {
        const take = Math.min(cells - i, this.rng.range(4, 8));
        const sec = this.org('section', null, `Đảng bộ bộ phận số ${s}`, `S${pad(s, 2)}`, g.founded, this.decision('ĐU'), profile, residence);
        g.children.push(sec);
        for (let j = 0; j < take; j++, i++) this.cell(sec, cellName(i), null, sizes[i] as number, profile, residence);
        s++;
      }
    } else {
      sizes.forEach((s, i) => this.cell(g, cellName(i), null, s, profile, residence));
    }
    return g;
  }

  private villageCommittee(parent: PlanOrg, name: string, target: number, ward: boolean, residence: string): void {
    const n = parent.children.length + 1;
    const g = this.org('grassroots_committee', 'commune', name, `C${pad(n, 3)}`, parent.founded, this.decision('ĐU'), 'village', residence);
    parent.children.push(g);
    const cells = Math.max(2, Math.round(target / 23));
    let sum = 0;
    const villages = new Set<string>();
    const northWord = ward ? 'tổ dân phố' : 'thôn';
    const southWord = ward ? 'khu phố' : 'ấp';
    for (let i = 0; i < cells; i++) {
      let size = clamp(this.rng.normal(23, 5), 6, 48);
      if (i === cells - 1 && sum + size < 36) size = 36 - sum;
      sum += size;
      const label = ward || this.rng.chance(0.3) ? `${this.south ? southWord : northWord} số ${i + 1}` : `${this.south ? southWord : northWord} ${this.placeName(villages)}`;
      this.cell(g, `Chi bộ ${label}`, 'village', size, 'village', residence);
    }
  }

  private enterpriseName(state: boolean): string {
    const w = this.rng.pick(ENTERPRISE_WORDS);
    const t = this.rng.pick(ENTERPRISE_TRADES);
    if (state) return `Công ty TNHH MTV ${t} ${this.info.name}`;
    return this.rng.chance(0.5) ? `Công ty Cổ phần ${t} ${w}` : this.rng.chance(0.7) ? `Công ty TNHH ${w}` : `Hợp tác xã ${t} ${w}`;
  }

  private commune(parent: PlanOrg, seq: number, target: number, kindOfUnit: 'xã' | 'phường' | 'đặc khu', zoneName?: string): void {
    const place = zoneName ?? this.placeName();
    const title = `${kindOfUnit} ${place}`;
    const c = this.org('superior', 'commune', `Đảng bộ ${title}`, `X${pad(seq, 3)}`, REFORM_DAY, this.decision(this.info.city ? 'ThU' : 'TU'), 'village', '');
    parent.children.push(c);
    const residence = `${kindOfUnit.charAt(0).toUpperCase()}${kindOfUnit.slice(1)} ${place}, ${this.provinceTitle()}`;
    const ward = kindOfUnit === 'phường';
    const r = this.rng;
    let used = 0;
    const add = (g: PlanOrg) => {
      const count = (o: PlanOrg): number => o.size + o.children.reduce((s, ch) => s + count(ch), 0);
      used += count(g);
    };
    const olds = this.demo || zoneName ? 1 : ward ? r.range(1, 3) : r.range(2, 4);
    const oldNames = olds === 1 ? [place] : Array.from({ length: olds }, () => this.placeName());

    add(this.grassroots(c, `Cơ quan Đảng - Mặt trận và các đoàn thể ${title}`, 'administrative', 'admin', r.range(10, 26), DEPARTMENTS_ADMIN, residence));
    if (!this.demo) add(this.grassroots(c, `Văn phòng HĐND và UBND ${title}`, 'administrative', 'admin', r.range(12, 28), DEPARTMENTS_ADMIN, residence));
    add(this.grassroots(c, `Công an ${title}`, 'armed_forces', 'police', r.range(8, 28), DEPARTMENTS_POLICE, residence));
    if (!this.demo) add(this.grassroots(c, `Quân sự ${title}`, 'armed_forces', 'military', r.range(5, 12), DEPARTMENTS_MILITARY, residence));
    if (!this.demo) add(this.grassroots(c, `Trạm Y tế ${title}`, 'public_service', 'health', r.range(4, 12), DEPARTMENTS_HOSPITAL, residence));
    for (const old of oldNames) {
      if (this.demo) {
        add(this.grassroots(c, `Trường Tiểu học và THCS ${old}`, 'public_service', 'teacher', r.range(10, 24), DEPARTMENTS_SCHOOL, residence));
        continue;
      }
      if (r.chance(0.5)) add(this.grassroots(c, `Trường Mầm non ${old}`, 'public_service', 'teacher', r.range(4, 12), DEPARTMENTS_SCHOOL, residence));
      if (r.chance(0.5)) {
        add(this.grassroots(c, `Trường Tiểu học và THCS ${old}`, 'public_service', 'teacher', r.range(10, 24), DEPARTMENTS_SCHOOL, residence));
      } else {
        add(this.grassroots(c, `Trường Tiểu học ${old}`, 'public_service', 'teacher', r.range(6, 16), DEPARTMENTS_SCHOOL, residence));
        add(this.grassroots(c, `Trường THCS ${old}`, 'public_service', 'teacher', r.range(6, 18), DEPARTMENTS_SCHOOL, residence));
      }
    }
    if (!this.demo && r.chance(0.3)) {
      add(this.grassroots(c, `Trường THPT ${this.placeName()}`, 'public_service', 'teacher', r.chance(0.5) ? r.range(30, 55) : r.range(15, 29), DEPARTMENTS_SCHOOL, residence));
    }
    if (!this.demo && r.chance(0.15)) {
      add(this.grassroots(c, `Trung tâm Y tế khu vực ${place}`, 'public_service', 'health', r.range(60, 160), DEPARTMENTS_HOSPITAL, residence));
    }
    if (!this.demo && r.chance(0.08)) {
      add(this.grassroots(c, this.enterpriseName(true), 'state_enterprise', 'state_ent', r.range(60, 400), DEPARTMENTS_ENTERPRISE, residence));
    }
    const privates = this.demo ? seq % 2 : ward ? r.range(1, 5) : r.range(0, 2);
    for (let i = 0; i < privates; i++) {
      const size = r.chance(0.08) ? r.range(35, 150) : r.range(3, 25);
      add(this.grassroots(c, this.enterpriseName(false), 'private_enterprise', 'private_ent', size, DEPARTMENTS_ENTERPRISE, residence));
    }
    // Village and residential-group cells hold the rest (R-ORG-09: they sit under the commune's đảng bộ).
    const rest = Math.max(olds * 40, target - used);
    for (let i = 0; i < olds; i++) {
      const name = olds === 1 ? `Đảng bộ khu dân cư ${title}` : `Đảng bộ khu vực ${oldNames[i]}`;
      this.villageCommittee(c, name, rest / olds, ward, residence);
    }
  }

  private provinceLevel(root: PlanOrg, budget: number): void {
    const r = this.rng;
    const pt = this.provinceTitle();
    const residence = pt.charAt(0).toUpperCase() + pt.slice(1);
    const sup = (seq: number, name: string) => {
      const s = this.org('superior', null, name, `K${pad(seq, 2)}`, REFORM_DAY, this.decision(this.info.city ? 'ThU' : 'TU'), 'admin', residence);
      root.children.push(s);
      return s;
    };
    const spread = (share: number, n: number) => (budget * share) / n;

    const party = sup(1, `Đảng bộ các cơ quan Đảng ${pt}`);
    const partyBodies = this.demo ? PROVINCE_PARTY_BODIES.slice(0, 3) : PROVINCE_PARTY_BODIES;
    for (const body of partyBodies) {
      const kind = /^(Báo|Trường)/.test(body) ? 'public_service' : 'administrative';
      this.grassroots(party, body, kind, kind === 'public_service' ? 'teacher' : 'admin', r.lognormal(spread(0.15, partyBodies.length), 0.5), DEPARTMENTS_ADMIN, residence);
    }
    if (this.demo) return;

    const gov = sup(2, `Đảng bộ Ủy ban nhân dân ${pt}`);
    for (const body of PROVINCE_GOV_BODIES) {
      this.grassroots(gov, body, 'administrative', 'admin', r.lognormal(spread(0.2, PROVINCE_GOV_BODIES.length), 0.5), DEPARTMENTS_ADMIN, residence);
    }
    for (const body of PROVINCE_PUBLIC_SERVICE) {
      const hospital = body.startsWith('Bệnh viện') || body.includes('Y tế') || body.includes('bệnh tật');
      this.grassroots(gov, body, 'public_service', hospital ? 'health' : 'teacher', r.lognormal(spread(0.15, PROVINCE_PUBLIC_SERVICE.length), 0.6), hospital ? DEPARTMENTS_HOSPITAL : DEPARTMENTS_SCHOOL, residence);
    }
    for (const body of PROVINCE_STATE_ENTERPRISES) {
      this.grassroots(gov, body.endsWith('tỉnh') ? body.replace(/tỉnh$/, pt) : `${body} ${this.info.name}`, 'state_enterprise', 'state_ent', r.lognormal(spread(0.1, PROVINCE_STATE_ENTERPRISES.length), 0.6), DEPARTMENTS_ENTERPRISE, residence);
    }

    const mil = sup(3, `Đảng bộ Quân sự ${pt}`);
    const areas = Math.max(2, Math.round(this.info.communes / 12));
    this.grassroots(mil, `Cơ quan Bộ Chỉ huy Quân sự ${pt}`, 'armed_forces', 'military', spread(0.06, 1), DEPARTMENTS_MILITARY, residence);
    this.grassroots(mil, `Trung đoàn ${r.range(700, 999)}`, 'armed_forces', 'military', spread(0.06, 1), DEPARTMENTS_MILITARY, residence);
    for (let i = 1; i <= areas; i++) {
      this.grassroots(mil, `Ban Chỉ huy Phòng thủ khu vực ${i}`, 'armed_forces', 'military', r.lognormal(spread(0.06, areas), 0.3), DEPARTMENTS_MILITARY, residence);
    }

    const pol = sup(4, `Đảng bộ Công an ${pt}`);
    for (const dept of DEPARTMENTS_POLICE) {
      const teams = Array.from({ length: 12 }, (_, i) => `Đội ${i + 1}`);
      this.grassroots(pol, dept, 'armed_forces', 'police', r.lognormal(spread(0.22, DEPARTMENTS_POLICE.length), 0.4), teams, residence);
    }
  }

  plan(code: string): PlanOrg {
    const info = this.info;
    const title = this.provinceTitle();
    const root = this.org('province', null, `Đảng bộ ${title}${info.label ?? ''}`, code, REFORM_DAY, this.demo ? null : this.decision('TW'), 'admin', '');
    const provinceShare = this.demo ? 0.12 : info.city ? 0.1 : 0.08;
    this.provinceLevel(root, this.target * provinceShare);

    // Commune-level units: xã, phường, đặc khu (R-ORG-02), sized by a skewed weight.
    const units: { kind: 'xã' | 'phường' | 'đặc khu'; weight: number; zone?: string }[] = [];
    for (const z of info.specialZones) units.push({ kind: 'đặc khu', weight: 0.25, zone: z });
    const regular = info.communes - info.specialZones.length;
    const wards = Math.round(regular * info.wardShare);
    for (let i = 0; i < regular; i++) {
      const ward = this.demo ? i === 0 : i < wards;
      units.push({ kind: ward ? 'phường' : 'xã', weight: this.rng.lognormal(ward ? 1.15 : 1, 0.35) });
    }
    const totalWeight = units.reduce((s, u) => s + u.weight, 0);
    const communeBudget = this.target * (1 - provinceShare);
    units.forEach((u, i) => this.commune(root, i + 1, (communeBudget * u.weight) / totalWeight, u.kind, u.zone));
    return root;
  }
}

function countPlan(o: PlanOrg): { members: number; orgs: number } {
  let members = o.size + o.history;
  let orgs = 1;
  for (const c of o.children) {
    const r = countPlan(c);
    members += r.members;
    orgs += r.orgs;
  }
  return { members, orgs };
}

export function planProvince(scale: SeedScale, seed: number, today: number, which: number): ProvincePlan {
  const p = provincesOf(scale)[which];
  if (!p) throw new Error(`no province ${which} at scale ${scale}`);
  const demo = scale === 'demo';
  const code = demo ? 'P00' : `P${pad(p.index + 1, 2)}`;
  const root = new Planner(seed, p.index, p.info, p.target, today, demo).plan(code);
  const { members, orgs } = countPlan(root);
  return { index: p.index, info: p.info, root, members, orgs };
}
