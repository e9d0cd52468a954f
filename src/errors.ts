import { messages, refusals, type MessageKey, type RefusalReason } from './i18n/vi.js';

// One error type for the whole app: a stable code (also the i18n key), an HTTP status, and
// parameters for the Vietnamese message. Routes never build error bodies themselves.
export const errorStatus = {
  VALIDATION: 400,
  INVALID_CITIZEN_ID: 400,
  INVALID_DATE: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  WEAK_PASSWORD: 400,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  SECOND_FACTOR_REQUIRED: 403,
  NOT_FOUND: 404,
  ORG_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  NO_OWN_RECORD: 404,
  PARENT_NOT_FOUND: 404,
  DUPLICATE_ORG_CODE: 409,
  DUPLICATE_CITIZEN_ID: 409,
  DUPLICATE_PARTY_CARD: 409,
  STALE_VERSION: 409,
  ORG_CYCLE: 400,
  ORG_DISSOLVED: 409,
  ORG_HAS_ACTIVE_MEMBERS: 409,
  ORG_HAS_ACTIVE_CHILDREN: 409,
  ORG_TYPE_NOT_ALLOWED: 400,
  EFFECTIVE_DATE_TOO_EARLY: 400,
  EFFECTIVE_DATE_IN_FUTURE: 400,
  MERGE_INTO_SELF: 400,
  STATUS_TRANSITION_NOT_ALLOWED: 409,
  AS_OF_IN_FUTURE: 400,
  DATA_DIR_LOCKED: 503,
  INTERNAL: 500,
  ORG_SAME_PARENT: 400,
  MERGE_TARGET_HOLDS_NO_MEMBERS: 400,
  INVALID_PARTY_CARD: 400,
  INVALID_BIRTH_DATE: 400,
  DATE_IN_FUTURE: 400,
  DATE_ORDER: 400,
  INVALID_GENERAL_EDUCATION: 400,
  ORG_HOLDS_NO_MEMBERS: 400,
  MEMBER_NOT_ON_ROLLS: 409,
  PLACEMENT_UNCHANGED: 400,
  SEARCH_TOO_SHORT: 400,
  INVALID_CURSOR: 400,
  PHOTO_TOO_LARGE: 413,
  UNSUPPORTED_PHOTO_TYPE: 415,
  INVALID_PHOTO: 400,
  PHOTO_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  DUPLICATE_USERNAME: 409,
  MEMBER_ALREADY_LINKED: 409,
  MEMBER_LINKED_ELSEWHERE: 409,
  ROLE_ASSIGNMENT_NOT_FOUND: 404,
  ROLE_ASSIGNMENT_REVOKED: 409,
  ROLE_ALREADY_ASSIGNED: 409,
  GRANT_OUTLIVES_GRANTER: 400,
  LOGIN_THROTTLED: 429,
  BAD_TOTP_CODE: 401,
  TOTP_ALREADY_ENABLED: 409,
  TOTP_NOT_SET_UP: 409,
  TOTP_NOT_ENABLED: 409,
  TOTP_SECRET_UNREADABLE: 409,
  SECOND_FACTOR_NOT_PENDING: 409,
  TOTP_REQUIRED_FOR_ROLE: 403,
  MALFORMED_BODY: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_TEXT: 400,
  CANDIDATE_NOT_FOUND: 404,
  ADMISSION_CASE_NOT_FOUND: 404,
  DUPLICATE_CANDIDATE: 409,
  CANDIDATE_IS_MEMBER: 409,
  ADMISSION_CASE_OPEN: 409,
  ADMISSION_STEP_NOT_ALLOWED: 409,
  ADMISSION_CASE_CLOSED: 409,
  STEP_DATE_BEFORE_PREVIOUS: 400,
  VOTE_IMPOSSIBLE: 400,
  COURSE_CERTIFICATE_MISSING: 400,
  COURSE_CERTIFICATE_EXPIRED: 400,
  COURSE_CERTIFICATE_AFTER_RESOLUTION: 400,
  CANDIDATE_UNDER_18: 400,
  CANDIDATE_OVER_60: 400,
  ADMISSION_DOSSIER_EXPIRED: 400,
  SPONSORS_INSUFFICIENT: 400,
  SPONSOR_NOT_ELIGIBLE: 400,
  CEREMONY_LATE_WITHOUT_CONSENT: 400,
  IMPORT_JOB_NOT_FOUND: 404,
  IMPORT_TEMPLATE_NOT_FOUND: 404,
  IMPORT_UNSUPPORTED_FILE: 415,
  IMPORT_FILE_EMPTY: 400,
  IMPORT_NO_HEADER: 400,
  IMPORT_BAD_VALUE: 400,
  IMPORT_ORG_UNKNOWN: 400,
  IMPORT_ORG_AMBIGUOUS: 400,
  IMPORT_DUPLICATE_IN_FILE: 400,
  IMPORT_POSSIBLE_DUPLICATE: 409,
  IMPORT_KEYS_CONFLICT: 409,
  IMPORT_STATE: 409,
  IMPORT_HAS_ERRORS: 409,
  IMPORT_FIELD_TWICE: 400,
  IMPORT_DUPLICATES_STOP: 409,
  RECOGNITION_CASE_NOT_FOUND: 404,
  RECOGNITION_CASE_OPEN: 409,
  MEMBER_NOT_PROBATIONARY: 409,
  RECOGNITION_STEP_NOT_ALLOWED: 409,
  RECOGNITION_CASE_CLOSED: 409,
  SELF_REVIEW_BEFORE_PROBATION_END: 400,
  RECOGNITION_DECISION_NOT_PROPOSED: 400,
  DUPLICATE_TARGET_ROW: 400,
  TRANSFER_CASE_NOT_FOUND: 404,
  TRANSFER_CASE_OPEN: 409,
  TRANSFER_STEP_NOT_ALLOWED: 409,
  TRANSFER_CASE_CLOSED: 409,
  TRANSFER_OTHER_SIDE: 403,
  TRANSFER_BLOCKED: 409,
  TRANSFER_DUES_NOT_PAID: 400,
  TRANSFER_DOSSIER_UNCONFIRMED: 400,
  TRANSFER_TEMPORARY_SPAN: 400,
  TRANSFER_FIELD_REQUIRED: 400,
  TRANSFER_SAME_ORG: 400,
  TRANSFER_MEMBER_MOVED: 409,
  TRANSFER_BLOCK_OPEN: 409,
  TRANSFER_BLOCK_NOT_FOUND: 404,
  REMOVAL_CASE_NOT_FOUND: 404,
  REMOVAL_CASE_OPEN: 409,
  REMOVAL_STEP_NOT_ALLOWED: 409,
  REMOVAL_CASE_CLOSED: 409,
  MEMBER_NOT_ON_ROLLS_FOR_EXIT: 409,
  APPEAL_BEFORE_DECISION: 409,
  APPEAL_AFTER_WINDOW: 400,
  APPEAL_NOT_BY_MEMBER: 400,
  APPEAL_WINDOW_OPEN: 400,
  WITHDRAWAL_WHILE_VIOLATING: 409,
  EXEMPTION_NOT_FOUND: 404,
  EXEMPTION_INVALID: 400,
  EXEMPTION_OPEN: 409,
  EXEMPTION_ENDED: 409,
  MEMBER_NOT_OFFICIAL: 409,
  RULE_NOT_IN_FORCE: 400,
} as const satisfies Record<MessageKey, number>;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetails {
  field?: string;
  row?: number;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: ErrorDetails | ErrorDetails[],
  ) {
    super(formatMessage(code, params));
    this.name = 'AppError';
    this.status = errorStatus[code];
  }

  /** The message's parameters travel with it, so a client can word the same error in English. */
  toBody() {
    const params = Object.keys(this.params).length > 0 ? { params: this.params } : {};
    return { error: { code: this.code, message: this.message, details: this.details ?? null, ...params } };
  }
}

/**
 * A 403 that says why (FORBIDDEN, with the reason in the message and in details.reason), for
 * refusals the caller can act on: ask someone else, pick another org, another role.
 */
export class Refusal extends AppError {
  constructor(
    readonly reason: RefusalReason,
    params: Record<string, string | number> = {},
  ) {
    super('FORBIDDEN', params, { reason });
    this.message = fill(refusals[reason], params);
  }
}

export function formatMessage(code: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(messages[code], params);
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
