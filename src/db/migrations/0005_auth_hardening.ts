import { sql, type Kysely } from 'kysely';

// Sign-in hardening (issue 3): the last accepted TOTP time step, so that a code seen by
// someone looking over a shoulder cannot be replayed within its 30-second window, and an
// index for sweeping expired sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user add column totp_last_step bigint`.execute(db);
  await sql`create index app_session_expires_idx on app_session(expires_at)`.execute(db);
}
