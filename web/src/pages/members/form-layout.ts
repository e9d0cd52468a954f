import { PROFESSIONAL_LEVELS, THEORY_LEVELS } from '../../../../src/domain/education.js';
import type { MemberRecord } from '../../api/types.js';
import vi from '../../i18n/vi.json';

// The member page follows the official member form (phiếu đảng viên, R-REC-10): the same
// sections in the same order. One description drives both reading and editing.

export type FieldKind = 'text' | 'date' | 'sex' | 'theoryLevel' | 'professionalLevel' | 'ethnicity' | 'religion';

/** Fields of the record that the form shows (and the interface has a label for). */
export type FormField = keyof MemberRecord & keyof typeof vi.member.fields;

export interface FieldDef {
  name: FormField;
  kind: FieldKind;
  /** Shown but changed elsewhere (status and org have their own dated procedures). */
  readOnly?: boolean;
  required?: boolean;
  max?: number;
}

export type SectionKey = 'personal' | 'party' | 'education';

export const SECTIONS: Record<SectionKey, FieldDef[]> = {
  personal: [
    { name: 'fullName', kind: 'text', required: true, max: 120 },
    { name: 'otherNames', kind: 'text', max: 200 },
    { name: 'sex', kind: 'sex', required: true },
    { name: 'birthDate', kind: 'date', required: true },
    { name: 'birthplace', kind: 'text', max: 300 },
    { name: 'hometown', kind: 'text', max: 300 },
    { name: 'residence', kind: 'text', max: 300 },
    { name: 'ethnicity', kind: 'ethnicity' },
    { name: 'religion', kind: 'religion' },
    { name: 'citizenId', kind: 'text', max: 30 },
    { name: 'phone', kind: 'text', max: 20 },
  ],
  party: [
    { name: 'status', kind: 'text', readOnly: true },
    { name: 'statusSince', kind: 'date', readOnly: true },
    { name: 'partyCardNo', kind: 'text', max: 30 },
    { name: 'admissionDate', kind: 'date' },
    { name: 'officialDate', kind: 'date' },
    { name: 'youthUnionDate', kind: 'date' },
    { name: 'positions', kind: 'text', max: 500 },
  ],
  education: [
    { name: 'generalEducation', kind: 'text', max: 10 },
    { name: 'professionalLevel', kind: 'professionalLevel' },
    { name: 'theoryLevel', kind: 'theoryLevel', required: true },
    { name: 'occupation', kind: 'text', max: 200 },
  ],
};

export const CHOICES: Partial<Record<FieldKind, readonly string[]>> = {
  sex: ['male', 'female'],
  theoryLevel: THEORY_LEVELS,
  professionalLevel: PROFESSIONAL_LEVELS,
  // Codes the statistics group by; the named ones are those the interface knows a name for.
  ethnicity: Object.keys(vi.member.ethnicities),
  religion: Object.keys(vi.member.religions),
};

export const EDITABLE_FIELDS = Object.values(SECTIONS)
  .flat()
  .filter((f) => !f.readOnly)
  .map((f) => f.name);

export function sectionOf(field: string): SectionKey | undefined {
  return (Object.keys(SECTIONS) as SectionKey[]).find((k) => SECTIONS[k].some((f) => f.name === field));
}
