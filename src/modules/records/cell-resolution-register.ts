import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { narrowScope } from '../auth/scope.js';
import * as memberRepo from '../member/member.repository.js';
import type { ServiceContext } from '../service-context.js';
import { cellResolutions, type CellResolutionRow } from './cell-resolution.repository.js';
import { registerDate, registerFile, viDate, type RegisterColumn, type RegisterFile } from './register-file.js';

// R-REC-11: the register of chi bộ resolutions (sổ nghị quyết chi bộ) on members: admission,
// recognition as official member and removal, with the vote counts and the result, as Excel.
// Audited once per file like the other registers.

const KIND_LABELS: Record<CellResolutionRow['case_kind'], string> = { admission: 'Kết nạp đảng viên', recognition: 'Công nhận đảng viên chính thức', removal: 'Xóa tên đảng viên' };

function result(r: CellResolutionRow): string {
  if (r.outcome === 'failed') return 'Không thông qua';
  if (r.case_kind === 'recognition' && r.proposal === 'remove') return 'Thông qua: đề nghị xóa tên';
  return 'Thông qua';
}

const COLUMNS: readonly RegisterColumn<CellResolutionRow>[] = [
  { header: 'STT', width: 6, value: (_r, i) => i },
  { header: 'Ngày nghị quyết', width: 13, value: (r) => registerDate(r.step_date) },
  { header: 'Số nghị quyết', width: 14, value: (r) => r.decision_no },
  { header: 'Chi bộ', width: 28, value: (r) => r.org_name },
  { header: 'Nội dung', width: 26, value: (r) => KIND_LABELS[r.case_kind] },
  { header: 'Họ và tên', width: 26, value: (r) => r.subject_name },
  { header: 'Ngày sinh', width: 12, value: (r) => registerDate(r.subject_birth_date) },
  { header: 'Tổng số đảng viên', width: 10, value: (r) => r.votes_members },
  { header: 'Tán thành', width: 10, value: (r) => r.votes_in_favour },
  { header: 'Không tán thành', width: 10, value: (r) => r.votes_against },
  { header: 'Kết quả', width: 22, value: result },
];

export interface CellResolutionQuery {
  org?: number | undefined;
  year?: number | undefined;
}

export async function exportCellResolutions(ctx: ServiceContext, q: CellResolutionQuery, onError: (e: unknown) => void): Promise<RegisterFile> {
  let scope = ctx.scope;
  let orgPath: string | null = null;
  if (q.org !== undefined) {
    const org = await memberRepo.findOrg(ctx.db, ctx.scope, q.org);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: q.org }, { field: 'org' });
    scope = narrowScope(ctx.scope, org.path);
    orgPath = org.path;
  }
  const rows = await cellResolutions(ctx.db, scope, q.year ?? null);
  await appendAudit(ctx.db, ctx.actor, { action: 'cell_resolution.register_export', entityType: 'cell_resolution', entityId: null, orgPath, before: null, after: { filter: q, rows: rows.length } });
  const today = ctx.clock.today();
  const period = q.year === undefined ? `Đến ngày ${viDate(today)}` : `Năm ${q.year}`;
  return registerFile({ filename: `so-nghi-quyet-chi-bo-${q.year ?? today}.xlsx`, title: ['SỔ NGHỊ QUYẾT CHI BỘ VỀ ĐẢNG VIÊN', period], columns: COLUMNS, rows }, onError);
}
