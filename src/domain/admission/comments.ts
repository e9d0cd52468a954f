// R-ADM-15: the chi ủy collects written comments from the political-social organizations the
// applicant belongs to and from the chi ủy or chi bộ where the applicant lives (Mẫu 5A, 5B), and
// summarises them (Mẫu 5D-KNĐ). The comments step completes only with all of them.

/** The political-social organizations an applicant may belong to, and the residence cell. */
export const COMMENT_SOURCES = ['residence', 'youth_union', 'trade_union', 'women_union', 'farmers_union', 'veterans_union'] as const;
export type CommentSource = (typeof COMMENT_SOURCES)[number];
export type MemberOrganization = Exclude<CommentSource, 'residence'>;

export interface AdmissionComment {
  readonly from: CommentSource;
  readonly date: string;
  readonly summary: string;
}

export type CommentsProblem =
  | { readonly problem: 'residence_comment_missing' }
  | { readonly problem: 'organization_comment_missing'; readonly organization: MemberOrganization }
  | { readonly problem: 'comment_after_step'; readonly index: number }
  | { readonly problem: 'comment_summary_missing' };

/**
 * `organizations`: those the applicant belongs to (a Đoàn member on the candidate register is one
 * of them whatever the step says). `summary`: the 5D summary text.
 */
export function commentsProblem(
  step: { readonly date: string; readonly organizations: readonly MemberOrganization[]; readonly comments: readonly AdmissionComment[]; readonly summary: string | null },
): CommentsProblem | null {
  for (const [index, c] of step.comments.entries()) if (c.date > step.date) return { problem: 'comment_after_step', index };
  if (!step.comments.some((c) => c.from === 'residence')) return { problem: 'residence_comment_missing' };
  for (const organization of step.organizations) {
    if (!step.comments.some((c) => c.from === organization)) return { problem: 'organization_comment_missing', organization };
  }
  if (step.summary === null || step.summary.trim() === '') return { problem: 'comment_summary_missing' };
  return null;
}
