import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/engines.js';
import { migrateToLatest } from '../migrate.js';

// Migration 0006 fills the search key of the accounts that exist before it, with normalizeName.
for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !inject('pgAvailable'))(`migration 0006 [${engine}]`, () => {
    it('fills display_name_norm of existing accounts and makes it required', async () => {
      const database = await createTestDatabase(engine, { migrate: false });
      try {
        await migrateToLatest(database.db, '0005_auth_hardening');
        await sql`insert into app_user (username, display_name, password_hash) values ('cu.1', 'Đặng  Thị Ánh Tuyết', 'x'), ('cu.2', 'ADMIN', 'x')`.execute(database.db);
        expect((await migrateToLatest(database.db))[0]).toBe('0006_account_name_search');
        const rows = await database.db.selectFrom('app_user').select(['username', 'display_name_norm']).orderBy('username').execute();
        expect(rows).toEqual([
          { username: 'cu.1', display_name_norm: 'dang thi anh tuyet' },
          { username: 'cu.2', display_name_norm: 'admin' },
        ]);
        await expect(sql`insert into app_user (username, display_name, password_hash) values ('moi', 'Mới', 'x')`.execute(database.db)).rejects.toThrow();
      } finally {
        await database.dispose();
      }
    });
  });
}
