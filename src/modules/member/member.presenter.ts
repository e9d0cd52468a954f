import type { MemberRow } from '../../db/types.js';
import type { PartyAgeView } from './member-party-age.js';
import type { MemberListRow, MemberOnDateRow } from './member.repository.js';
import type { MemberListItem, MemberOnDate, MemberRecord } from './member.schema.js';

// Rows (snake_case) → API shapes (camelCase). The same field view feeds the audit trail, so a
// history entry names fields exactly as the form and the API do.

export function memberFields(m: MemberRow) {
  return {
    fullName: m.full_name,
    otherNames: m.other_names,
    sex: m.sex,
    birthDate: m.birth_date,
    birthplace: m.birthplace,
    hometown: m.hometown,
    residence: m.residence,
    ethnicity: m.ethnicity,
    religion: m.religion,
    citizenId: m.citizen_id,
    partyCardNo: m.party_card_no,
    admissionDate: m.admission_date,
    officialDate: m.official_date,
    youthUnionDate: m.youth_union_date,
    generalEducation: m.general_education,
    professionalLevel: m.professional_level,
    theoryLevel: m.theory_level,
    occupation: m.occupation,
    positions: m.positions,
    phone: m.phone,
    status: m.status,
    statusSince: m.status_since,
    orgId: m.org_id,
  };
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toRecord(m: MemberRow, chain: { id: number; code: string; name: string }[], hasPhoto: boolean, partyAge: PartyAgeView | null): MemberRecord {
  const org = chain[chain.length - 1] ?? { id: m.org_id, code: '', name: '' };
  return {
    id: m.id,
    ...memberFields(m),
    org,
    breadcrumb: chain,
    hasPhoto,
    partyAge,
    redactedFields: [],
    version: m.version,
    createdAt: iso(m.created_at),
    updatedAt: iso(m.updated_at),
  };
}

export function toListItem(r: MemberListRow): MemberListItem {
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    birthDate: r.birth_date,
    status: r.status,
    orgId: r.org_id,
    orgName: r.org_name,
    orgCode: r.org_code,
    partyCardNo: r.party_card_no,
    admissionDate: r.admission_date,
    officialDate: r.official_date,
    theoryLevel: r.theory_level,
    version: r.version,
  };
}

export function toOnDate(r: MemberOnDateRow, date: string): MemberOnDate {
  return {
    memberId: r.member_id,
    date,
    status: r.status,
    statusFrom: r.status_from,
    orgId: r.org_id,
    orgCode: r.org_code,
    orgName: r.org_name,
    placedFrom: r.placed_from,
  };
}

export { iso as isoTimestamp };
