import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { useBinaryArrays } from './pglite-arrays.js';
import { BYTEA_OID, parseBytea, useBinaryBytea } from './pglite-bytea.js';
import { ConnectionLock, PGliteDialect } from './pglite-dialect.js';
import type { DB } from './types.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Raw access for bulk loading (COPY); on PGlite it holds the connection lock. */
  bulk: BulkLoader;
  /** PGlite only: exclusive use of the embedded instance, between transactions (backup). */
  embedded?: EmbeddedAccess;
  close(): Promise<void>;
}

export interface EmbeddedAccess {
  /** Runs fn holding the connection lock: no query or transaction is in progress meanwhile. */
  exclusive<T>(fn: (pglite: PGlite) => Promise<T>): Promise<T>;
}

/** Where the PGlite files live inside a data folder (the lock file sits beside them). */
export function pgliteDataPath(dataDir: string): string {
  return `${dataDir}/pglite`;
}

export const pgliteExtensions = { pg_trgm };

// The default shared_buffers of the embedded database (PGLITE_SHARED_BUFFERS overrides it).
// PostgreSQL inside PGlite allocates its shared memory zero-filled on the WASM heap, so all of
// shared_buffers is resident from the moment it opens, and WASM memory never shrinks. The
// default 128MB was a fifth of the 700 MiB a 1,000,000-row import may use (issue 6); 32MB cut
// the import bench's peak by ~85-120 MiB (100,000 rows) for ~2-5 % more CPU, and the pages not
// cached here still come from the operating system's file cache.
export const PGLITE_SHARED_BUFFERS = '32MB';
const pgliteStartParams = (sharedBuffers: string) => [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`];

export interface BulkLoader {
  /** Loads CSV text (no header, NULL as empty unquoted field) into table(columns). */
  copyCsv(table: string, columns: string[], chunks: AsyncIterable<string>): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const identity = (v: string) => v;

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** In-memory PGlite (tests): no files, no lock. */
  memory?: boolean;
  /** PGlite's shared_buffers (e.g. '32MB'); PGLITE_SHARED_BUFFERS when absent. */
  sharedBuffers?: string;
}

export async function connect(opts: ConnectOptions): Promise<Database> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl);
  return connectPGlite(opts.memory ? undefined : (opts.dataDir ?? './data'), opts.sharedBuffers ?? PGLITE_SHARED_BUFFERS);
}

async function connectPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return identity;
      if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle connection dropped by the server (restart, administrator, network) is discarded by
  // the pool; without a listener the event would end the whole process.
  pool.on('error', (e) => console.error(`PostgreSQL: kết nối rảnh bị đóng (${e.message}); sẽ mở kết nối mới khi cần`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const { copyCsvPostgres } = await import('./bulk-postgres.js');
  return {
    db,
    engine: 'postgres',
    bulk: { copyCsv: (t, c, chunks) => copyCsvPostgres(pool, t, c, chunks) },
    close: () => db.destroy(),
  };
}

async function connectPGlite(dataDir: string | undefined, sharedBuffers: string): Promise<Database> {
  let dirLock: DataDirLock | undefined;
  if (dataDir) dirLock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(dataDir ? pgliteDataPath(dataDir) : undefined, {
      extensions: pgliteExtensions,
      parsers: {
        [DATE_OID]: identity,
        [INT8_OID]: (v: string) => Number(v),
        [NUMERIC_OID]: (v: string) => Number(v),
        [BYTEA_OID]: parseBytea,
      },
      startParams: pgliteStartParams(sharedBuffers),
    });
    useBinaryBytea(pglite.serializers);
    useBinaryArrays(pglite.serializers);
    const lock = new ConnectionLock();
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, lock) });
    const { copyCsvPGlite } = await import('./bulk-pglite.js');
    return {
      db,
      engine: 'pglite',
      bulk: { copyCsv: (t, c, chunks) => lock.run(() => copyCsvPGlite(pglite, t, c, chunks)) },
      embedded: { exclusive: (fn) => lock.run(() => fn(pglite)) },
      close: async () => {
        await db.destroy();
        dirLock?.release();
      },
    };
  } catch (e) {
    dirLock?.release();
    throw e;
  }
}
