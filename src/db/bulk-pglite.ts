import type { PGlite } from '@electric-sql/pglite';

// PGlite reads COPY input from a Blob mounted as /dev/blob; chunks are grouped into blobs of
// bounded size so a national load never holds the whole CSV in memory.
const BLOB_BYTES = 32 * 1024 * 1024;

export async function copyCsvPGlite(
  pg: PGlite,
  table: string,
  columns: string[],
  chunks: AsyncIterable<string>,
): Promise<void> {
  const sqlText = `copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    await pg.query(sqlText, [], { blob: new Blob(parts) });
    parts = [];
    size = 0;
  };
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= BLOB_BYTES) await flush();
  }
  await flush();
}
