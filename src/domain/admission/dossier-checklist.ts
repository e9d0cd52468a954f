// The documents of the admission dossier (R-ADM-33) and of the recognition dossier (R-PROB-07),
// each with the case step that produces it and the attachment tag that holds its scan. A document
// is there when its step is recorded or a scan tagged with its kind is attached; one with no step
// (the application, the helper's assessment …) is there only by its scan.

export const ADMISSION_DOCUMENT_KINDS = [
  'course_certificate',
  'application',
  'background_profile',
  'sponsor_letter',
  'union_resolution',
  'comment_summary',
  'cell_resolution',
  'branch_committee_report',
  'grassroots_resolution',
  'decision',
  'member_forms',
] as const;
export type AdmissionDocumentKind = (typeof ADMISSION_DOCUMENT_KINDS)[number];

export const RECOGNITION_DOCUMENT_KINDS = [
  'new_member_course_certificate',
  'self_review',
  'helper_assessment',
  'recognition_comments',
  'recognition_cell_resolution',
  'recognition_grassroots_resolution',
  'recognition_decision',
] as const;
export type RecognitionDocumentKind = (typeof RECOGNITION_DOCUMENT_KINDS)[number];

export const DOCUMENT_KINDS = [...ADMISSION_DOCUMENT_KINDS, ...RECOGNITION_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface ChecklistItem {
  readonly document: DocumentKind;
  /** The form number of the BTCTW template set as Hà Nội uses it. */
  readonly form: string;
  /** The case step that produces the document, or null when only a scan shows it. */
  readonly step: string | null;
  readonly required: boolean;
  readonly stepRecorded: boolean;
  readonly attachmentIds: readonly number[];
  readonly present: boolean;
}

interface Spec {
  readonly document: DocumentKind;
  readonly form: string;
  readonly step: string | null;
  readonly required: boolean;
}

export interface ChecklistFacts {
  /** The step kinds recorded on the case (a failed vote counts: its paper exists). */
  readonly recordedSteps: readonly string[];
  readonly attachments: readonly { readonly id: number; readonly document: string | null }[];
}

function build(specs: readonly Spec[], f: ChecklistFacts): ChecklistItem[] {
  return specs.map((s) => {
    const attachmentIds = f.attachments.filter((a) => a.document === s.document).map((a) => a.id);
    const stepRecorded = s.step !== null && f.recordedSteps.includes(s.step);
    return { ...s, stepRecorded, attachmentIds, present: stepRecorded || attachmentIds.length > 0 };
  });
}

/**
 * R-ADM-33. `unionResolution`: a Đoàn or Công đoàn resolution replaced an introducer (R-ADM-07);
 * `grassrootsResolution`: the cell sits under a đảng ủy cơ sở (R-ADM-17). The đảng ủy bộ phận
 * report exists only where there is one, which the case does not know: listed, not required.
 */
export function admissionChecklist(f: ChecklistFacts & { readonly unionResolution: boolean; readonly grassrootsResolution: boolean; readonly readmission?: boolean }): ChecklistItem[] {
  return build(
    [
      { document: 'course_certificate', form: 'Giấy chứng nhận bồi dưỡng nhận thức về Đảng', step: 'course_certificate', required: true },
      { document: 'application', form: f.readmission ? '1B-KNĐ' : '1A-KNĐ', step: null, required: true },
      { document: 'background_profile', form: '2-KNĐ', step: 'background_check_replied', required: true },
      { document: 'sponsor_letter', form: '3-KNĐ', step: 'sponsors', required: true },
      { document: 'union_resolution', form: '4B/4C/4D-KNĐ', step: f.unionResolution ? 'sponsors' : null, required: f.unionResolution },
      { document: 'comment_summary', form: '5D-KNĐ', step: 'comments', required: true },
      { document: 'cell_resolution', form: '6-KNĐ', step: 'cell_resolution', required: true },
      { document: 'branch_committee_report', form: '7-KNĐ', step: null, required: false },
      { document: 'grassroots_resolution', form: '8A/8B/8C-KNĐ', step: 'grassroots_resolution', required: f.grassrootsResolution },
      { document: 'decision', form: '9A/9B/9C-KNĐ', step: 'decision', required: true },
      { document: 'member_forms', form: '1-HSĐV, 2-HSĐV', step: 'member_forms', required: true },
    ],
    f,
  );
}

/** The documents a decision rests on: all of the dossier but the decision and what follows it. */
export function missingBeforeDecision(items: readonly ChecklistItem[]): DocumentKind[] {
  return items.filter((i) => i.required && !i.present && i.document !== 'decision' && i.document !== 'member_forms').map((i) => i.document);
}

/** R-PROB-07 (a)–(e). `grassrootsResolution`: as for admission (R-PROB-05 follows R-ADM-17). */
export function recognitionChecklist(f: ChecklistFacts & { readonly grassrootsResolution: boolean }): ChecklistItem[] {
  return build(
    [
      { document: 'new_member_course_certificate', form: 'Giấy chứng nhận bồi dưỡng đảng viên mới', step: null, required: true },
      { document: 'self_review', form: '10-KNĐ', step: 'self_review', required: true },
      { document: 'helper_assessment', form: '11-KNĐ', step: null, required: true },
      { document: 'recognition_comments', form: '12A/12B/12C-KNĐ', step: null, required: true },
      { document: 'recognition_cell_resolution', form: '13-KNĐ', step: 'cell_resolution', required: true },
      { document: 'recognition_grassroots_resolution', form: '14-KNĐ, 15A/15B/15C-KNĐ', step: 'grassroots_resolution', required: f.grassrootsResolution },
      { document: 'recognition_decision', form: '16/16B-KNĐ', step: 'decision', required: true },
    ],
    f,
  );
}
