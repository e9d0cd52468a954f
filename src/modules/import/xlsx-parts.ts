import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ByteSource } from './byte-source.js';
import { entryChunks, entryText, type ZipEntry } from './zip-entries.js';

// The small parts of an .xlsx that say how to read its first worksheet: which part it is
// (workbook order, through the relationships — not always sheet1.xml), its date system, which
// cell styles show dates, and the shared strings. Read with saxes, a complete XML parser; only
// the worksheet itself, the bulk of the file, goes through the hand-written scanner.

type Entries = Map<string, ZipEntry>;

const local = (name: string) => name.slice(name.indexOf(':') + 1);

interface Handlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

function parser(h: Handlers): SaxesParser {
  const p = new SaxesParser();
  if (h.open) p.on('opentag', (t: SaxesTagPlain) => h.open!(local(t.name), t.attributes as Record<string, string>));
  if (h.close) p.on('closetag', (t: SaxesTagPlain) => h.close!(local(t.name)));
  if (h.text) {
    p.on('text', h.text);
    p.on('cdata', h.text);
  }
  return p;
}

async function parseWhole(source: ByteSource, e: ZipEntry | undefined, h: Handlers): Promise<void> {
  if (e) parser(h).write(await entryText(source, e)).close();
}

/** A relationship target, relative to the folder of the part whose relationships these are. */
function resolve(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/').toLowerCase();
}

const relsOf = (part: string) => part.replace(/([^/]*)$/, '_rels/$1.rels');

/** The relationships of a part: id → the target part, and type (its last path segment) → the first part of that type. */
async function relationships(source: ByteSource, entries: Entries, part: string) {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  await parseWhole(source, entries.get(relsOf(part)), {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Target) return;
      const target = resolve(part, a.Target);
      if (a.Id) byId.set(a.Id, target);
      const type = (a.Type ?? '').replace(/.*\//, '');
      if (!byType.has(type)) byType.set(type, target);
    },
  });
  return { byId, byType };
}

export interface WorkbookParts {
  sheet: ZipEntry;
  sharedStrings?: ZipEntry;
  styles?: ZipEntry;
  date1904: boolean;
}

/** The first worksheet in workbook order, and the parts its cells refer to. */
export async function workbookParts(source: ByteSource, entries: Entries): Promise<WorkbookParts> {
  const book = (await relationships(source, entries, '')).byType.get('officeDocument') ?? 'xl/workbook.xml';
  const rels = await relationships(source, entries, book);
  let first: string | undefined;
  let date1904 = false;
  await parseWhole(source, entries.get(book), {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && first === undefined) {
        const id = Object.keys(a).find((k) => k === 'r:id' || k.endsWith(':id'));
        first = id ? rels.byId.get(a[id]!) : undefined;
      }
    },
  });
  const sheet = first === undefined ? undefined : entries.get(first);
  if (!sheet) throw new Error('xlsx: the workbook names no worksheet that the file holds');
  const part = (type: string, fallback: string) => entries.get(rels.byType.get(type) ?? fallback);
  return { sheet, sharedStrings: part('sharedStrings', 'xl/sharedstrings.xml'), styles: part('styles', 'xl/styles.xml'), date1904 };
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * A custom format shows a date when, once its quoted text, escaped characters and bracketed
 * parts (colours, locales) are set aside, it has day, month, year, hour or second codes — as
 * ExcelJS read it; but an elapsed time ([h]:mm, [mm]:ss) is a duration, not a date.
 */
export function isDateFormat(code: string): boolean {
  if (/\[(h+|m+|s+)\]/i.test(code)) return false;
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/** Per cell style (cellXfs index): whether a number in it is a date. */
export async function dateStyles(source: ByteSource, e: ZipEntry | undefined): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parseWhole(source, e, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILTIN_DATES.has(id) : isDateFormat(code);
  });
}

/**
 * The shared strings, in order, streamed: a rich text's runs joined, its phonetic runs (<rPh>,
 * the furigana of East Asian text) left out.
 */
export async function sharedStrings(source: ByteSource, e: ZipEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!e) return out;
  let text: string | null = null;
  let inT = false;
  let phonetic = 0;
  const p = parser({
    open(name) {
      if (name === 'si') text = '';
      else if (name === 't') inT = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') {
        out.push(text ?? '');
        text = null;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
    },
    text(t) {
      if (inT && text !== null) text += t;
    },
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryChunks(source, e)) p.write(decoder.decode(chunk, { stream: true }));
  p.write(decoder.decode()).close();
  return out;
}
