import { api } from './client.js';
import type {
  CreateExemptionInput,
  DeathInput,
  EndExemptionInput,
  Exemption,
  ExemptionList,
  ExitResult,
  OpenRemovalInput,
  RecordRemovalStepInput,
  RemovalCase,
  RemovalList,
  WithdrawalInput,
} from '../../../src/modules/exit/exit.schema.js';

// Exits (issue 5 item 5): removal cases, leaving on request, death, exemptions. Types come from
// the server's schemas (type-only: nothing of the server reaches the bundle).

export type { CreateExemptionInput, Exemption, RecordRemovalStepInput, RemovalCase };
export type RemovalListItem = RemovalList['items'][number];
export type RemovalState = RemovalCase['state'];
export type RemovalStepKind = RemovalCase['steps'][number]['kind'];

export interface ExitListQuery {
  state?: string;
  org?: number;
  member?: number;
  page?: number;
  pageSize?: number;
}
export interface ExemptionListQuery {
  current?: 'true' | 'false';
  org?: number;
  member?: number;
  page?: number;
  pageSize?: number;
}

export const exitKeys = {
  all: ['exits'] as const,
  cases: (q: ExitListQuery) => ['exits', 'cases', q] as const,
  case: (id: number) => ['exits', 'case', id] as const,
  exemptions: (q: ExemptionListQuery) => ['exits', 'exemptions', q] as const,
  exemption: (id: number) => ['exits', 'exemption', id] as const,
};

export const exitApi = {
  cases: (q: ExitListQuery, signal?: AbortSignal) => api.get<RemovalList>('/api/exits', { ...q }, signal),
  case: (id: number) => api.get<RemovalCase>(`/api/exits/${id}`),
  open: (body: OpenRemovalInput) => api.post<RemovalCase>('/api/exits', body),
  recordStep: (id: number, body: RecordRemovalStepInput) => api.post<RemovalCase>(`/api/exits/${id}/steps`, body),
  withdraw: (body: WithdrawalInput) => api.post<ExitResult>('/api/exits/withdrawals', body),
  death: (body: DeathInput) => api.post<ExitResult>('/api/exits/deaths', body),
  exemptions: (q: ExemptionListQuery, signal?: AbortSignal) => api.get<ExemptionList>('/api/exemptions', { ...q }, signal),
  exemption: (id: number) => api.get<Exemption>(`/api/exemptions/${id}`),
  exempt: (body: CreateExemptionInput) => api.post<Exemption>('/api/exemptions', body),
  endExemption: (id: number, body: EndExemptionInput) => api.post<Exemption>(`/api/exemptions/${id}/end`, body),
};
