import { sql, type Kysely } from 'kysely';

// Sign-in hardening (issue 3): the last accepted TOTP time step, so that a code seen by
// someone looking over a shoulder cannot be replayed within its 30-second window, and an
// index each for sweeping expired sessions and forgotten throttle counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user add column totp_last_step bigint`.execute(db);
  await sql`create index app_session_expires_idx on app_session(expires_at)`.execute(db);
  await sql`create index login_throttle_last_failure_idx on login_throttle(last_failure_at)`.execute(db);
}
