import { describe, expect, it } from 'vitest';
import { admissionChecklist, missingBeforeDecision, recognitionChecklist } from './dossier-checklist.js';

describe('dossier checklists', () => {
  it('R-ADM-33: every document of the admission dossier, present by its step or by a tagged scan', () => {
    const items = admissionChecklist({
      recordedSteps: ['course_certificate', 'sponsors', 'background_check_requested', 'background_check_replied', 'comments', 'cell_resolution'],
      attachments: [{ id: 7, document: 'application' }, { id: 8, document: null }],
      unionResolution: false,
      grassrootsResolution: true,
    });
    expect(items.map((i) => i.document)).toEqual([
      'course_certificate', 'application', 'background_profile', 'sponsor_letter', 'union_resolution', 'comment_summary',
      'cell_resolution', 'branch_committee_report', 'grassroots_resolution', 'decision', 'member_forms',
    ]);
    expect(items.find((i) => i.document === 'application')).toMatchObject({ present: true, attachmentIds: [7], step: null, form: '1A-KNĐ' });
    expect(items.find((i) => i.document === 'union_resolution')).toMatchObject({ required: false, present: false });
    expect(missingBeforeDecision(items)).toEqual(['grassroots_resolution']);
  });

  it('R-ADM-33: without the application scan, a union resolution that replaced an introducer, a readmission\'s 1B form', () => {
    const items = admissionChecklist({ recordedSteps: ['sponsors'], attachments: [], unionResolution: true, grassrootsResolution: false, readmission: true });
    expect(items.find((i) => i.document === 'union_resolution')).toMatchObject({ required: true, present: true, step: 'sponsors' });
    expect(items.find((i) => i.document === 'application')).toMatchObject({ form: '1B-KNĐ', present: false });
    expect(missingBeforeDecision(items)).toEqual(['course_certificate', 'application', 'background_profile', 'comment_summary', 'cell_resolution']);
  });

  it('R-PROB-07: (a) the course certificate, (b) the self-review, (c) the helper, (d) the comments, (e) resolutions and decision', () => {
    const items = recognitionChecklist({ recordedSteps: ['self_review'], attachments: [{ id: 3, document: 'helper_assessment' }], grassrootsResolution: false });
    expect(items.map((i) => [i.document, i.present, i.required])).toEqual([
      ['new_member_course_certificate', false, true],
      ['self_review', true, true],
      ['helper_assessment', true, true],
      ['recognition_comments', false, true],
      ['recognition_cell_resolution', false, true],
      ['recognition_grassroots_resolution', false, false],
      ['recognition_decision', false, true],
    ]);
  });
});
