import type { ByteSource } from './byte-source.js';
import type { ReadMeter, SheetRow } from './import.reader.js';
import { dateStyles, sharedStrings, workbookParts } from './xlsx-parts.js';
import { SheetScanner, type ScannedRow } from './xlsx-sheet-scan.js';
import { entryChunks, zipEntries } from './zip-entries.js';

// The rows of an .xlsx's first worksheet, streamed: the worksheet's compressed range is read
// from the source, inflated and scanned a chunk at a time (neither the file nor its XML, over a
// gigabyte for a million rows, is ever held whole); the
// shared strings and the styles are read first, as the cells refer to them.

export async function* xlsxRows(source: ByteSource, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  const entries = await zipEntries(source);
  const parts = await workbookParts(source, entries);
  const scanner = new SheetScanner({
    shared: await sharedStrings(source, parts.sharedStrings),
    dateStyle: await dateStyles(source, parts.styles),
    date1904: parts.date1904,
    onDimension: (last) => {
      if (meter) meter.totalRows = last;
    },
  });
  // Bytes: the worksheet is nearly all of the file: how much of it the inflater has taken is how far the reading is.
  const read = meter ? (taken: number, of: number) => (meter.bytesRead = of === 0 ? 0 : Math.floor((taken / of) * source.size)) : undefined;
  // UTF-8 decoded across chunks: a Vietnamese letter may straddle two of them.
  const decoder = new TextDecoder('utf-8');
  const done: ScannedRow[] = [];
  let expected = 1;
  for await (const chunk of entryChunks(source, parts.sheet, read)) {
    scanner.push(decoder.decode(chunk, { stream: true }), done);
    for (const row of done) {
      // Rows the sheet does not store are empty rows: they keep their numbers.
      for (; expected < row.n; expected++) yield { n: expected, cells: [] };
      if (meter) meter.rowsRead = row.n;
      yield row;
      expected = row.n + 1;
    }
    done.length = 0;
    if (scanner.done) break;
  }
  if (!scanner.done) scanner.end();
  if (meter) meter.bytesRead = source.size;
}
