import type { Readable } from 'node:stream';
import { zipStream, type ZipEntry } from '../../zip.js';
import type { ExportCell } from './member-export.layout.js';
import type { Sheet } from './member-export.writers.js';

// The member list as an .xlsx package (ECMA-376, SpreadsheetML), its worksheet XML written
// here row by row. ExcelJS's streaming writer spent most of a million-row export resolving the
// same three cell styles again for every cell; the list has a fixed set of styles, so they are
// numbered once in styles.xml and each cell names its number. Strings are inline strings
// (t="inlineStr"): never a formula, whatever they start with, and no shared-string table to
// hold in memory.

/** Worksheet name as Excel shows it on the tab (≤ 31 characters, none of []:*?/\). */
const SHEET_NAME = 'Danh sách đảng viên';
/** The list's numbered cell formats (cellXfs in styles.xml). */
const STYLE = { titleLine: 1, titleMain: 2, header: 3, body: 4, bodyDate: 5 } as const;
/**
 * Fastest deflate. On 200 MB of this worksheet's XML, level 1 took 0.48 s of CPU for 19.4 MB,
 * level 3 0.75 s for 18.3 MB, level 6 (zlib's default, ExcelJS's) 2.09 s for 15.4 MB: at a
 * million members 8 s of CPU saved for a file a quarter larger (about 100 MB instead of 78).
 */
const ZIP_LEVEL = 1;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all (dropped), the three that must be escaped in text, and
// "_x": Excel reads "_xHHHH_" in a string as an escaped character, so a literal one is escaped.
// eslint-disable-next-line no-control-regex -- finding the control characters is the point
const NEEDS_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>]|_x/;
// eslint-disable-next-line no-control-regex -- as above
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A string as XML text content, as Excel will read it back. */
export function xmlText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(INVALID, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/** A string cell's content: spaces at either end are kept only when the element says so. */
function inlineString(s: string): string {
  const text = xmlText(s);
  return /^\s|\s$/.test(text) ? `<is><t xml:space="preserve">${text}</t></is>` : `<is><t>${text}</t></is>`;
}

/** 1 → A, 27 → AA. */
function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;
/** Excel's serial day for 1970-01-01 (the 1900 date system, Excel's own leap-year bug included). */
const EPOCH_SERIAL = 25_569;

/** 'YYYY-MM-DD' → the serial day number Excel stores a date as. */
export function excelDate(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS + EPOCH_SERIAL;
}

/** One body cell; an empty one keeps its border, as the rest of the ruled table. */
function bodyCell(ref: string, v: ExportCell): string {
  if (v === null || v === undefined) return `<c r="${ref}" s="${STYLE.body}"/>`;
  if (typeof v === 'number') return `<c r="${ref}" s="${STYLE.body}"><v>${v}</v></c>`;
  if (typeof v === 'object') return `<c r="${ref}" s="${STYLE.bodyDate}"><v>${excelDate(v.date)}</v></c>`;
  return `<c r="${ref}" s="${STYLE.body}" t="inlineStr">${inlineString(v)}</c>`;
}

const STYLES = `${XML_DECL}<styleSheet xmlns="${NS}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="4">
<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>
</fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** The package's parts and their types: one override per worksheet. */
function contentTypes(sheets: number): string {
  const worksheets = Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
${worksheets}\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>`;
}

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">\
<Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>\
</Relationships>`;

/** The tab of worksheet `n` of `sheets`: the list's name, numbered when it takes several. */
export const sheetName = (n: number, sheets: number) => (sheets === 1 ? SHEET_NAME : `${SHEET_NAME} - phần ${n}`);

const sheetNumbers = (sheets: number) => Array.from({ length: sheets }, (_, i) => i + 1);

function workbook(sheets: number): string {
  const tabs = sheetNumbers(sheets).map((n) => `<sheet name="${xmlText(sheetName(n, sheets))}" sheetId="${n}" r:id="rId${n}"/>`);
  return `${XML_DECL}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews><sheets>${tabs.join('')}</sheets></workbook>`;
}

/** The workbook's relationships: its worksheets rId1…rIdN, then the styles. */
function workbookRels(sheets: number): string {
  const worksheets = sheetNumbers(sheets).map((n) => `<Relationship Id="rId${n}" Type="${NS_R}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
  return `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${worksheets.join('')}\
<Relationship Id="rId${sheets + 1}" Type="${NS_R}/styles" Target="styles.xml"/></Relationships>`;
}

function coreProperties(created: Date): string {
  const at = `${created.toISOString().slice(0, 19)}Z`;
  return `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>${xmlText(SHEET_NAME)}</dc:title><dc:creator>Đảng vụ</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>\
</cp:coreProperties>`;
}

/** The rows of the list, their first chunk already asked for. */
interface Rows {
  /** The next rows: what the last worksheet could not hold, else the next chunk; null at the end. */
  take(): Promise<ExportCell[][] | null>;
  /** Rows taken but not written: they open the next worksheet. */
  putBack(rows: ExportCell[][]): void;
  /** Closes the source early (its `finally` runs: the export audits what was sent). */
  close(): void;
  /** The source has ended and nothing is put back: no further worksheet is needed. */
  readonly done: boolean;
}

/**
 * Starts reading the rows at once, as the old writer and the CSV's read-ahead do: a source
 * that never started cannot learn that the client hung up before the worksheet was reached
 * (the package's small parts go first), and the export would then go unaudited.
 */
function startRows(chunks: AsyncIterable<ExportCell[][]>): Rows {
  const it = chunks[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<ExportCell[][]>> | null = it.next();
  // Its failure is met where the worksheet awaits it; unread (the client left first), ignored.
  next.catch(() => {});
  let carry: ExportCell[][] | null = null;
  let ended = false;
  return {
    async take() {
      if (carry) {
        const rows = carry;
        carry = null;
        return rows;
      }
      if (ended) return null;
      const r = await (next ?? it.next());
      next = null;
      if (r.done) ended = true;
      return r.done ? null : r.value;
    },
    putBack(rows) {
      carry = rows;
    },
    close: () => void it.return?.().catch(() => {}),
    get done() {
      return ended && carry === null;
    },
  };
}

/**
 * One worksheet, piece by piece: everything above the body at once, then one piece per chunk of
 * rows, pulled only when the zip has taken the previous one, then the merges and page setup. It
 * holds at most `maxRows` rows, title and header included; the rows past them are put back for
 * the next worksheet, which repeats the title and header.
 */
async function* worksheet(sheet: Sheet, rows: Rows, maxRows: number): AsyncGenerator<Uint8Array> {
  const width = sheet.columns.length;
  const letters = Array.from({ length: width }, (_, i) => columnLetters(i + 1));
  const last = letters[width - 1]!;
  const headerRow = sheet.title.length + 2;

  let head = `${XML_DECL}<worksheet xmlns="${NS}" xmlns:r="${NS_R}">\
<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>\
<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>\
<selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/></sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/>\
<cols>${sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>\
<sheetData>`;
  // The title block: each line in the first cell of a row merged across the table, every cell
  // of the row carrying the style so the merged area is centred and bold as one.
  sheet.title.forEach((text, i) => {
    const r = i + 1;
    const s = i === 1 ? STYLE.titleMain : STYLE.titleLine;
    head += `<row r="${r}" s="${s}" customFormat="1"><c r="A${r}" s="${s}" t="inlineStr">${inlineString(text)}</c>`;
    for (let j = 1; j < width; j++) head += `<c r="${letters[j]}${r}" s="${s}"/>`;
    head += '</row>';
  });
  head += `<row r="${headerRow}">${sheet.columns.map((c, i) => `<c r="${letters[i]}${headerRow}" s="${STYLE.header}" t="inlineStr">${inlineString(c.header)}</c>`).join('')}</row>`;
  yield Buffer.from(head, 'utf8');

  let r = headerRow;
  for (let chunk = await rows.take(); chunk !== null; chunk = await rows.take()) {
    const room = maxRows - r;
    if (chunk.length > room) rows.putBack(chunk.slice(room));
    let xml = '';
    for (const values of chunk.length > room ? chunk.slice(0, room) : chunk) {
      const n = ++r;
      xml += `<row r="${n}">`;
      for (let j = 0; j < width; j++) xml += bodyCell(letters[j]! + n, values[j] ?? null);
      xml += '</row>';
    }
    yield Buffer.from(xml, 'utf8');
    if (r === maxRows) {
      // Full: whether another worksheet follows is known only by asking the source for more.
      const more = await rows.take();
      if (more !== null) rows.putBack(more);
      break;
    }
  }

  const merges = sheet.title.map((_, i) => `<mergeCell ref="A${i + 1}:${last}${i + 1}"/>`).join('');
  yield Buffer.from(
    `</sheetData><mergeCells count="${sheet.title.length}">${merges}</mergeCells>\
<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>\
<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>\
</worksheet>`,
    'utf8',
  );
}

/** Rows of one worksheet in Excel (2007 and later): a longer list continues on another worksheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * An .xlsx workbook: a merged title block, a bold bordered header row frozen on screen, ruled
 * body rows, dates as real dates shown dd/mm/yyyy, landscape A4 one page wide. A list longer
 * than a worksheet holds (the whole country, 5.6 million members) continues on further
 * worksheets, "phần 2", "phần 3"…, each with the title and header, the STT running on. How many
 * there are is known only at the end of the rows, so the parts that name the worksheets
 * (workbook, its relationships, the content types) come last in the archive, which readers
 * find through its central directory. Memory stays flat: one chunk of rows is held at a time,
 * and the next is read only when the reader of the returned stream has taken the previous one.
 */
export function xlsxStream(sheet: Sheet, onError: (e: unknown) => void, opts: { created?: Date; maxRows?: number } = {}): Readable {
  const created = opts.created ?? new Date();
  const maxRows = opts.maxRows ?? EXCEL_MAX_ROWS;
  if (maxRows <= sheet.title.length + 2) throw new Error(`a worksheet of ${maxRows} rows cannot hold the title and header`);
  const rows = startRows(sheet.chunks);
  let sheets = 0;
  // Read by the zip one entry at a time: the next worksheet is decided once the last has ended.
  function* entries(): Generator<ZipEntry> {
    yield { name: '_rels/.rels', data: ROOT_RELS };
    yield { name: 'docProps/core.xml', data: coreProperties(created) };
    yield { name: 'xl/styles.xml', data: STYLES };
    do yield { name: `xl/worksheets/sheet${++sheets}.xml`, data: worksheet(sheet, rows, maxRows) };
    while (!rows.done);
    yield { name: 'xl/workbook.xml', data: workbook(sheets) };
    yield { name: 'xl/_rels/workbook.xml.rels', data: workbookRels(sheets) };
    yield { name: '[Content_Types].xml', data: contentTypes(sheets) };
  }
  const out = zipStream(entries(), { level: ZIP_LEVEL, date: created });
  // Reported where the caller logs (the client only sees a cut file); the stream still fails.
  out.once('error', onError);
  out.once('close', () => {
    if (!rows.done) rows.close();
  });
  return out;
}
