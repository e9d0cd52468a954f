import { api } from './client.js';
import type { AdmissionCase, Candidate, CaseList, CreateCandidateInput, RecordStepInput } from '../../../src/modules/admission/admission.schema.js';
import type { ListAnswer } from './types.js';

// The candidate register and admission cases (issue 5). Types come from the server's schemas
// (type-only: nothing of the server reaches the bundle).

export type { AdmissionCase, Candidate, CreateCandidateInput, RecordStepInput };
export type CaseListItem = CaseList['items'][number];
export type AdmissionState = AdmissionCase['state'];
export type StepKind = AdmissionCase['steps'][number]['kind'];

export interface CaseListQuery {
  state?: string;
  org?: number;
  page?: number;
  pageSize?: number;
}

export const admissionKeys = {
  all: ['admission'] as const,
  cases: (q: CaseListQuery) => ['admission', 'cases', q] as const,
  case: (id: number) => ['admission', 'case', id] as const,
  candidates: (q: { org?: number; page?: number }) => ['admission', 'candidates', q] as const,
};

export const admissionApi = {
  cases: (q: CaseListQuery, signal?: AbortSignal) => api.get<CaseList>('/api/admission-cases', { ...q }, signal),
  case: (id: number) => api.get<AdmissionCase>(`/api/admission-cases/${id}`),
  open: (body: { candidateId: number; openedOn: string }) => api.post<AdmissionCase>('/api/admission-cases', body),
  recordStep: (id: number, body: RecordStepInput) => api.post<AdmissionCase>(`/api/admission-cases/${id}/steps`, body),
  candidates: (q: { org?: number; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<ListAnswer<Candidate>>('/api/candidates', { ...q }, signal),
  createCandidate: (body: CreateCandidateInput) => api.post<Candidate>('/api/candidates', body),
};
