import { sql, type Kysely } from 'kysely';
import { normalizeName } from '../../domain/vn-name.js';

// Account search by display name without diacritics ("nguyen van" finds "Nguyễn Văn …"): the
// name as normalizeName (src/domain/vn-name.ts, the one normalization) makes it, stored beside
// the name and kept by every write of it (account and auth repositories). Existing accounts are
// filled here with the same function, in TypeScript, so SQL never re-implements it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user add column display_name_norm text`.execute(db);
  const { rows } = await sql<{ id: number; display_name: string }>`select id, display_name from app_user`.execute(db);
  for (const r of rows) {
    await sql`update app_user set display_name_norm = ${normalizeName(r.display_name)} where id = ${r.id}`.execute(db);
  }
  await sql`alter table app_user alter column display_name_norm set not null`.execute(db);
  await sql`create index app_user_display_name_trgm_idx on app_user using gin (display_name_norm gin_trgm_ops)`.execute(db);
}
