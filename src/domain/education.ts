// General education and professional levels of the member form (R-REC-10) and the bands the
// statistics forms count them in (R-STAT-04).

export const PROFESSIONAL_LEVELS = [
  'none',
  'vocational', // sơ cấp, công nhân kỹ thuật
  'intermediate', // trung cấp
  'college', // cao đẳng
  'university', // đại học
  'master', // thạc sĩ
  'doctor', // tiến sĩ, TSKH
] as const;
export type ProfessionalLevel = (typeof PROFESSIONAL_LEVELS)[number];

export const THEORY_LEVELS = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;
export type TheoryLevel = (typeof THEORY_LEVELS)[number];

export const EDUCATION_BANDS = ['primary', 'lower_secondary', 'upper_secondary', 'unknown'] as const;
export type EducationBand = (typeof EDUCATION_BANDS)[number];

/** "12/12", "9/12", "10/10" (the old 10-year system) → the band the forms count. */
export function educationBand(generalEducation: string | null | undefined): EducationBand {
  const m = /^(\d{1,2})\/(10|12)$/.exec(generalEducation?.trim() ?? '');
  if (!m) return 'unknown';
  const grade = Number(m[1]);
  const system = Number(m[2]);
  const lowerEnd = system === 12 ? 9 : 7;
  const primaryEnd = system === 12 ? 5 : 4;
  if (grade > lowerEnd) return 'upper_secondary';
  if (grade > primaryEnd) return 'lower_secondary';
  return 'primary';
}

export const GENERAL_EDUCATION_PATTERN = /^(\d{1,2})\/(10|12)$/;
