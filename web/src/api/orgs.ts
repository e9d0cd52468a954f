import { api } from './client.js';
import type { ListAnswer, OrgDetails, OrgEvent, OrgListItem, OrgTreeNode } from './types.js';

export interface EffectiveChange {
  effectiveDate: string;
  decisionNo?: string | null;
}

export const orgKeys = {
  all: ['orgs'] as const,
  /** The tree's first level for a scope (its top org, or the caller's top orgs for the whole tree). */
  roots: (scopeOrgId: number | null) => ['orgs', 'roots', scopeOrgId] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
  details: (id: number) => ['orgs', 'details', id] as const,
  children: (id: number) => ['orgs', 'children', id] as const,
  history: (id: number) => ['orgs', 'history', id] as const,
};

export const orgApi = {
  top: () => api.get<ListAnswer<OrgListItem>>('/api/orgs'),
  search: (q: string, signal?: AbortSignal) => api.get<ListAnswer<OrgListItem>>('/api/orgs', { q }, signal),
  details: (id: number) => api.get<OrgDetails>(`/api/orgs/${id}`),
  children: (id: number) => api.get<ListAnswer<OrgTreeNode>>(`/api/orgs/${id}/children`),
  history: (id: number) => api.get<ListAnswer<OrgEvent>>(`/api/orgs/${id}/history`),
  create: (body: { code: string; name: string; orgType: string; orgKind?: string | null; parentId: number | null; foundedOn: string; foundingDecision?: string | null }) =>
    api.post<OrgDetails['org']>('/api/orgs', body),
  rename: (id: number, body: EffectiveChange & { version: number; name: string }) => api.patch<unknown>(`/api/orgs/${id}`, body),
  move: (id: number, body: EffectiveChange & { newParentId: number | null }) => api.post<unknown>(`/api/orgs/${id}/move`, body),
  merge: (id: number, body: EffectiveChange & { targetId: number }) => api.post<unknown>(`/api/orgs/${id}/merge`, body),
  dissolve: (id: number, body: EffectiveChange) => api.post<unknown>(`/api/orgs/${id}/dissolve`, body),
};
