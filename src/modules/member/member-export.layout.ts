import { isSensitiveMemberField, type SensitiveMemberField } from '../../domain/member-sensitive.js';
import { memberValueLabels } from '../../i18n/vi.js';
import type { ExportRow } from './member-export.repository.js';

// The layout of the official member list (Danh sách đảng viên) as offices file it upward: a
// title block, then one row per member under Vietnamese headers, STT first. Only the columns
// the record holds. Pure: both writers (xlsx, csv) print from this description.

/** A date stays a date until a writer prints it: a real date cell in xlsx, dd/mm/yyyy in csv. */
export type ExportCell = string | number | { date: string } | null;

export interface ExportColumn {
  header: string;
  /** Width in characters, for the xlsx sheet. */
  width: number;
  /** The record field it prints; a sensitive one is left out for callers who may not read it. */
  field: string | null;
  value(row: ExportRow, index: number): ExportCell;
}

const label = (labels: Record<string, string>, code: string | null): string | null => (code === null ? null : (labels[code] ?? code));
const date = (iso: string | null): ExportCell => (iso === null ? null : { date: iso });

const COLUMNS: ExportColumn[] = [
  { header: 'STT', width: 6, field: null, value: (_r, i) => i },
  { header: 'Họ và tên', width: 26, field: 'fullName', value: (r) => r.full_name },
  { header: 'Ngày sinh', width: 12, field: 'birthDate', value: (r) => date(r.birth_date) },
  { header: 'Giới tính', width: 9, field: 'sex', value: (r) => label(memberValueLabels.sex, r.sex) },
  { header: 'Dân tộc', width: 10, field: 'ethnicity', value: (r) => label(memberValueLabels.ethnicity, r.ethnicity) },
  { header: 'Tôn giáo', width: 12, field: 'religion', value: (r) => label(memberValueLabels.religion, r.religion) },
  { header: 'Quê quán', width: 30, field: 'hometown', value: (r) => r.hometown },
  { header: 'Số CCCD', width: 15, field: 'citizenId', value: (r) => r.citizen_id },
  { header: 'Ngày vào Đảng', width: 13, field: 'admissionDate', value: (r) => date(r.admission_date) },
  { header: 'Ngày chính thức', width: 13, field: 'officialDate', value: (r) => date(r.official_date) },
  { header: 'Số thẻ đảng viên', width: 15, field: 'partyCardNo', value: (r) => r.party_card_no },
  { header: 'Trạng thái', width: 14, field: 'status', value: (r) => label(memberValueLabels.status, r.status) },
  { header: 'Giáo dục phổ thông', width: 10, field: 'generalEducation', value: (r) => r.general_education },
  { header: 'Trình độ chuyên môn', width: 18, field: 'professionalLevel', value: (r) => label(memberValueLabels.professionalLevel, r.professional_level) },
  { header: 'Lý luận chính trị', width: 16, field: 'theoryLevel', value: (r) => label(memberValueLabels.theoryLevel, r.theory_level) },
  { header: 'Nghề nghiệp', width: 18, field: 'occupation', value: (r) => r.occupation },
  { header: 'Chức vụ', width: 24, field: 'positions', value: (r) => r.positions },
  { header: 'Chi bộ', width: 28, field: 'orgName', value: (r) => r.org_name },
];

/** The columns of the list; without the sensitive ones (omitted, not emptied) when they are not to be shown. */
export function exportColumns(showSensitive: boolean): ExportColumn[] {
  return showSensitive ? COLUMNS : COLUMNS.filter((c) => c.field === null || !isSensitiveMemberField(c.field));
}

/** The sensitive fields the list prints when it may: what a caller without the right loses. */
export function sensitiveExportFields(): SensitiveMemberField[] {
  return COLUMNS.flatMap((c) => (c.field !== null && isSensitiveMemberField(c.field) ? [c.field as SensitiveMemberField] : []));
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', as Vietnamese forms write dates. */
export function vnDateText(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export interface ExportTitle {
  /** The org(s) the list covers, as the top line names them. */
  orgName: string;
  /** 'YYYY-MM-DD': the day the list was drawn up. */
  date: string;
}

/** The title block above the headers, one line per row. */
export function titleLines(t: ExportTitle): string[] {
  return [t.orgName.toLocaleUpperCase('vi'), 'DANH SÁCH ĐẢNG VIÊN', `(Tính đến ngày ${vnDateText(t.date)})`];
}
