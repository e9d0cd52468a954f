import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_init.js';
import * as m0002 from './migrations/0002_org_code_prefix.js';
import * as m0003 from './migrations/0003_access.js';
import * as m0004 from './migrations/0004_member_search.js';
import * as m0005 from './migrations/0005_auth_hardening.js';
import * as m0006 from './migrations/0006_account_name_search.js';
import * as m0007 from './migrations/0007_member_name_words.js';
import * as m0008 from './migrations/0008_admission.js';
import * as m0009 from './migrations/0009_member_level2_name.js';
import * as m0010 from './migrations/0010_import.js';
import * as m0011 from './migrations/0011_recognition.js';
import * as m0012 from './migrations/0012_admission_target.js';
import * as m0013 from './migrations/0013_due_item.js';
import * as m0014 from './migrations/0014_member_name_birth.js';
import * as m0015 from './migrations/0015_member_name_token.js';
import * as m0016 from './migrations/0016_badge.js';
import * as m0017 from './migrations/0017_transfer.js';
import * as m0018 from './migrations/0018_exit.js';
import * as m0019 from './migrations/0019_case_attachment.js';
import * as m0020 from './migrations/0020_records.js';
import * as m0021 from './migrations/0021_import_kind.js';
import * as m0022 from './migrations/0022_import_staging.js';
import * as m0023 from './migrations/0023_due_badge_speed.js';
import * as m0024 from './migrations/0024_member_dossier.js';
import * as m0025 from './migrations/0025_transfer_slip_liaison.js';
import * as m0026 from './migrations/0026_party_card_cancelled.js';
import * as m0027 from './migrations/0027_member_update_triggers.js';
import * as m0028 from './migrations/0028_admission_checks.js';
import * as m0029 from './migrations/0029_import_file_parts.js';
import * as m0030 from './migrations/0030_import_row_no_fk.js';
import * as m0031 from './migrations/0031_member_name_token_sorted.js';

// Numbered, forward-only. Listed here (not read from disk) so the built package carries them.
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_org_code_prefix': m0002,
  '0003_access': m0003,
  '0004_member_search': m0004,
  '0005_auth_hardening': m0005,
  '0006_account_name_search': m0006,
  '0007_member_name_words': m0007,
  '0008_admission': m0008,
  '0009_member_level2_name': m0009,
  '0010_import': m0010,
  '0011_recognition': m0011,
  '0012_admission_target': m0012,
  '0013_due_item': m0013,
  '0014_member_name_birth': m0014,
  '0015_member_name_token': m0015,
  '0016_badge': m0016,
  '0017_transfer': m0017,
  '0018_exit': m0018,
  '0019_case_attachment': m0019,
  '0020_records': m0020,
  '0021_import_kind': m0021,
  '0022_import_staging': m0022,
  '0023_due_badge_speed': m0023,
  '0024_member_dossier': m0024,
  '0025_transfer_slip_liaison': m0025,
  '0026_party_card_cancelled': m0026,
  '0027_member_update_triggers': m0027,
  '0028_admission_checks': m0028,
  '0029_import_file_parts': m0029,
  '0030_import_row_no_fk': m0030,
  '0031_member_name_token_sorted': m0031,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, upTo?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock' });
  // `upTo` (a migration's name) stops there: tests of a later migration start from the schema before it.
  const { error, results } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
