// Calendar dates as day numbers (days since 1970-01-01, UTC) with a cached ISO string per day:
// the generator does millions of date computations and must not build Date objects for each.

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a valid date: ${iso}`);
  return Math.round(ms / MS_PER_DAY);
}

// Days 1900-01-01 … 2099-12-31 are tabled once: year, month, day and the ISO string of each.
const BASE = -25567; // 1900-01-01
const SPAN = 73049; // up to 2099-12-31
let table: { y: Int16Array; m: Int8Array; d: Int8Array; iso: string[] } | undefined;

function days(): NonNullable<typeof table> {
  if (!table) {
    const y = new Int16Array(SPAN);
    const m = new Int8Array(SPAN);
    const d = new Int8Array(SPAN);
    const iso: string[] = new Array<string>(SPAN);
    for (let i = 0; i < SPAN; i++) {
      const s = new Date((BASE + i) * MS_PER_DAY).toISOString().slice(0, 10);
      iso[i] = s;
      y[i] = Number(s.slice(0, 4));
      m[i] = Number(s.slice(5, 7));
      d[i] = Number(s.slice(8, 10));
    }
    table = { y, m, d, iso };
  }
  return table;
}

function index(day: number): number {
  const i = day - BASE;
  if (i < 0 || i >= SPAN || !Number.isInteger(i)) throw new Error(`seed: day ${day} outside 1900–2099`);
  return i;
}

/** Day number of a calendar date (proleptic Gregorian; H. Hinnant's days_from_civil). */
function fromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function monthLength(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[m - 1] as number;
}

export function isoOf(day: number): string {
  return days().iso[index(day)] as string;
}

/** The same calendar day `years` later (29 Feb → 28 Feb in common years). */
export function addYears(day: number, years: number): number {
  const t = days();
  const i = index(day);
  const y = (t.y[i] as number) + years;
  const m = t.m[i] as number;
  return fromCivil(y, m, Math.min(t.d[i] as number, monthLength(y, m)));
}

/** The same day of the month `months` later, clamped to the month's end. */
export function addMonths(day: number, months: number): number {
  const t = days();
  const i = index(day);
  const total = (t.y[i] as number) * 12 + (t.m[i] as number) - 1 + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return fromCivil(y, m, Math.min(t.d[i] as number, monthLength(y, m)));
}

export function yearOf(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}

/** Today's date as 'YYYY-MM-DD' in Việt Nam (UTC+7); only for the default of SeedOptions.today. */
export function todayInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
