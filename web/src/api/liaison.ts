import { api } from './client.js';
import type { CommentInput, EndInput, ReferInput, ResidenceLiaison } from '../../../src/modules/liaison/liaison.schema.js';

// Residence liaison (R-TRF-16): referrals of employed members to the chi bộ where they live and
// the residence cấp ủy's yearly comments. Types come from the server's schemas (type-only).

export type { ResidenceLiaison };

export const liaisonKeys = {
  all: ['liaison'] as const,
  member: (memberId: number) => ['liaison', 'member', memberId] as const,
  due: (org: number | undefined, year: number | undefined) => ['liaison', 'due', org ?? null, year ?? null] as const,
};

export const liaisonApi = {
  ofMember: (memberId: number) => api.get<{ items: ResidenceLiaison[] }>(`/api/members/${memberId}/residence-liaisons`),
  refer: (body: ReferInput) => api.post<ResidenceLiaison>('/api/residence-liaisons', body),
  comment: (id: number, body: CommentInput) => api.post<ResidenceLiaison>(`/api/residence-liaisons/${id}/comments`, body),
  end: (id: number, body: EndInput) => api.post<ResidenceLiaison>(`/api/residence-liaisons/${id}/end`, body),
  due: (org: number | undefined, year: number | undefined, signal?: AbortSignal) => api.get<{ year: number; items: ResidenceLiaison[] }>('/api/residence-liaisons/due', { org, year }, signal),
};
