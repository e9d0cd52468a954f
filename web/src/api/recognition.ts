import { api } from './client.js';
import type { RecognitionCase, RecognitionList, RecordRecognitionStepInput } from '../../../src/modules/recognition/recognition.schema.js';

// Recognition cases of probationary members (issue 5). Types come from the server's schemas
// (type-only: nothing of the server reaches the bundle).

export type { RecognitionCase, RecordRecognitionStepInput };
export type RecognitionListItem = RecognitionList['items'][number];
export type RecognitionState = RecognitionCase['state'];
export type RecognitionStepKind = RecognitionCase['steps'][number]['kind'];

export interface RecognitionListQuery {
  state?: string;
  org?: number;
  page?: number;
  pageSize?: number;
}

export const recognitionKeys = {
  all: ['recognition'] as const,
  cases: (q: RecognitionListQuery) => ['recognition', 'cases', q] as const,
  case: (id: number) => ['recognition', 'case', id] as const,
};

export const recognitionApi = {
  cases: (q: RecognitionListQuery, signal?: AbortSignal) => api.get<RecognitionList>('/api/recognition-cases', { ...q }, signal),
  case: (id: number) => api.get<RecognitionCase>(`/api/recognition-cases/${id}`),
  open: (body: { memberId: number; openedOn: string }) => api.post<RecognitionCase>('/api/recognition-cases', body),
  recordStep: (id: number, body: RecordRecognitionStepInput) => api.post<RecognitionCase>(`/api/recognition-cases/${id}/steps`, body),
};
