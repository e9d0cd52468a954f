import { z } from 'zod';
import { ALL_IMPORT_FIELDS, IMPORT_KINDS } from '../../domain/import/kind-columns.js';

// Request and response shapes of /api/imports and /api/import-templates (issue 6).

/** Files up to this size are accepted (a million-row list is about 150 MB as .csv, less as .xlsx). */
export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;
export const IMPORT_CONTENT_TYPE = 'application/octet-stream';

export const DUPLICATE_POLICIES = ['skip', 'update', 'stop'] as const;
export const IMPORT_STATUSES = ['parsed', 'dry_run_done', 'committing', 'committed', 'failed', 'cancelled'] as const;

export const uploadQuery = z.object({
  fileName: z.string().trim().min(1).max(255).describe('Tên tệp gốc (.xlsx hoặc .csv)'),
  orgId: z.coerce.number().int().positive().describe('Tổ chức nhận dữ liệu: dòng ghi chi bộ được tìm trong cây trực thuộc; dòng không ghi thuộc chính tổ chức này'),
  onDuplicate: z.enum(DUPLICATE_POLICIES).default('skip').describe('Dòng trùng hồ sơ đã có: skip bỏ qua, update sửa các trường khác, stop không ghi gì'),
  template: z.string().trim().min(1).max(100).optional().describe('Tên mẫu ánh xạ cột đã lưu'),
  kind: z.enum(IMPORT_KINDS).default('members').describe('Loại dữ liệu: members đảng viên, orgs tổ chức đảng, targets chỉ tiêu kết nạp'),
});
export type UploadQuery = z.infer<typeof uploadQuery>;

export const problem = z.object({
  row: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ImportProblem = z.infer<typeof problem>;

const column = z.object({ index: z.number(), header: z.string(), field: z.enum(ALL_IMPORT_FIELDS).nullable() });

export const importLayout = z.object({
  /** 1-based row of the header's first row, and how many rows it spans. */
  headerRow: z.number(),
  headerRows: z.number(),
  columns: z.array(column),
});
export type ImportLayout = z.infer<typeof importLayout>;

export const importCounts = z.record(z.string(), z.number());

export const importJob = z.object({
  id: z.number(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  status: z.enum(IMPORT_STATUSES),
  onDuplicate: z.enum(DUPLICATE_POLICIES),
  orgId: z.number(),
  layout: importLayout.nullable(),
  counts: importCounts,
  progress: z.number(),
  failure: z.string().nullable(),
  problemCount: z.number(),
  /** The first problems (up to `problemsLimit`); the downloadable report has them all. */
  problems: z.array(problem),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  /** The first rows under the header as read, one text per column, for the mapping screen's preview. */
  preview: z.array(z.array(z.string())),
});
export type ImportJob = z.infer<typeof importJob>;

export const uploadResponse = importJob;
export type UploadResponse = z.infer<typeof uploadResponse>;

/** A changed mapping: the field each column of the header holds (null: ignored). */
export const remapBody = z.strictObject({
  columns: z
    .array(z.strictObject({ index: z.number().int().min(0).max(1000), field: z.enum(ALL_IMPORT_FIELDS).nullable() }))
    .min(1)
    .max(1000),
});
export type RemapBody = z.infer<typeof remapBody>;

export const jobQuery = z.object({
  problemsOffset: z.coerce.number().int().min(0).default(0),
  problemsLimit: z.coerce.number().int().min(0).max(1000).default(200),
});

export const listJobsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const importJobList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(IMPORT_KINDS),
      fileName: z.string(),
      status: z.enum(IMPORT_STATUSES),
      format: z.string(),
      onDuplicate: z.string(),
      orgId: z.number(),
      orgName: z.string(),
      username: z.string().nullable(),
      counts: importCounts,
      problemCount: z.number(),
      progress: z.number(),
      createdAt: z.string(),
      committedAt: z.string().nullable(),
    }),
  ),
});

const mapping = z.record(z.string().max(200), z.enum(ALL_IMPORT_FIELDS).nullable());

export const templateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  orgId: z.number().int().positive(),
  kind: z.enum(IMPORT_KINDS).default('members'),
  /** Header (as the file spells it, or its key) → field, or null to ignore the column. */
  mapping,
});
export type TemplateBody = z.infer<typeof templateBody>;

export const importTemplate = z.object({ id: z.number(), name: z.string(), kind: z.enum(IMPORT_KINDS), orgId: z.number(), mapping: z.record(z.string(), z.string().nullable()), updatedAt: z.string() });
export const importTemplateList = z.object({ items: z.array(importTemplate) });
