import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// All SQL of scanned attachments on cases. An attachment has no path of its own: every read joins
// its case and filters the case's path (both ends of a transfer) by the caller's scope, so an
// out-of-scope case or attachment looks missing.

type Db = Kysely<DB> | Transaction<DB>;

export type CaseKind = 'admission' | 'recognition' | 'transfer';

/** The case's path (the sending end for a transfer) when the case is in scope; undefined otherwise. */
export async function caseInScope(db: Db, scope: Scope, kind: CaseKind, caseId: number): Promise<{ path: string } | undefined> {
  switch (kind) {
    case 'admission':
      return db.selectFrom('admission_case').select('org_path as path').where('id', '=', caseId).where(inScope(scope, 'org_path')).executeTakeFirst();
    case 'recognition':
      return db.selectFrom('recognition_case').select('org_path as path').where('id', '=', caseId).where(inScope(scope, 'org_path')).executeTakeFirst();
    case 'transfer':
      return db
        .selectFrom('transfer_case')
        .select('source_path as path')
        .where('id', '=', caseId)
        .where(sql<SqlBool>`(${inScope(scope, 'source_path')} or coalesce(${inScope(scope, 'destination_path')}, false))`)
        .executeTakeFirst();
  }
}

/** Whether the step was recorded on that case (the case already checked in scope). */
export async function stepOfCase(db: Db, kind: CaseKind, caseId: number, stepId: number): Promise<boolean> {
  const table = kind === 'admission' ? 'admission_step' : kind === 'recognition' ? 'recognition_step' : 'transfer_step';
  const row = await db.selectFrom(table).select('id').where('id', '=', stepId).where('case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

export interface NewAttachment {
  case_kind: CaseKind;
  case_id: number;
  step_id: number | null;
  file_name: string;
  content_type: string;
  bytes: number;
  data: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: Date;
  document_kind: string | null;
}

export function insertAttachment(db: Db, row: NewAttachment) {
  return db
    .insertInto('case_attachment')
    .values(row)
    .returning(['id', 'case_kind', 'case_id', 'step_id', 'file_name', 'content_type', 'bytes', 'uploaded_at', 'document_kind'])
    .executeTakeFirstOrThrow();
}

/** SQL predicate on case_attachment: its case (of the row's kind) is in the caller's scope. */
function attachmentCaseInScope(scope: Scope, kind: CaseKind) {
  switch (kind) {
    case 'admission':
      return sql<SqlBool>`exists (select 1 from admission_case c where c.id = case_attachment.case_id and ${inScope(scope, 'c.org_path')})`;
    case 'recognition':
      return sql<SqlBool>`exists (select 1 from recognition_case c where c.id = case_attachment.case_id and ${inScope(scope, 'c.org_path')})`;
    case 'transfer':
      return sql<SqlBool>`exists (select 1 from transfer_case c where c.id = case_attachment.case_id and (${inScope(scope, 'c.source_path')} or coalesce(${inScope(scope, 'c.destination_path')}, false)))`;
  }
}

/** The attachments of a case in scope (without their bytes), oldest first. */
export function listAttachments(db: Db, scope: Scope, kind: CaseKind, caseId: number) {
  return db
    .selectFrom('case_attachment')
    .select(['id', 'case_kind', 'case_id', 'step_id', 'file_name', 'content_type', 'bytes', 'uploaded_at', 'document_kind'])
    .where('case_kind', '=', kind)
    .where('case_id', '=', caseId)
    .where(attachmentCaseInScope(scope, kind))
    .orderBy('id')
    .execute();
}

/** One attachment with its bytes, only when its case is in scope. */
export function findAttachment(db: Db, scope: Scope, kind: CaseKind, caseId: number, id: number) {
  return db
    .selectFrom('case_attachment')
    .select(['id', 'file_name', 'content_type', 'data'])
    .where('id', '=', id)
    .where('case_kind', '=', kind)
    .where('case_id', '=', caseId)
    .where(attachmentCaseInScope(scope, kind))
    .executeTakeFirst();
}
