import type { OrgRow } from '../../db/types.js';
import type { OrgType } from '../../domain/org-type.js';
import type { CrumbRow, OrgNodeRow } from './org-read.repository.js';

// Rows (snake_case) to API shapes (camelCase). The materialized path stays inside the server.

export function presentOrg(o: OrgRow | OrgNodeRow) {
  return {
    id: Number(o.id),
    code: o.code,
    name: o.name,
    orgType: o.org_type as OrgType,
    orgKind: o.org_kind,
    parentId: o.parent_id === null ? null : Number(o.parent_id),
    level: o.level,
    foundedOn: o.founded_on,
    foundingDecision: o.founding_decision,
    dissolvedOn: o.dissolved_on,
    dissolutionDecision: o.dissolution_decision,
    mergedIntoId: o.merged_into_id === null ? null : Number(o.merged_into_id),
    version: o.version,
  };
}

export function presentNode(o: OrgNodeRow) {
  return { ...presentOrg(o), memberCount: o.member_count === null ? null : Number(o.member_count), childCount: Number(o.child_count) };
}

export function presentCrumb(c: CrumbRow) {
  return { id: Number(c.id), code: c.code, name: c.name, orgType: c.org_type as OrgType };
}

export function presentEvent(e: {
  id: number;
  kind: string;
  effective_date: string;
  decision_no: string | null;
  details: unknown;
  created_by: number | null;
  created_at: Date;
}) {
  const details = typeof e.details === 'string' ? (JSON.parse(e.details) as unknown) : e.details;
  return {
    id: Number(e.id),
    kind: e.kind,
    effectiveDate: e.effective_date,
    decisionNo: e.decision_no,
    details: (details ?? {}) as Record<string, unknown>,
    createdBy: e.created_by === null ? null : Number(e.created_by),
    createdAt: new Date(e.created_at).toISOString(),
  };
}
