import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';
import { ORG_KINDS, ORG_TYPES } from '../../domain/org-type.js';

// Request and response shapes of /api/orgs. API names are camelCase; the repository speaks snake_case.
// Write bodies are strict: an unknown (misspelt) field is a VALIDATION error naming it, not silently dropped.

const orgType = z.enum(ORG_TYPES);
const orgKind = z.enum(ORG_KINDS);
const decisionNo = z.string().trim().min(1).max(100);
const name = z.string().trim().min(1).max(255);

export const createOrgBody = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới'),
  name,
  orgType,
  orgKind: orgKind.nullish(),
  parentId: z.number().int().positive().nullable(),
  foundedOn: isoDate,
  foundingDecision: decisionNo.nullish(),
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;

export const updateOrgBody = z
  .strictObject({
    version: z.number().int().positive(),
    name: name.optional(),
    orgKind: orgKind.nullable().optional(),
    effectiveDate: isoDate,
    decisionNo: decisionNo.nullish(),
  })
  .refine((b) => b.name !== undefined || b.orgKind !== undefined, { message: 'Cần ít nhất tên hoặc loại hình mới', path: ['name'] });
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;

export const moveOrgBody = z.strictObject({
  newParentId: z.number().int().positive().nullable(),
  effectiveDate: isoDate,
  decisionNo: decisionNo.nullish(),
});
export type MoveOrgInput = z.infer<typeof moveOrgBody>;

export const mergeOrgBody = z.strictObject({
  targetId: z.number().int().positive(),
  effectiveDate: isoDate,
  decisionNo: decisionNo.nullish(),
});
export type MergeOrgInput = z.infer<typeof mergeOrgBody>;

export const dissolveOrgBody = z.strictObject({
  effectiveDate: isoDate,
  decisionNo: decisionNo.nullish(),
});
export type DissolveOrgInput = z.infer<typeof dissolveOrgBody>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listOrgsQuery = z.object({
  // An empty box means no search: the tree's top instead of an error.
  q: z
    .string()
    .trim()
    .max(100)
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  asOf: isoDate.optional(),
  includeDissolved: flag.optional(),
});

export const asOfQuery = z.object({ asOf: isoDate.optional() });

export const childrenQuery = z.object({ asOf: isoDate.optional(), includeDissolved: flag.optional() });

export const orgBody = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  orgType,
  orgKind: z.string().nullable(),
  parentId: z.number().nullable(),
  level: z.number(),
  foundedOn: z.string(),
  foundingDecision: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  dissolutionDecision: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  version: z.number(),
});
export type OrgBody = z.infer<typeof orgBody>;

export const crumbBody = z.object({ id: z.number(), code: z.string(), name: z.string(), orgType });

export const warningBody = z.object({ rule: z.string(), code: z.string(), message: z.string() });

/** A node of the lazily loaded tree. Counts are null for past dates: roll-ups hold today only. */
export const treeNodeBody = orgBody.extend({ memberCount: z.number().nullable(), childCount: z.number() });

export const listItemBody = treeNodeBody.extend({ ancestors: z.array(crumbBody) });

export const orgDetailsBody = z.object({
  asOf: z.string().nullable(),
  org: orgBody,
  ancestors: z.array(crumbBody),
  warnings: z.array(warningBody),
  memberCount: z.number().nullable(),
  officialCount: z.number().nullable(),
  childCount: z.number(),
});

export const eventBody = z.object({
  id: z.number(),
  kind: z.string(),
  effectiveDate: z.string(),
  decisionNo: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
});
