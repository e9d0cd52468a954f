import { sql, type Kysely } from 'kysely';

// Yearly admission targets per org ("chỉ tiêu kết nạp", issue 5 item 8). One row per org and
// year; the achievement against it is computed live from the member registry
// (src/modules/targets/), so only the target itself is stored. Edits carry `version` (409 when
// stale) and are audited with before and after values.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table admission_target (
      org_id bigint not null references org(id),
      year int not null check (year between 1930 and 2100),
      target int not null check (target >= 0),
      note text,
      set_by bigint references app_user(id),
      set_at timestamptz not null default now(),
      version int not null default 1,
      primary key (org_id, year)
    )`.execute(db);
}
