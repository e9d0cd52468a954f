import type { AchievementBody, AchievementOrg, SetTargetInput, Target } from '../../../src/modules/targets/targets.schema.js';
import { api } from './client.js';

// Yearly admission targets and their achievement (issue 5 item 8). Types from the server's schemas.

export type { AchievementBody, AchievementOrg, Target };

export const targetKeys = {
  all: ['admission-targets'] as const,
  achievement: (org: number | undefined, year: number) => ['admission-targets', org ?? null, year] as const,
};

export const targetApi = {
  achievement: (q: { org?: number; year: number }, signal?: AbortSignal) => api.get<AchievementBody>('/api/admission-targets', { ...q }, signal),
  set: (orgId: number, year: number, body: SetTargetInput) => api.put<Target>(`/api/admission-targets/${orgId}/${year}`, body),
};
