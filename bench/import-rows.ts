// npx tsx --expose-gc bench/import-rows.ts [--rows 200000] [--clone]
//
// The import's reading thread alone, in this thread (no database, no worker): a generated .csv
// in the layout of bench/import.ts read and validated by RowValidator; with --clone its batches
// also structured-cloned both ways as postMessage does, and turned into the main thread's rows
// (each timed apart); then the memory the in-file keys keep (JS heap and array buffers, after a
// forced gc). For measuring the worker's per-row cost and memory one change at a time.
import { deserialize, serialize } from 'node:v8';
import { parseArgs } from 'node:util';
import { memberName } from '../src/modules/seed/seed.generator.js';
import { Rng } from '../src/modules/seed/seed.random.js';
import { memorySource } from '../src/modules/import/byte-source.js';
import { readLayout } from '../src/modules/import/import.analysis.js';
import { pendingRows, RowValidator, validatedBatches } from '../src/modules/import/import.rows.js';
import type { SubtreeOrg } from '../src/modules/import/import.repository.js';
import { normalizeName } from '../src/domain/vn-name.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, clone: { type: 'boolean', default: false } } });
const n = Number(args.rows);
const cells = Array.from({ length: 40 }, (_, i) => `Chi bộ Thôn ${i + 1}`);
const orgs: SubtreeOrg[] = [
  { id: 1, code: 'XA', name: 'Đảng bộ xã', name_norm: 'dang bo xa', path: '/1/', org_type: 'superior', dissolved_on: null },
  ...cells.map((name, i) => ({ id: i + 2, code: `CB${i + 1}`, name, name_norm: normalizeName(name), path: `/1/${i + 2}/`, org_type: 'grassroots_cell', dissolved_on: null })),
];
const dmy = (y: number, m: number, d: number) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
const THEORY = ['Sơ cấp', 'Trung cấp', 'Cao cấp', ''];
const lines = ['STT,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Tôn giáo,Quê quán,Số CCCD,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên,Trình độ LLCT,Chi bộ'];
const r = new Rng(8);
for (let i = 0; i < n; i++) {
  const female = r.next() < 0.35;
  const y = 1950 + r.range(0, 50);
  const ay = Math.min(2024, y + 20 + r.range(0, 20));
  const am = r.range(1, 12);
  const name = memberName(r, female ? 'female' : 'male', 'kinh', false).full;
  lines.push([i + 1, name, female ? 'Nữ' : 'Nam', dmy(y, r.range(1, 12), r.range(1, 28)), 'Kinh', 'Không', '"Xã Đông Hưng, Thái Bình"', `0${String(1 + i).padStart(11, '0')}`, dmy(ay, am, 19), dmy(ay + 1, am, 19), 80_000_000 + 1 + i, THEORY[i % 4], cells[i % cells.length]].join(','));
}
const bytes = new TextEncoder().encode(lines.join('\r\n'));
lines.length = 0;
const { layout } = await readLayout('csv', memorySource(bytes), {});
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
// Typed arrays live outside the JS heap: both are counted.
const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const heap0 = held();
const t = performance.now();
const cpu = process.cpuUsage();
const validator = new RowValidator(layout, { today: '2026-11-23', org: { id: 1, path: '/1/', name: 'Đảng bộ xã' } }, orgs, 1000);
let rows = 0;
let valid = 0;
let problems = 0;
let cloned = 0;
let cloneMs = 0;
let mainMs = 0;
for await (const b of validatedBatches(validator, 'csv', memorySource(bytes), {})) {
  rows += b.rowsRead;
  valid += b.rows.row.length;
  problems += b.problemCount;
  if (args.clone) {
    const c0 = performance.now();
    const copy = deserialize(serialize(b)) as typeof b;
    cloneMs += performance.now() - c0;
    cloned += serialize(b).length;
    // The main thread's side: the rows as the database half works on them.
    const m0 = performance.now();
    pendingRows(copy.rows);
    mainMs += performance.now() - m0;
  }
}
const s = (performance.now() - t) / 1000;
const c = process.cpuUsage(cpu);
// Held where the compiler cannot see it die: its keys are what the heap is measured for.
(globalThis as { held?: unknown }).held = [validator, bytes];
gc?.();
const heapMiB = (held() - heap0) / 2 ** 20;
console.log(JSON.stringify({ rows, valid, problems, s: +s.toFixed(2), cpuS: +((c.user + c.system) / 1e6).toFixed(2), usPerRow: +((s * 1e6) / rows).toFixed(2), cloneMiB: +(cloned / 2 ** 20).toFixed(1), cloneS: +(cloneMs / 1000).toFixed(2), mainS: +(mainMs / 1000).toFixed(2), keptHeapMiB: +heapMiB.toFixed(1) }));
