import { z } from 'zod';
import { listMembersQuery } from './member.schema.js';

// GET /api/members/export takes the list's own filters (so the button exports exactly what the
// screen shows, every page of it) and the file format. Paging does not apply: it is the whole list.

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportMembersQuery = listMembersQuery
  .omit({ page: true, pageSize: true, after: true })
  .extend({ format: z.enum(EXPORT_FORMATS).default('xlsx').describe('xlsx (mặc định) hoặc csv (UTF-8 có BOM)') });
export type ExportMembersQuery = z.infer<typeof exportMembersQuery>;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
