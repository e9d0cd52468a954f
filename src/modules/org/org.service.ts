import { normalizeName } from '../../domain/vn-name.js';
import { structureWarnings, type StructureWarning } from '../../domain/org-structure.js';
import type { OrgType } from '../../domain/org-type.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../service-context.js';
import * as read from './org-read.repository.js';
import { presentCrumb, presentEvent, presentNode } from './org.presenter.js';

// The read use cases of the tree. Writes have a file each (org-*.service.ts).

export const SEARCH_LIMIT = 50;

export interface ListOptions {
  q?: string;
  asOf?: string;
  includeDissolved?: boolean;
}

/** Without `q`: the caller's top-level orgs. With `q`: orgs found by code or name, best first. */
export async function listOrgs(ctx: ServiceContext, opts: ListOptions) {
  const f = { asOf: opts.asOf ?? null, includeDissolved: opts.includeDissolved ?? false };
  let rows: read.OrgNodeRow[];
  if (opts.q === undefined) {
    rows = await read.topNodes(ctx.db, ctx.scope, f);
  } else {
    const ids = await read.searchIds(ctx.db, ctx.scope, opts.q, normalizeName(opts.q), f, SEARCH_LIMIT);
    const byId = new Map((await read.nodesByIds(ctx.db, ctx.scope, ids, { ...f, includeDissolved: true })).map((r) => [Number(r.id), r]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  }
  const crumbs = await read.breadcrumbs(ctx.db, ctx.scope, rows.map((r) => ({ id: Number(r.id), path: r.path })), f.asOf);
  return rows.map((r) => ({ ...presentNode(r), ancestors: (crumbs.get(Number(r.id)) ?? []).map(presentCrumb) }));
}

/** One org with its breadcrumb, counts and structure warnings (warnings and counts: today only). */
export async function getOrg(ctx: ServiceContext, id: number, asOf: string | null) {
  const row = await read.orgNode(ctx.db, ctx.scope, id, asOf);
  if (!row) throw new AppError('ORG_NOT_FOUND', { id }, { field: 'id' });
  const crumbs = await read.breadcrumbs(ctx.db, ctx.scope, [{ id: Number(row.id), path: row.path }], asOf);
  let warnings: StructureWarning[] = [];
  let official: number | null = null;
  if (asOf === null && row.dissolved_on === null) {
    const c = await read.structureCounts(ctx.db, ctx.scope, id);
    if (c) {
      official = Number(c.official);
      warnings = structureWarnings({
        orgType: row.org_type as OrgType,
        orgKind: row.org_kind,
        officialMembers: official,
        members: Number(c.members),
        childTypes: c.child_types === '' ? [] : (c.child_types.split(',') as OrgType[]),
        parentType: c.parent_type as OrgType | null,
        parentKind: c.parent_kind,
      });
    }
  }
  const node = presentNode(row);
  const { memberCount, childCount, ...org } = node;
  return {
    asOf,
    org,
    ancestors: (crumbs.get(Number(row.id)) ?? []).map(presentCrumb),
    warnings,
    memberCount,
    officialCount: official,
    childCount,
  };
}

/** The children of an org for a lazily loaded tree, ordered by code, with their counts. */
export async function listChildren(ctx: ServiceContext, id: number, opts: { asOf?: string; includeDissolved?: boolean }) {
  const asOf = opts.asOf ?? null;
  if (!(await read.orgNode(ctx.db, ctx.scope, id, asOf))) throw new AppError('ORG_NOT_FOUND', { id }, { field: 'id' });
  const rows = await read.childNodes(ctx.db, ctx.scope, id, { asOf, includeDissolved: opts.includeDissolved ?? false });
  return rows.map(presentNode);
}

export async function orgHistory(ctx: ServiceContext, id: number) {
  if (!(await read.orgNode(ctx.db, ctx.scope, id, null))) throw new AppError('ORG_NOT_FOUND', { id }, { field: 'id' });
  return (await read.events(ctx.db, ctx.scope, id)).map(presentEvent);
}
