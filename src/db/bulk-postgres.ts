import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export async function copyCsvPostgres(
  pool: pg.Pool,
  table: string,
  columns: string[],
  chunks: AsyncIterable<string>,
): Promise<void> {
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`));
    await pipeline(Readable.from(chunks), stream);
  } finally {
    client.release();
  }
}
