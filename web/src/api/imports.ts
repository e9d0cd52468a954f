import { api } from './client.js';
import type { ImportJob, RemapBody, TemplateBody } from '../../../src/modules/import/import.schema.js';
import type { ImportField } from '../../../src/domain/import/columns.js';

// The imports of members, org trees and admission targets (issue 6): upload, the job (mapping, progress, report), commit, cancel,
// history and saved mapping templates. Types come from the server's schemas (type-only).

export type { ImportField, ImportJob };
export type ImportKind = ImportJob['kind'];
export type ImportStatus = ImportJob['status'];
export type DuplicatePolicy = ImportJob['onDuplicate'];
export type ImportProblem = ImportJob['problems'][number];

export interface ImportHistoryItem {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  format: string;
  onDuplicate: string;
  orgId: number;
  orgName: string;
  username: string | null;
  counts: Record<string, number>;
  problemCount: number;
  progress: number;
  createdAt: string;
  committedAt: string | null;
}

export interface ImportTemplate {
  id: number;
  name: string;
  kind: ImportKind;
  orgId: number;
  mapping: Record<string, string | null>;
  updatedAt: string;
}

export interface UploadInput {
  kind: ImportKind;
  file: File;
  orgId: number;
  onDuplicate: DuplicatePolicy;
  template?: string;
}

/** While a job is in one of these, the page polls it for its progress. */
export const RUNNING: readonly ImportStatus[] = ['parsed', 'committing'];

/** Problems fetched with the job: the first ones; the report file holds them all. */
export const PROBLEMS_SHOWN = 1000;

export const importKeys = {
  all: ['imports'] as const,
  history: (page: number) => ['imports', 'history', page] as const,
  job: (id: number) => ['imports', 'job', id] as const,
  templates: ['imports', 'templates'] as const,
};

export const importApi = {
  upload: (u: UploadInput) => api.upload<ImportJob>('/api/imports', { fileName: u.file.name, orgId: u.orgId, onDuplicate: u.onDuplicate, template: u.template, kind: u.kind }, u.file),
  job: (id: number, signal?: AbortSignal) => api.get<ImportJob>(`/api/imports/${id}`, { problemsLimit: PROBLEMS_SHOWN }, signal),
  history: (page: number, signal?: AbortSignal) => api.get<{ items: ImportHistoryItem[] }>('/api/imports', { page, pageSize: 20 }, signal),
  remap: (id: number, body: RemapBody) => api.put<ImportJob>(`/api/imports/${id}/mapping`, body),
  commit: (id: number) => api.post<ImportJob>(`/api/imports/${id}/commit`),
  cancel: (id: number) => api.post<ImportJob>(`/api/imports/${id}/cancel`),
  templates: (signal?: AbortSignal) => api.get<{ items: ImportTemplate[] }>('/api/import-templates', {}, signal),
  saveTemplate: (body: TemplateBody) => api.post<ImportTemplate>('/api/import-templates', body),
  reportUrl: (id: number) => `/api/imports/${id}/report`,
};
