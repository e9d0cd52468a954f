// CSV as Excel on a Vietnamese office computer opens it: UTF-8 with a byte-order mark (without
// it Excel reads the bytes as the local code page and "Nguyễn" turns to mojibake), fields quoted
// by RFC 4180, lines ending in CRLF.

/** The UTF-8 byte-order mark, written once at the start of the file. */
export const CSV_BOM = '\uFEFF';

// A cell that begins with one of these is read by spreadsheet programs as a formula (CSV
// injection, OWASP): "=HYPERLINK(...)" typed into a record would run on the reader's computer.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field as written: a text that a spreadsheet would take for a formula gets a leading
 * apostrophe (shown as text, the value unchanged to the eye), and a field holding a comma, a
 * quote or a line break is quoted with its quotes doubled.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
