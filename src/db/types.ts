import type { Role } from '../domain/permissions.js';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Dates are carried as 'YYYY-MM-DD' strings on both engines (see connect.ts type parsers).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** normalizeName(display_name): the search key (migration 0006). */
  display_name_norm: string;
  password_hash: string;
  status: Generated<'active' | 'locked' | 'disabled'>;
  must_change_password: Generated<boolean>;
  member_id: number | null;
  org_id: number | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted (replay guard). */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  password_changed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  org_id: number | null;
  valid_from: string;
  valid_to: string | null;
  granted_by: number | null;
  granted_at: Timestamp;
  revoked_by: number | null;
  revoked_at: Timestamp | null;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: Timestamp | null;
}

export type SessionStage = 'password' | 'totp_setup' | 'full';

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface AppSessionTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  stage: Generated<SessionStage>;
}

export interface OrgTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_norm: string;
  org_type: string;
  org_kind: string | null;
  parent_id: number | null;
  path: string;
  level: number;
  founded_on: string;
  founding_decision: string | null;
  dissolved_on: string | null;
  dissolution_decision: string | null;
  merged_into_id: number | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgVersionTable {
  org_id: number;
  valid_from: string;
  valid_to: string | null;
  name: string;
  org_type: string;
  org_kind: string | null;
  parent_id: number | null;
  path: string;
  level: number;
}

export interface OrgEventTable {
  id: Generated<number>;
  org_id: number;
  kind: 'founded' | 'renamed' | 'moved' | 'merged_into' | 'absorbed' | 'dissolved' | 'changed';
  effective_date: string;
  decision_no: string | null;
  details: Json;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MemberTable {
  id: Generated<number>;
  full_name: string;
  name_norm: string;
  name_sort: string;
  other_names: string | null;
  sex: 'male' | 'female';
  birth_date: string;
  birthplace: string | null;
  hometown: string | null;
  residence: string | null;
  ethnicity: string;
  religion: string;
  citizen_id: string | null;
  party_card_no: string | null;
  admission_date: string | null;
  official_date: string | null;
  youth_union_date: string | null;
  general_education: string | null;
  professional_level: string | null;
  theory_level: string;
  occupation: string | null;
  positions: string | null;
  phone: string | null;
  status: string;
  status_since: string;
  org_id: number;
  org_path: string;
  is_demo: Generated<boolean>;
  deleted_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberStatusPeriodTable {
  member_id: number;
  valid_from: string;
  valid_to: string | null;
  status: string;
  decision_no: string | null;
  /** Why this status began, where a rule names a reason (R-REC-06; e.g. `not_recognized`, R-PROB-09). */
  reason: Generated<string | null>;
  /** R-AGE-04: this removal was annulled on appeal; the interval stays (R-REC-06) but is no gap in party age (migration 0018). */
  annulled_as_wrongful: Generated<boolean>;
}

export interface MemberPlacementTable {
  member_id: number;
  valid_from: string;
  valid_to: string | null;
  org_id: number;
}

export interface MemberPhotoTable {
  member_id: number;
  content_type: string;
  data: Uint8Array;
  updated_at: Timestamp;
}

/** A scanned file on an admission, recognition or transfer case, optionally on one of its steps (migration 0019). */
export interface CaseAttachmentTable {
  id: Generated<number>;
  case_kind: 'admission' | 'recognition' | 'transfer';
  case_id: number;
  step_id: number | null;
  file_name: string;
  content_type: string;
  bytes: number;
  data: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
  /** R-ADM-33 / R-PROB-07: which dossier document the scan is (0028). */
  document_kind: string | null;
}

export interface OrgRollupTable {
  org_id: number;
  dim: string;
  val: string;
  n: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_path: string | null;
  before: Json | null;
  after: Json | null;
}

/** Every word of every member's name (migration 0007): what a typed prefix can expand to. */
export interface MemberNameWordTable {
  word: string;
}

/** One word of one live member's name, in name order per second-level org (migration 0015). */
export interface MemberNameTokenTable {
  word: string;
  level2_id: number;
  name_sort: string;
  member_id: number;
  status: string;
  /** The name's words with ' ' before each when name_sort's are not exactly them; else null. */
  name_words: string | null;
}

/** A person in a cell's register of "quần chúng ưu tú" (glossary: candidate), not yet a member. */
export interface CandidateTable {
  id: Generated<number>;
  full_name: string;
  name_norm: string;
  name_sort: string;
  sex: 'male' | 'female';
  birth_date: string;
  citizen_id: string;
  org_id: number;
  org_path: string;
  youth_union_member: boolean;
  course_certificate_date: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The admission case (src/domain/admission/admission-case.ts): the current facts of each step. */
export interface AdmissionCaseTable {
  id: Generated<number>;
  candidate_id: number;
  citizen_id: string;
  org_id: number;
  org_path: string;
  needs_grassroots_resolution: boolean;
  state: string;
  opened_on: string;
  closed_on: string | null;
  course_certificate_date: string | null;
  sponsors_date: string | null;
  background_requested_on: string | null;
  background_abroad: boolean | null;
  background_replied_on: string | null;
  comments_on: string | null;
  cell_resolution_date: string | null;
  cell_resolution_no: string | null;
  cell_votes_members: number | null;
  cell_votes_in_favour: number | null;
  cell_votes_against: number | null;
  grassroots_resolution_date: string | null;
  grassroots_resolution_no: string | null;
  grassroots_votes_members: number | null;
  grassroots_votes_in_favour: number | null;
  grassroots_votes_against: number | null;
  decision_date: string | null;
  decision_no: string | null;
  deciding_authority: string | null;
  decision_votes_members: number | null;
  decision_votes_in_favour: number | null;
  decision_votes_against: number | null;
  ceremony_date: string | null;
  member_forms_date: string | null;
  member_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One recorded step of an admission case: append-only history. */
export interface AdmissionStepTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  step_date: string;
  recorded_by: number | null;
  recorded_at: Timestamp;
  decision_no: string | null;
  outcome: string;
  votes_members: number | null;
  votes_in_favour: number | null;
  votes_against: number | null;
  notes: string | null;
  details: Json;
}

export type ImportJobStatus = 'parsed' | 'dry_run_done' | 'committing' | 'committed' | 'failed' | 'cancelled';
export type DuplicatePolicy = 'skip' | 'update' | 'stop';
/** What an import job reads (migration 0021): member lists, org trees, yearly admission targets. */
export type ImportKind = 'members' | 'orgs' | 'targets';

/** A saved column mapping (migration 0010): header key → field, or null to ignore the column. */
export interface ImportTemplateTable {
  id: Generated<number>;
  name: string;
  /** Migration 0021: a template maps the columns of one kind of file. */
  kind: Generated<ImportKind>;
  org_id: number;
  org_path: string;
  mapping: Json;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One uploaded file from upload to commit (migration 0010). */
export interface ImportJobTable {
  id: Generated<number>;
  kind: Generated<ImportKind>;
  created_by: number | null;
  org_id: number;
  org_path: string;
  file_name: string;
  sha256: string;
  file_bytes: number;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  status: ImportJobStatus;
  on_duplicate: DuplicatePolicy;
  template_id: number | null;
  mapping: Json | null;
  counts: Json;
  problems: Json;
  problem_count: Generated<number>;
  progress: Generated<number>;
  failure: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  committed_at: Timestamp | null;
}

export interface ImportFileTable {
  job_id: number;
  /** 0, 1, …: the file is the parts in order (migration 0029). */
  part: number;
  data: Uint8Array;
}

/**
 * A valid row of a dry run as the commit will write it (migration 0022): a new record's stored
 * columns, or the record it matched (id and version read) and, for an update, the patch.
 */
export interface ImportRowTable {
  job_id: number;
  row: number;
  kind: 'new' | 'update' | 'unchanged';
  member_id: number | null;
  member_version: number | null;
  patch: Json | null;
  full_name: string | null;
  name_norm: string | null;
  name_sort: string | null;
  other_names: string | null;
  sex: string | null;
  birth_date: string | null;
  birthplace: string | null;
  hometown: string | null;
  residence: string | null;
  ethnicity: string | null;
  religion: string | null;
  citizen_id: string | null;
  party_card_no: string | null;
  admission_date: string | null;
  official_date: string | null;
  youth_union_date: string | null;
  general_education: string | null;
  professional_level: string | null;
  theory_level: string | null;
  occupation: string | null;
  positions: string | null;
  phone: string | null;
  status: string | null;
  status_since: string | null;
  org_id: number | null;
}

export interface DueItemTable {
  id: Generated<number>;
  case_kind: string;
  case_id: number;
  step: string;
  rule_id: string;
  due_on: string;
  due_with_extension: string | null;
  org_id: number;
  subject_name: string;
  member_id: number | null;
  computed_on: string;
}

export interface JobRunTable {
  name: string;
  last_run_on: string;
  finished_at: Timestamp;
  details: Json;
}

/** The recognition case (src/domain/probation/recognition-case.ts): the current facts of each step. */
export interface RecognitionCaseTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  org_path: string;
  needs_grassroots_resolution: boolean;
  state: string;
  opened_on: string;
  closed_on: string | null;
  ceremony_date: string;
  self_review_date: string | null;
  cell_resolution_date: string | null;
  cell_resolution_no: string | null;
  cell_proposal: 'recognize' | 'remove' | null;
  cell_votes_members: number | null;
  cell_votes_in_favour: number | null;
  cell_votes_against: number | null;
  cell_inconclusive_votes: Generated<number>;
  grassroots_resolution_date: string | null;
  grassroots_resolution_no: string | null;
  grassroots_votes_members: number | null;
  grassroots_votes_in_favour: number | null;
  grassroots_votes_against: number | null;
  grassroots_inconclusive_votes: Generated<number>;
  decision_date: string | null;
  decision_no: string | null;
  deciding_authority: string | null;
  decision_result: 'recognized' | 'removed' | null;
  decision_votes_members: number | null;
  decision_votes_in_favour: number | null;
  decision_votes_against: number | null;
  official_date: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One recorded step of a recognition case: append-only history. */
export interface RecognitionStepTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  step_date: string;
  recorded_by: number | null;
  recorded_at: Timestamp;
  decision_no: string | null;
  outcome: string;
  votes_members: number | null;
  votes_in_favour: number | null;
  votes_against: number | null;
  notes: string | null;
  details: Json;
}

/** A yearly admission target of an org (migration 0012; glossary: target). */
export interface AdmissionTargetTable {
  org_id: number;
  year: number;
  target: number;
  note: string | null;
  set_by: number | null;
  set_at: Timestamp;
  version: Generated<number>;
}

/** The transfer case (src/domain/transfer/transfer-case.ts): the current facts of each step. */
export interface TransferCaseTable {
  id: Generated<number>;
  member_id: number;
  kind: 'permanent' | 'temporary';
  temporary_basis: 'stay' | 'study' | null;
  reason: string;
  cause_date: string;
  end_date: string | null;
  source_org_id: number;
  source_path: string;
  destination: 'inside' | 'outside' | 'abroad';
  destination_org_id: number | null;
  destination_path: string | null;
  destination_text: string | null;
  same_superior: boolean;
  grassroots_under_province: boolean;
  state: string;
  opened_on: string;
  closed_on: string | null;
  self_review_date: string | null;
  dues_date: string | null;
  dues_paid_through: string | null;
  letter_date: string | null;
  letter_no: string | null;
  letter_type: string | null;
  letter_issuer: string | null;
  received_on: string | null;
  completed_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The removal case (xóa tên, src/domain/exit/removal-case.ts; migration 0018): the current facts of each step. */
export interface RemovalCaseTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  org_path: string;
  needs_grassroots_resolution: boolean;
  state: string;
  opened_on: string;
  closed_on: string | null;
  /** The grounds (REMOVAL_GROUNDS codes), as a JSON array. */
  grounds: Json;
  grounds_note: string | null;
  /** The member's status when the case opened: what an upheld appeal restores. */
  member_status_before: string;
  self_review_requests: Generated<number>;
  self_review_refusals: Generated<number>;
  self_review_date: string | null;
  cell_resolution_date: string | null;
  cell_resolution_no: string | null;
  cell_votes_members: number | null;
  cell_votes_in_favour: number | null;
  cell_votes_against: number | null;
  grassroots_resolution_date: string | null;
  grassroots_resolution_no: string | null;
  grassroots_votes_members: number | null;
  grassroots_votes_in_favour: number | null;
  grassroots_votes_against: number | null;
  decision_date: string | null;
  decision_no: string | null;
  deciding_authority: string | null;
  decision_votes_members: number | null;
  decision_votes_in_favour: number | null;
  decision_votes_against: number | null;
  notified_on: string | null;
  appeal_date: string | null;
  appeal_level: 'provincial' | 'central' | null;
  appeal_resolution_date: string | null;
  appeal_resolution_no: string | null;
  appeal_result: 'upheld' | 'rejected' | null;
  /** R-AGE-04: the gap whose dues the restored member owes, [from, to). */
  dues_owed_from: string | null;
  dues_owed_to: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One recorded step of a transfer case: append-only history, the shape of every case's steps. */
export type TransferStepTable = RecognitionStepTable;

/** R-TRF-04 until the inspection module: a matter staff flagged on a member (migration 0017). */
export interface MemberTransferBlockTable {
  id: Generated<number>;
  member_id: number;
  kind: 'inspection' | 'complaint';
  since: string;
  reason: string;
  set_by: number | null;
  set_at: Timestamp;
  cleared_on: string | null;
  cleared_by: number | null;
  cleared_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  clear_reason: string | null;
}

/** What staff record about a member for the badge (migration 0016; R-BADGE-03, 05). */
export interface BadgeConsiderationTable {
  member_id: number;
  seriously_ill: Generated<boolean>;
  discipline_form: string | null;
  discipline_decision_date: string | null;
  discipline_decision_no: string | null;
  improvement_recognised_on: string | null;
  note: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** The last badge number issued per province and class (R-BADGE-08). */
export interface BadgeSequenceTable {
  province_org_id: number;
  badge_class: number;
  last_no: number;
}

/** The badge register (R-BADGE-04, 08, 10). */
export interface BadgeAwardTable {
  id: Generated<number>;
  member_id: number;
  badge_class: number;
  ceremony_date: string;
  reached_on: string;
  decision_no: string;
  decision_date: string;
  province_org_id: number;
  serial: string;
  status: Generated<string>;
  early: Generated<boolean>;
  posthumous: Generated<boolean>;
  returned_on: string | null;
  return_reason: string | null;
  reissued_on: string | null;
  reissue_reason: string | null;
  org_id: number;
  org_path: string;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A block of record numbers a province gave a direct superior (migration 0020; R-REC-09). */
export interface RecordNoBlockTable {
  id: Generated<number>;
  province_org_id: number;
  holder_org_id: number;
  code: string;
  first_no: number;
  last_no: number;
  next_no: number;
  decision_no: string | null;
  granted_on: string;
  created_by: number | null;
  created_at: Timestamp;
}

/** The record number (số lý lịch) a member received (R-REC-09). */
export interface MemberRecordNoTable {
  member_id: number;
  record_no: string;
  block_id: number;
  form_filed_on: string;
  assigned_on: string;
  created_by: number | null;
  created_at: Timestamp;
}

/** The 2 transfer slips (phiếu báo) of an official transfer letter, as one record per case (R-TRF-09). */
export interface TransferSlipTable {
  id: Generated<number>;
  case_id: number;
  slip_no: string;
  issued_on: string;
  sent_to: string;
  copy_to: string | null;
  returned_on: string | null;
  return_note: string | null;
  issued_by: number | null;
  returned_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A referral of an employed member to the chi bộ where they live (R-TRF-16). */
export interface ResidenceLiaisonTable {
  id: Generated<number>;
  member_id: number;
  residence_org_id: number | null;
  residence_name: string;
  referred_on: string;
  letter_no: string | null;
  ended_on: string | null;
  end_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** The residence cấp ủy's comment on a referred member for one year (R-TRF-16). */
export interface LiaisonCommentTable {
  id: Generated<number>;
  liaison_id: number;
  year: number;
  rating: 'good' | 'fair' | 'poor';
  comment: string;
  commented_on: string;
  created_by: number | null;
  created_at: Timestamp;
}

/** A party card from its request to its end (R-REC-01/02/04/05). */
export interface PartyCardTable {
  id: Generated<number>;
  member_id: number;
  reason: string;
  requested_on: string;
  request_month: string;
  status: Generated<string>;
  card_no: string | null;
  model: string | null;
  decision_no: string | null;
  decision_date: string | null;
  decided_by_org_id: number | null;
  handed_over_on: string | null;
  closed_on: string | null;
  close_note: string | null;
  last_checked_on: string | null;
  replaces_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A row of the dossier handover and loan register (R-REC-11); a loan carries its return. */
export interface DossierMovementTable {
  id: Generated<number>;
  member_id: number;
  holder_org_id: number;
  kind: string;
  reason: string | null;
  moved_on: string;
  counterpart: string | null;
  purpose: string | null;
  due_back: string | null;
  returned_on: string | null;
  document_no: string | null;
  created_by: number | null;
  created_at: Timestamp;
  returned_by: number | null;
  returned_at: Timestamp | null;
}

/** A reconciliation of an org's dossiers with its member list (R-REC-08). */
export interface DossierReconciliationTable {
  id: Generated<number>;
  org_id: number;
  reconciled_on: string;
  without_dossier: number;
  not_on_list: number;
  created_by: number | null;
  created_at: Timestamp;
}

/** A phiếu bổ sung hồ sơ: the changed fields of a member's record, on its way up (R-REC-07). */
export interface RecordUpdateTable {
  id: Generated<number>;
  member_id: number;
  year: number;
  occasion: string;
  changes: ColumnType<Record<string, { before: unknown; after: unknown }>, string, string>;
  stage: string;
  submitted_on: string;
  return_reason: string | null;
  decided_on: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** One recorded step of a removal case: append-only history. */
export type RemovalStepTable = RecognitionStepTable;

/** An exemption from work and meetings (R-EXIT-10 … 12; migration 0018). */
export interface ExemptionTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  org_path: string;
  kind: string;
  other_reason: string | null;
  from_date: string;
  /** First day no longer exempt as decided (exclusive); null: open-ended. */
  to_date: string | null;
  decided_by: string;
  decision_date: string;
  decision_no: string | null;
  /** Document titles, as a JSON array of strings. */
  documents: Json;
  notes: string | null;
  /** The day the member was official again (the exemption ended). */
  ended_on: string | null;
  end_decision_no: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  app_user: AppUserTable;
  app_session: AppSessionTable;
  org: OrgTable;
  org_version: OrgVersionTable;
  org_event: OrgEventTable;
  member: MemberTable;
  member_status_period: MemberStatusPeriodTable;
  member_placement: MemberPlacementTable;
  member_photo: MemberPhotoTable;
  member_name_word: MemberNameWordTable;
  member_name_token: MemberNameTokenTable;
  member_name_token_source: MemberNameTokenTable;
  org_rollup: OrgRollupTable;
  audit_log: AuditLogTable;
  role_assignment: RoleAssignmentTable;
  recovery_code: RecoveryCodeTable;
  login_throttle: LoginThrottleTable;
  candidate: CandidateTable;
  case_attachment: CaseAttachmentTable;
  admission_case: AdmissionCaseTable;
  admission_step: AdmissionStepTable;
  import_template: ImportTemplateTable;
  import_job: ImportJobTable;
  import_file: ImportFileTable;
  import_row: ImportRowTable;
  due_item: DueItemTable;
  job_run: JobRunTable;
  recognition_case: RecognitionCaseTable;
  recognition_step: RecognitionStepTable;
  admission_target: AdmissionTargetTable;
  transfer_case: TransferCaseTable;
  transfer_step: TransferStepTable;
  member_transfer_block: MemberTransferBlockTable;
  badge_consideration: BadgeConsiderationTable;
  badge_sequence: BadgeSequenceTable;
  badge_award: BadgeAwardTable;
  removal_case: RemovalCaseTable;
  removal_step: RemovalStepTable;
  exemption: ExemptionTable;
  record_no_block: RecordNoBlockTable;
  member_record_no: MemberRecordNoTable;
  party_card: PartyCardTable;
  record_update: RecordUpdateTable;
  transfer_slip: TransferSlipTable;
  residence_liaison: ResidenceLiaisonTable;
  liaison_comment: LiaisonCommentTable;
  dossier_movement: DossierMovementTable;
  dossier_reconciliation: DossierReconciliationTable;
}

export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type MemberRow = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type MemberUpdate = Updateable<MemberTable>;
export type CandidateRow = Selectable<CandidateTable>;
export type AdmissionCaseRow = Selectable<AdmissionCaseTable>;
export type AdmissionCaseUpdate = Updateable<AdmissionCaseTable>;
export type AdmissionStepRow = Selectable<AdmissionStepTable>;
export type ImportJobRow = Selectable<ImportJobTable>;
export type RecognitionCaseRow = Selectable<RecognitionCaseTable>;
export type RecognitionCaseUpdate = Updateable<RecognitionCaseTable>;
export type RecognitionStepRow = Selectable<RecognitionStepTable>;
export type RemovalCaseRow = Selectable<RemovalCaseTable>;
export type RemovalCaseUpdate = Updateable<RemovalCaseTable>;
export type RemovalStepRow = Selectable<RemovalStepTable>;
export type ExemptionRow = Selectable<ExemptionTable>;
export type AdmissionTargetRow = Selectable<AdmissionTargetTable>;
export type TransferCaseRow = Selectable<TransferCaseTable>;
export type TransferCaseUpdate = Updateable<TransferCaseTable>;
export type TransferStepRow = Selectable<TransferStepTable>;
export type MemberTransferBlockRow = Selectable<MemberTransferBlockTable>;
export type BadgeAwardRow = Selectable<BadgeAwardTable>;
export type BadgeConsiderationRow = Selectable<BadgeConsiderationTable>;
export type RecordNoBlockRow = Selectable<RecordNoBlockTable>;
export type PartyCardRow = Selectable<PartyCardTable>;
export type RecordUpdateRow = Selectable<RecordUpdateTable>;
export type TransferSlipRow = Selectable<TransferSlipTable>;
export type ResidenceLiaisonRow = Selectable<ResidenceLiaisonTable>;
export type LiaisonCommentRow = Selectable<LiaisonCommentTable>;
export type DossierMovementRow = Selectable<DossierMovementTable>;
