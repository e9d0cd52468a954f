import { api } from './client.js';
import type {
  AttachedList,
  BlockState,
  ClearBlockInput,
  OpenTransferInput,
  RecordTransferStepInput,
  SetBlockInput,
  TransferCase,
  TransferList,
} from '../../../src/modules/transfer/transfer.schema.js';

// Transfer cases (issue 5 item 4) and the transfer-block flag (R-TRF-04). Types come from the
// server's schemas (type-only: nothing of the server reaches the bundle).

export type { AttachedList, BlockState, OpenTransferInput, RecordTransferStepInput, TransferCase };
export type TransferListItem = TransferList['items'][number];
export type TransferState = TransferCase['state'];
export type TransferStepKind = TransferCase['steps'][number]['kind'];

export interface TransferListQuery {
  state?: string;
  kind?: 'permanent' | 'temporary';
  direction?: 'in' | 'out';
  org?: number;
  member?: number;
  page?: number;
  pageSize?: number;
}

export const transferKeys = {
  all: ['transfer'] as const,
  cases: (q: TransferListQuery) => ['transfer', 'cases', q] as const,
  case: (id: number) => ['transfer', 'case', id] as const,
  attached: (org: number | undefined) => ['transfer', 'attached', org ?? null] as const,
  block: (memberId: number) => ['transfer', 'block', memberId] as const,
};

export const transferApi = {
  cases: (q: TransferListQuery, signal?: AbortSignal) => api.get<TransferList>('/api/transfers', { ...q }, signal),
  case: (id: number) => api.get<TransferCase>(`/api/transfers/${id}`),
  open: (body: OpenTransferInput) => api.post<TransferCase>('/api/transfers', body),
  recordStep: (id: number, body: RecordTransferStepInput) => api.post<TransferCase>(`/api/transfers/${id}/steps`, body),
  attached: (org: number | undefined, signal?: AbortSignal) => api.get<AttachedList>('/api/transfers/attached', { org }, signal),
  block: (memberId: number) => api.get<BlockState>(`/api/members/${memberId}/transfer-block`),
  setBlock: (memberId: number, body: SetBlockInput) => api.put<BlockState>(`/api/members/${memberId}/transfer-block`, body),
  clearBlock: (memberId: number, body: ClearBlockInput) => api.post<BlockState>(`/api/members/${memberId}/transfer-block/clear`, body),
};
