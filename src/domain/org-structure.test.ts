import { describe, expect, it } from 'vitest';
import {
  effectiveDateProblem,
  ORG_STRUCTURE_RULES_V1,
  structureWarnings,
  wouldCycle,
  type OrgStructureFacts,
} from './org-structure.js';

const facts = (f: Partial<OrgStructureFacts>): OrgStructureFacts => ({
  orgType: 'cell',
  orgKind: null,
  officialMembers: 10,
  members: 12,
  childTypes: [],
  parentType: 'grassroots_committee',
  parentKind: 'administrative',
  ...f,
});

const rules = (f: Partial<OrgStructureFacts>) => structureWarnings(facts(f)).map((w) => `${w.rule} ${w.code}`);

describe('R-ORG-05: at least 3 official members', () => {
  it('warns a chi bộ trực thuộc or a grassroots org below 3, not at 3', () => {
    expect(rules({ orgType: 'cell', officialMembers: 2 })).toEqual(['R-ORG-05 TOO_FEW_OFFICIAL_MEMBERS']);
    expect(rules({ orgType: 'grassroots_cell', officialMembers: 0, parentType: 'superior' })).toEqual(['R-ORG-05 TOO_FEW_OFFICIAL_MEMBERS']);
    expect(rules({ orgType: 'cell', officialMembers: 3 })).toEqual([]);
  });

  it('does not apply to groups, sections or superiors', () => {
    expect(rules({ orgType: 'group', officialMembers: 1 })).toEqual([]);
    expect(rules({ orgType: 'section', officialMembers: 0 })).toEqual([]);
    expect(rules({ orgType: 'superior', officialMembers: 0 })).toEqual([]);
  });

  it('says how many there are in Vietnamese', () => {
    const [w] = structureWarnings(facts({ officialMembers: 2 }));
    expect(w?.message).toContain('hiện có 2');
  });
});

describe('R-ORG-06: 30 members divide chi bộ cơ sở from đảng bộ cơ sở', () => {
  it('warns a chi bộ cơ sở at 30, not at 29', () => {
    expect(rules({ orgType: 'grassroots_cell', members: 29, childTypes: ['group'] })).toEqual([]);
    expect(rules({ orgType: 'grassroots_cell', members: 30, childTypes: ['group'] })).toEqual(['R-ORG-06 GRASSROOTS_CELL_TOO_LARGE']);
  });

  it('warns a đảng bộ cơ sở below 30 that it needs the superior’s consent, not at 30', () => {
    expect(rules({ orgType: 'grassroots_committee', members: 29 })).toEqual(['R-ORG-06 GRASSROOTS_COMMITTEE_TOO_SMALL']);
    expect(rules({ orgType: 'grassroots_committee', members: 30 })).toEqual([]);
  });
});

describe('R-ORG-08: a chi bộ of 30 or more is split into tổ đảng', () => {
  it('warns at 30 without groups, not at 29 and not once a group exists', () => {
    expect(rules({ orgType: 'cell', members: 29 })).toEqual([]);
    expect(rules({ orgType: 'cell', members: 30 })).toEqual(['R-ORG-08 CELL_NEEDS_GROUPS']);
    expect(rules({ orgType: 'cell', members: 30, childTypes: ['group'] })).toEqual([]);
  });

  it('applies to a chi bộ cơ sở as well, next to R-ORG-06', () => {
    expect(rules({ orgType: 'grassroots_cell', members: 40, parentType: 'superior' })).toEqual([
      'R-ORG-06 GRASSROOTS_CELL_TOO_LARGE',
      'R-ORG-08 CELL_NEEDS_GROUPS',
    ]);
  });
});

describe('R-ORG-09: a village has only a chi bộ trực thuộc the commune đảng ủy', () => {
  it('accepts a village cell under a commune grassroots committee', () => {
    expect(rules({ orgKind: 'village', orgType: 'cell', parentType: 'grassroots_committee', parentKind: 'commune' })).toEqual([]);
  });

  it('warns a village grassroots org', () => {
    expect(rules({ orgKind: 'village', orgType: 'grassroots_cell', parentType: 'superior', parentKind: 'commune' })).toEqual([
      'R-ORG-09 VILLAGE_ORG_MUST_BE_CELL',
    ]);
  });

  it('warns a village cell under anything but a commune grassroots committee', () => {
    expect(rules({ orgKind: 'village', orgType: 'cell', parentType: 'grassroots_committee', parentKind: 'state_enterprise' })).toEqual([
      'R-ORG-09 VILLAGE_CELL_NOT_UNDER_COMMUNE',
    ]);
    expect(rules({ orgKind: 'village', orgType: 'cell', parentType: 'section', parentKind: 'commune' })).toEqual([
      'R-ORG-09 VILLAGE_CELL_NOT_UNDER_COMMUNE',
    ]);
  });
});

describe('rule versions', () => {
  it('keeps the v1 thresholds', () => {
    expect(ORG_STRUCTURE_RULES_V1).toMatchObject({ minOfficialMembers: 3, grassrootsCommitteeMinMembers: 30, splitIntoGroupsAt: 30 });
  });

  it('applies the thresholds of the version it is given', () => {
    const stricter = { ...ORG_STRUCTURE_RULES_V1, version: 'test', minOfficialMembers: 5 };
    expect(structureWarnings(facts({ officialMembers: 4 }), stricter).map((w) => w.rule)).toEqual(['R-ORG-05']);
  });
});

describe('effective dates of structure changes', () => {
  it('refuses a future date and accepts today', () => {
    expect(effectiveDateProblem('2026-11-21', '2026-11-20', null)).toBe('in_future');
    expect(effectiveDateProblem('2026-11-20', '2026-11-20', null)).toBeNull();
  });

  it('refuses a date before the last recorded change and accepts the same day', () => {
    expect(effectiveDateProblem('2026-03-31', '2026-11-20', '2026-04-01')).toBe('too_early');
    expect(effectiveDateProblem('2026-04-01', '2026-11-20', '2026-04-01')).toBeNull();
  });
});

describe('cycles', () => {
  it('finds a move under itself or a descendant, not under a sibling whose id shares digits', () => {
    expect(wouldCycle('/1/2/', '/1/2/')).toBe(true);
    expect(wouldCycle('/1/2/', '/1/2/7/')).toBe(true);
    expect(wouldCycle('/1/2/', '/1/23/')).toBe(false);
    expect(wouldCycle('/1/2/', '/1/')).toBe(false);
  });
});
