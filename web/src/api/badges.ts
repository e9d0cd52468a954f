import { api, withQuery } from './client.js';
import type {
  AwardInput,
  AwardsQuery,
  BadgeAwardItem,
  BadgeCandidateItem,
  CandidateList,
  ChangeAwardInput,
  MemberBadges,
  SetConsiderationInput,
} from '../../../src/modules/badge/badge.schema.js';

// Party badges (issue 5 item 6): batches, candidates, the register. Types from the server's schemas.

export type { BadgeAwardItem, BadgeCandidateItem, CandidateList, MemberBadges, SetConsiderationInput };
export type AwardsFilter = Partial<Omit<AwardsQuery, 'limit' | 'offset'>>;

export const badgeKeys = {
  all: ['badges'] as const,
  ceremonies: (year: number) => ['badges', 'ceremonies', year] as const,
  candidates: (q: Record<string, unknown>) => ['badges', 'candidates', q] as const,
  awards: (q: Record<string, unknown>) => ['badges', 'awards', q] as const,
  member: (id: number) => ['badges', 'member', id] as const,
};

export const badgeApi = {
  ceremonies: (year: number) => api.get<{ year: number; items: { date: string; from: string }[] }>('/api/badges/ceremonies', { year }),
  candidates: (q: { ceremony: string; org?: number; badgeClass?: number; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<CandidateList>('/api/badges/candidates', { ...q }, signal),
  award: (body: AwardInput) => api.post<{ items: BadgeAwardItem[] }>('/api/badges/awards', body),
  awards: (q: AwardsFilter & { limit?: number; offset?: number }, signal?: AbortSignal) => api.get<{ items: BadgeAwardItem[]; total: number }>('/api/badges/awards', { ...q }, signal),
  member: (id: number) => api.get<MemberBadges>(`/api/badges/members/${id}`),
  setConsideration: (id: number, body: SetConsiderationInput) => api.put<MemberBadges>(`/api/badges/members/${id}/consideration`, body),
  returnAward: (id: number, body: ChangeAwardInput) => api.post<BadgeAwardItem>(`/api/badges/awards/${id}/return`, body),
  reissueAward: (id: number, body: ChangeAwardInput) => api.post<BadgeAwardItem>(`/api/badges/awards/${id}/reissue`, body),
};

export function awardsExportUrl(q: AwardsFilter): string {
  return withQuery('/api/badges/awards/export', { ...q });
}
