import { sql, type Kysely } from 'kysely';

// The document a scanned attachment is (R-ADM-33, R-PROB-07), so the case's dossier checklist can
// show which paper it holds. Nullable: a scan uploaded without a kind, and every earlier one,
// stays a plain attachment. The list is the one of src/domain/admission/dossier-checklist.ts as of
// this migration; a later kind needs a later migration. The background-check subjects, comments
// and ballot method live in the step's `details` JSON, checked by the domain: no table for them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_attachment add column document_kind text check (document_kind in (
      'course_certificate', 'application', 'background_profile', 'sponsor_letter', 'union_resolution', 'comment_summary',
      'cell_resolution', 'branch_committee_report', 'grassroots_resolution', 'decision', 'member_forms',
      'new_member_course_certificate', 'self_review', 'helper_assessment', 'recognition_comments',
      'recognition_cell_resolution', 'recognition_grassroots_resolution', 'recognition_decision'
    ))`.execute(db);
}
