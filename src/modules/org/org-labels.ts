import type { OrgType } from '../../domain/org-type.js';

// What users read for each org type (glossary), used inside error messages.
export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  central: 'Trung ương',
  province: 'Đảng bộ tỉnh, thành phố',
  superior: 'Đảng bộ cấp trên trực tiếp cơ sở',
  grassroots_committee: 'Đảng bộ cơ sở',
  grassroots_cell: 'Chi bộ cơ sở',
  section: 'Đảng bộ bộ phận',
  cell: 'Chi bộ trực thuộc',
  group: 'Tổ đảng',
};

export const NO_PARENT_LABEL = 'cấp cao nhất (không có cấp trên)';

export function typeLabel(type: string | null): string {
  return type === null ? NO_PARENT_LABEL : (ORG_TYPE_LABELS[type as OrgType] ?? type);
}
