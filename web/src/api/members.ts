import type { EthnicGroup } from '../../../src/domain/stats-figures.js';
import { api, withQuery } from './client.js';
import type { ListAnswer, MemberHistory, MemberListItem, MemberRecord, PatchMemberInput } from './types.js';

/** The list's filters as the URL and the API both spell them. */
export interface MemberListQuery {
  q?: string;
  mode?: 'word' | 'anywhere';
  org?: number;
  status?: string;
  sex?: 'male' | 'female';
  /** Comma-separated, like status: age bands (as the dashboard bands them) and theory levels. */
  ageBand?: string;
  theoryLevel?: string;
  /** Needs member_sensitive:read where the list looks (the server refuses it otherwise). */
  ethnicGroup?: EthnicGroup;
  pageSize?: number;
  sort?: string;
  /** The nextCursor of the page before; none for the first page. */
  after?: string;
}

export const memberKeys = {
  all: ['members'] as const,
  own: ['members', 'own'] as const,
  list: (q: MemberListQuery) => ['members', 'list', q] as const,
  record: (id: number) => ['members', 'record', id] as const,
  history: (id: number) => ['members', 'history', id] as const,
};

export const memberApi = {
  list: (q: MemberListQuery, signal?: AbortSignal) => api.get<ListAnswer<MemberListItem>>('/api/members', { ...q }, signal),
  record: (id: number) => api.get<MemberRecord>(`/api/members/${id}`),
  /** The signed-in member's own record (a member account, whatever its grants). */
  own: () => api.get<MemberRecord>('/api/members/me'),
  history: (id: number) => api.get<MemberHistory>(`/api/members/${id}/history`),
  update: (id: number, body: PatchMemberInput) => api.patch<MemberRecord>(`/api/members/${id}`, body),
};

export type ExportFormat = 'xlsx' | 'csv';

/**
 * Where the browser downloads the filtered list: every page of it, so paging is dropped. A
 * plain link rather than a fetch, so a large file streams to disk instead of into memory.
 */
export function memberExportUrl(q: MemberListQuery, format: ExportFormat): string {
  const { after: _after, pageSize: _pageSize, ...filters } = q;
  return withQuery('/api/members/export', { ...filters, format });
}
