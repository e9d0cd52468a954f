import { api } from './client.js';
import type { IssueSlipInput, ReturnSlipInput, SlipListItem, TransferSlip } from '../../../src/modules/transfer/transfer-slip.schema.js';

// Transfer slips (phiếu báo, R-TRF-09) and their check lists (R-REC-08, R-EXIT-05). Types come
// from the server's schemas (type-only).

export type { SlipListItem, TransferSlip };
export type SlipFilter = 'all' | 'overdue' | 'lapsed';

export const slipKeys = {
  all: ['transfer', 'slips'] as const,
  ofCase: (caseId: number) => ['transfer', 'slips', 'case', caseId] as const,
  list: (filter: SlipFilter, org: number | undefined) => ['transfer', 'slips', 'list', filter, org ?? null] as const,
};

export const slipApi = {
  ofCase: (caseId: number) => api.get<{ slip: TransferSlip | null }>(`/api/transfers/${caseId}/slip`),
  issue: (caseId: number, body: IssueSlipInput) => api.post<{ slip: TransferSlip | null }>(`/api/transfers/${caseId}/slip`, body),
  returned: (caseId: number, body: ReturnSlipInput) => api.post<{ slip: TransferSlip | null }>(`/api/transfers/${caseId}/slip/return`, body),
  list: (filter: SlipFilter, org: number | undefined, signal?: AbortSignal) => api.get<{ items: SlipListItem[] }>('/api/transfer-slips', { filter, org }, signal),
};
