// Org types of the tree (glossary; R-ORG-03) and which type may sit under which.

export const ORG_TYPES = [
  'central',
  'province',
  'superior',
  'grassroots_committee',
  'grassroots_cell',
  'section',
  'cell',
  'group',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

// Loại hình TCCS (R-ORG-19). The exact HD40 code list is [I]: this list is the documented default.
export const ORG_KINDS = [
  'commune', // xã, phường, đặc khu
  'administrative', // cơ quan hành chính
  'public_service', // đơn vị sự nghiệp
  'state_enterprise',
  'private_enterprise',
  'armed_forces',
  'overseas',
  'village', // chi bộ thôn, ấp, tổ dân phố
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** A grassroots org (TCCS đảng): a đảng bộ cơ sở or a chi bộ cơ sở. */
export function isGrassroots(type: OrgType): boolean {
  return type === 'grassroots_committee' || type === 'grassroots_cell';
}

/** Orgs that hold members directly: cells of every kind (and groups inside large cells). */
export function holdsMembers(type: OrgType): boolean {
  return type === 'grassroots_cell' || type === 'cell' || type === 'group';
}

// R-ORG-03: the tree's shape. 'superior' may nest (a đảng bộ khối under a province, pre-2025
// huyện under tỉnh) so that both the pre- and post-2025 trees can be represented.
const allowedChildren: Record<OrgType, readonly OrgType[]> = {
  central: ['province', 'superior', 'grassroots_committee', 'grassroots_cell'],
  province: ['superior', 'grassroots_committee', 'grassroots_cell'],
  superior: ['superior', 'grassroots_committee', 'grassroots_cell'],
  grassroots_committee: ['section', 'cell'],
  section: ['cell'],
  grassroots_cell: ['group'],
  cell: ['group'],
  group: [],
};

export function canContain(parent: OrgType | null, child: OrgType): boolean {
  if (parent === null) return child === 'central' || child === 'province';
  return allowedChildren[parent].includes(child);
}
