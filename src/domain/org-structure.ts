import { isGrassroots, type OrgKind, type OrgType } from './org-type.js';

// Structure checks on an org (R-ORG-05, -06, -08, -09), v1. They warn rather than refuse:
// a real tree is often out of line for months while the superior prepares a decision, and the
// system must record it as it is. Thresholds live here, in one place, with their rule ids.

export interface OrgStructureRules {
  version: string;
  /** R-ORG-05: official members a grassroots org or a chi bộ trực thuộc needs. */
  minOfficialMembers: number;
  /** R-ORG-06: from this many members a grassroots org is a đảng bộ cơ sở. */
  grassrootsCommitteeMinMembers: number;
  /** R-ORG-08: from this many members a chi bộ must be split into tổ đảng. */
  splitIntoGroupsAt: number;
}

// [V-S]/[V-P]: the figures are the same in Điều lệ 2011 and QĐ294; a change gets a new object.
export const ORG_STRUCTURE_RULES_V1: OrgStructureRules = {
  version: 'v1',
  minOfficialMembers: 3,
  grassrootsCommitteeMinMembers: 30,
  splitIntoGroupsAt: 30,
};

export interface OrgStructureFacts {
  orgType: OrgType;
  orgKind: OrgKind | string | null;
  /** Status 'official' in the whole subtree. Exempt members do not run a cell, so they do not count here. */
  officialMembers: number;
  /** Everyone on the rolls in the subtree (official, probationary, exempt: all are đảng viên). */
  members: number;
  /** Types of the live direct children. */
  childTypes: readonly OrgType[];
  parentType: OrgType | null;
  parentKind: string | null;
}

export type StructureRuleId = 'R-ORG-05' | 'R-ORG-06' | 'R-ORG-08' | 'R-ORG-09';

export interface StructureWarning {
  rule: StructureRuleId;
  code: string;
  message: string;
}

/** Every structure rule the org does not meet today; empty when it is in line. */
export function structureWarnings(f: OrgStructureFacts, rules: OrgStructureRules = ORG_STRUCTURE_RULES_V1): StructureWarning[] {
  return [...tooFewOfficial(f, rules), ...wrongGrassrootsForm(f, rules), ...needsGroups(f, rules), ...villageForm(f)];
}

// R-ORG-05
function tooFewOfficial(f: OrgStructureFacts, rules: OrgStructureRules): StructureWarning[] {
  if (!(isGrassroots(f.orgType) || f.orgType === 'cell')) return [];
  if (f.officialMembers >= rules.minOfficialMembers) return [];
  return [
    {
      rule: 'R-ORG-05',
      code: 'TOO_FEW_OFFICIAL_MEMBERS',
      message:
        `Cần ít nhất ${rules.minOfficialMembers} đảng viên chính thức để lập tổ chức cơ sở đảng hoặc chi bộ trực thuộc; ` +
        `hiện có ${f.officialMembers}. Cấp ủy cấp trên trực tiếp giới thiệu đảng viên sinh hoạt ở tổ chức phù hợp`,
    },
  ];
}

// R-ORG-06 (with R-ORG-07 a: a small đảng bộ cơ sở stands only with the superior's consent)
function wrongGrassrootsForm(f: OrgStructureFacts, rules: OrgStructureRules): StructureWarning[] {
  const min = rules.grassrootsCommitteeMinMembers;
  if (f.orgType === 'grassroots_cell' && f.members >= min) {
    return [
      {
        rule: 'R-ORG-06',
        code: 'GRASSROOTS_CELL_TOO_LARGE',
        message: `Chi bộ cơ sở có ${f.members} đảng viên (từ ${min} trở lên): cần lập đảng bộ cơ sở`,
      },
    ];
  }
  if (f.orgType === 'grassroots_committee' && f.members < min) {
    return [
      {
        rule: 'R-ORG-06',
        code: 'GRASSROOTS_COMMITTEE_TOO_SMALL',
        message: `Đảng bộ cơ sở có ${f.members} đảng viên (dưới ${min}): cần được cấp ủy cấp trên trực tiếp đồng ý`,
      },
    ];
  }
  return [];
}

// R-ORG-08
function needsGroups(f: OrgStructureFacts, rules: OrgStructureRules): StructureWarning[] {
  if (f.orgType !== 'cell' && f.orgType !== 'grassroots_cell') return [];
  if (f.members < rules.splitIntoGroupsAt || f.childTypes.includes('group')) return [];
  return [
    {
      rule: 'R-ORG-08',
      code: 'CELL_NEEDS_GROUPS',
      message: `Chi bộ có ${f.members} đảng viên (từ ${rules.splitIntoGroupsAt} trở lên) phải chia thành tổ đảng; hiện chưa có tổ đảng nào`,
    },
  ];
}

// R-ORG-09
function villageForm(f: OrgStructureFacts): StructureWarning[] {
  if (f.orgKind !== 'village') return [];
  if (f.orgType !== 'cell') {
    return [
      {
        rule: 'R-ORG-09',
        code: 'VILLAGE_ORG_MUST_BE_CELL',
        message: 'Thôn, tổ dân phố chỉ lập chi bộ trực thuộc đảng ủy xã, phường, đặc khu; không lập tổ chức cơ sở đảng',
      },
    ];
  }
  if (f.parentType !== 'grassroots_committee' || f.parentKind !== 'commune') {
    return [
      {
        rule: 'R-ORG-09',
        code: 'VILLAGE_CELL_NOT_UNDER_COMMUNE',
        message: 'Chi bộ thôn, tổ dân phố phải trực thuộc đảng ủy xã, phường, đặc khu',
      },
    ];
  }
  return [];
}

export type EffectiveDateProblem = 'in_future' | 'too_early';

/**
 * A structure change takes effect on a past or present day, never before the latest change
 * already recorded for the orgs it touches: history is appended to, never rewritten.
 */
export function effectiveDateProblem(date: string, today: string, lastChange: string | null): EffectiveDateProblem | null {
  if (date > today) return 'in_future';
  if (lastChange !== null && date < lastChange) return 'too_early';
  return null;
}

/** Moving an org under itself or anything below it would cut the subtree off the tree. */
export function wouldCycle(orgPath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(orgPath);
}
