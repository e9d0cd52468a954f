import type { z } from 'zod';
import type { dueList, dueSummary } from '../../../src/modules/due/due.schema.js';
import { api } from './client.js';

// The due list ("Việc cần làm", issue 5 item 9). Types from the server's schemas (type-only).

export type DueList = z.infer<typeof dueList>;
export type DueItem = DueList['items'][number];
export type DueSummary = z.infer<typeof dueSummary>;
export type DueShow = 'attention' | 'overdue' | 'all';

export interface DueQuery {
  show?: DueShow;
  org?: number;
  page?: number;
  pageSize?: number;
}

export const dueKeys = {
  all: ['due'] as const,
  list: (q: DueQuery) => ['due', 'list', q] as const,
  summary: (org: number | null) => ['due', 'summary', org] as const,
  own: ['due', 'own'] as const,
};

export const dueApi = {
  list: (q: DueQuery, signal?: AbortSignal) => api.get<DueList>('/api/due-items', { ...q }, signal),
  summary: (org: number | null) => api.get<DueSummary>('/api/due-items/summary', org ? { org } : {}),
  own: () => api.get<DueList>('/api/due-items/own'),
};
