import type { z } from 'zod';
import type { statsBody } from '../../../src/modules/stats/stats.schemas.js';
import { api } from './client.js';

export type Stats = z.infer<typeof statsBody>;

export const statsKeys = {
  /** null: the caller's whole scope (/api/stats); an id: that org's subtree. */
  scope: (orgId: number | null) => ['stats', orgId] as const,
};

export const statsApi = {
  scope: () => api.get<Stats>('/api/stats'),
  org: (id: number) => api.get<Stats>(`/api/orgs/${id}/stats`),
};
