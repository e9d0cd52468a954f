import { z } from 'zod';
import { HANDOVER_REASONS, RECEIVE_REASONS } from '../../domain/records/dossier.js';
import { isoDate } from '../../http/schemas.js';

// Shapes of the dossier handover and loan register (R-REC-06/08/11).

const text = (max: number) => z.string().trim().min(1).max(max);
const orgFilter = z.coerce.number().int().positive().optional().describe('Chỉ nơi giữ hồ sơ là tổ chức này và cấp dưới (trong phạm vi của người dùng)');

export const MOVEMENT_KINDS = ['received', 'handed_over', 'lent'] as const;

export const dossierMovement = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), recordNo: z.string().nullable() }),
  /** The keeper whose register line this is (R-REC-06). */
  holder: z.object({ id: z.number(), name: z.string() }),
  kind: z.enum(MOVEMENT_KINDS),
  reason: z.enum(['admission', 'transfer_in', 'transfer_out', 'to_superior', 'dissolution', 'other']).nullable(),
  date: z.string(),
  /** From whom received, to whom handed over or lent (person or organization). */
  counterpart: z.string().nullable(),
  purpose: z.string().nullable(),
  dueBack: z.string().nullable(),
  returnedOn: z.string().nullable(),
  documentNo: z.string().nullable(),
  /** A loan still out after its due-back day. */
  overdue: z.boolean(),
});
export type DossierMovementItem = z.infer<typeof dossierMovement>;

export const dossiersQuery = z.object({
  org: orgFilter,
  loan: z.enum(['out', 'overdue']).optional().describe('out: hồ sơ đang cho mượn; overdue: đang cho mượn và đã quá hạn trả'),
  memberId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DossiersQuery = z.infer<typeof dossiersQuery>;
export const dossierExportQuery = dossiersQuery.pick({ org: true, loan: true });
export type DossierExportQuery = z.infer<typeof dossierExportQuery>;
export const movementList = z.object({ items: z.array(dossierMovement), total: z.number() });

const documentNo = text(100).optional().describe('Số biên bản giao nhận, giấy giới thiệu hoặc phiếu mượn');
const memberId = z.number().int().positive();

export const recordMovementBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('received'),
    memberId,
    holderOrgId: z.number().int().positive().describe('Nơi giữ hồ sơ: tổ chức cơ sở đảng của đảng viên, hoặc cấp trên trực tiếp (R-REC-06)'),
    date: isoDate,
    reason: z.enum(RECEIVE_REASONS),
    counterpart: text(200).optional().describe('Nhận từ ai, từ tổ chức nào'),
    documentNo,
  }),
  z.strictObject({
    kind: z.literal('handed_over'),
    memberId,
    date: isoDate,
    reason: z.enum(HANDOVER_REASONS),
    counterpart: text(200).describe('Giao cho ai, cho tổ chức nào'),
    documentNo,
  }),
  z.strictObject({
    kind: z.literal('lent'),
    memberId,
    date: isoDate,
    counterpart: text(200).describe('Người mượn (họ tên, đơn vị)'),
    purpose: text(500).describe('Mục đích mượn'),
    dueBack: isoDate.describe('Ngày hẹn trả'),
    documentNo,
  }),
]);
export type RecordMovementInput = z.infer<typeof recordMovementBody>;

export const returnDossierBody = z.strictObject({ date: isoDate.describe('Ngày trả hồ sơ') });
export type ReturnDossierInput = z.infer<typeof returnDossierBody>;

const person = z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string(), orgName: z.string() });

export const reconcileBody = z.strictObject({ orgId: z.number().int().positive(), date: isoDate.describe('Ngày đối chiếu') });
export type ReconcileInput = z.infer<typeof reconcileBody>;
export const reconciliation = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  reconciledOn: z.string(),
  /** Six months after this reconciliation (R-REC-08). */
  nextDue: z.string(),
  membersOnList: z.number(),
  dossiersHeld: z.number(),
  /** Members on the rolls whose dossier no keeper of the org holds. */
  withoutDossier: z.array(person),
  /** Dossiers held by the org's keepers for people not on its member list (left, moved, deceased …). */
  notOnList: z.array(person),
});
export type ReconciliationResult = z.infer<typeof reconciliation>;

export const reconciliationStatusQuery = z.object({ org: z.coerce.number().int().positive().describe('Tổ chức (trong phạm vi của người dùng)') });
export const reconciliationStatus = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  lastReconciledOn: z.string().nullable(),
  nextDue: z.string(),
  due: z.boolean(),
});
export type ReconciliationStatus = z.infer<typeof reconciliationStatus>;

/** Where a member's dossier is now, for the member page (one line). */
export const dossierWhereabouts = z
  .object({
    state: z.enum(['held', 'on_loan', 'handed_over']),
    holder: z.object({ id: z.number(), name: z.string() }),
    since: z.string(),
    counterpart: z.string().nullable(),
    dueBack: z.string().nullable(),
    overdue: z.boolean(),
  })
  .nullable();
export type DossierWhereabouts = z.infer<typeof dossierWhereabouts>;
