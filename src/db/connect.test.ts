import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect, PGLITE_SHARED_BUFFERS } from './connect.js';

describe('connect (PGlite)', () => {
  it("opens PostgreSQL with the small shared_buffers and PGlite's own single-user settings", async () => {
    const { db, close } = await connect({ memory: true });
    try {
      const r = await sql<{ name: string; setting: string }>`
        select name, current_setting(name) as setting from unnest(array['shared_buffers', 'search_path', 'max_worker_processes']) as name`.execute(db);
      expect(Object.fromEntries(r.rows.map((x) => [x.name, x.setting]))).toEqual({
        shared_buffers: PGLITE_SHARED_BUFFERS,
        search_path: 'public',
        max_worker_processes: '0',
      });
    } finally {
      await close();
    }
  });

  it('takes another shared_buffers when told (PGLITE_SHARED_BUFFERS)', async () => {
    const { db, close } = await connect({ memory: true, sharedBuffers: '48MB' });
    try {
      const r = await sql<{ v: string }>`select current_setting('shared_buffers') as v`.execute(db);
      expect(r.rows[0]!.v).toBe('48MB');
    } finally {
      await close();
    }
  });
});
