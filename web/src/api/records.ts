import { api, withQuery } from './client.js';
import type {
  AssignRecordNoInput,
  CardDateInput,
  CloseCardInput,
  CreateBlockInput,
  DecideCardInput,
  MemberRecordFacts,
  PartyCardItem,
  RecordNoBlockItem,
  RecordUpdateItem,
  RequestCardInput,
  ReturnUpdateInput,
  SubmitUpdateInput,
  UpdateStepInput,
} from '../../../src/modules/records/records.schema.js';
import type {
  DossierMovementItem,
  ReconciliationResult,
  ReconciliationStatus,
  RecordMovementInput,
  ReturnDossierInput,
} from '../../../src/modules/records/dossier.schema.js';

// Member records and party cards (issue 5 item 7): cards from request to end, the monthly batch,
// record-number blocks, the yearly phiếu bổ sung. Types from the server's schemas.

export type { DossierMovementItem, MemberRecordFacts, PartyCardItem, ReconciliationResult, RecordMovementInput, RecordNoBlockItem, RecordUpdateItem };

export const recordKeys = {
  all: ['records'] as const,
  cards: (q: Record<string, unknown>) => ['records', 'cards', q] as const,
  updates: (q: Record<string, unknown>) => ['records', 'updates', q] as const,
  blocks: (q: Record<string, unknown>) => ['records', 'blocks', q] as const,
  member: (id: number) => ['records', 'member', id] as const,
  own: ['records', 'own'] as const,
  dossiers: (q: Record<string, unknown>) => ['records', 'dossiers', q] as const,
  reconciliation: (org: number) => ['records', 'reconciliation', org] as const,
};

export interface CardsFilter {
  org?: number;
  month?: string;
  status?: PartyCardItem['status'];
}

export const recordApi = {
  cards: (q: CardsFilter & { limit?: number; offset?: number }, signal?: AbortSignal) => api.get<{ items: PartyCardItem[]; total: number }>('/api/party-cards', { ...q }, signal),
  decide: (id: number, body: DecideCardInput) => api.post<PartyCardItem>(`/api/party-cards/${id}/decision`, body),
  handOver: (id: number, body: CardDateInput) => api.post<PartyCardItem>(`/api/party-cards/${id}/handover`, body),
  check: (id: number, body: CardDateInput) => api.post<PartyCardItem>(`/api/party-cards/${id}/check`, body),
  close: (id: number, body: CloseCardInput) => api.post<{ card: PartyCardItem; reissue: PartyCardItem | null }>(`/api/party-cards/${id}/close`, body),
  updates: (q: { org?: number; year?: number; stage?: RecordUpdateItem['stage']; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ items: RecordUpdateItem[]; total: number }>('/api/record-updates', { ...q }, signal),
  forward: (id: number, body: UpdateStepInput) => api.post<RecordUpdateItem>(`/api/record-updates/${id}/forward`, body),
  approve: (id: number, body: UpdateStepInput) => api.post<RecordUpdateItem>(`/api/record-updates/${id}/approve`, body),
  returnUpdate: (id: number, body: ReturnUpdateInput) => api.post<RecordUpdateItem>(`/api/record-updates/${id}/return`, body),
  blocks: (q: { org?: number }, signal?: AbortSignal) => api.get<{ items: RecordNoBlockItem[] }>('/api/record-no-blocks', { ...q }, signal),
  createBlock: (body: CreateBlockInput) => api.post<RecordNoBlockItem>('/api/record-no-blocks', body),
  member: (id: number) => api.get<MemberRecordFacts>(`/api/records/members/${id}`),
  assignRecordNo: (memberId: number, body: AssignRecordNoInput) => api.post<MemberRecordFacts>(`/api/records/members/${memberId}/record-no`, body),
  requestCard: (body: RequestCardInput) => api.post<PartyCardItem>('/api/party-cards', body),
  dossiers: (q: { org?: number; loan?: 'out' | 'overdue'; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ items: DossierMovementItem[]; total: number }>('/api/dossiers', { ...q }, signal),
  recordMovement: (body: RecordMovementInput) => api.post<DossierMovementItem>('/api/dossiers/movements', body),
  returnDossier: (id: number, body: ReturnDossierInput) => api.post<DossierMovementItem>(`/api/dossiers/movements/${id}/return`, body),
  reconciliationStatus: (org: number, signal?: AbortSignal) => api.get<ReconciliationStatus>('/api/dossiers/reconciliation', { org }, signal),
  reconcile: (body: { orgId: number; date: string }) => api.post<ReconciliationResult>('/api/dossiers/reconciliations', body),
  fileUpdate: (body: Omit<SubmitUpdateInput, 'changes'> & { changes: Record<string, unknown> }) => api.post<RecordUpdateItem>('/api/record-updates', body),
  /** R-REC-07 self-service: the signed-in member's own phiếu. */
  ownUpdates: () => api.get<{ items: RecordUpdateItem[]; total: number }>('/api/record-updates/own'),
  fileOwnUpdate: (body: Omit<SubmitUpdateInput, 'changes' | 'memberId'> & { changes: Record<string, unknown> }) => api.post<RecordUpdateItem>('/api/record-updates/own', body),
};

export function batchExportUrl(q: { org?: number; month: string }): string {
  return withQuery('/api/party-cards/batch/export', { ...q });
}

export function dossierExportUrl(q: { org?: number; loan?: 'out' | 'overdue' }): string {
  return withQuery('/api/dossiers/export', { ...q });
}
