import type { Account, CreateAccountInput, GrantInput, RoleAssignment } from '../../../src/modules/account/account.schema.js';
import type { AuditPage } from '../../../src/modules/audit/audit.schema.js';
import { api } from './client.js';

export type { Account, AuditPage, RoleAssignment };
export type AccountStatus = Account['status'];

// Spelt out here because the server's schema module (zod) must not reach the bundle; `satisfies`
// fails the type check if the server adds or renames a status.
const STATUS_SET = { active: true, locked: true, disabled: true } satisfies Record<AccountStatus, true>;
export const ACCOUNT_STATUSES = Object.keys(STATUS_SET) as AccountStatus[];

export interface AccountListQuery {
  q?: string;
  status?: AccountStatus;
  page?: number;
}

export interface AuditListQuery {
  entityType?: string;
  entityId?: string;
  userId?: number;
  org?: number;
  from?: string;
  to?: string;
  page?: number;
}

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const accountKeys = {
  all: ['accounts'] as const,
  list: (q: AccountListQuery) => ['accounts', 'list', q] as const,
  one: (id: number) => ['accounts', 'one', id] as const,
  roles: (id: number) => ['accounts', 'roles', id] as const,
  audit: (q: AuditListQuery) => ['audit', q] as const,
};

export const accountApi = {
  list: (q: AccountListQuery, signal?: AbortSignal) => api.get<Paged<Account>>('/api/users', { ...q }, signal),
  one: (id: number) => api.get<Account>(`/api/users/${id}`),
  /** Without a password the server makes one and returns it this once. */
  create: (body: CreateAccountInput) => api.post<{ account: Account; temporaryPassword: string | null }>('/api/users', body),
  roles: (id: number) => api.get<{ items: RoleAssignment[] }>(`/api/users/${id}/roles`),
  /** Without a password the server makes one and returns it this once. */
  resetPassword: (id: number) => api.post<{ temporaryPassword: string | null; sessionsEnded: number }>(`/api/users/${id}/password-reset`, {}),
  lock: (id: number) => api.post<Account>(`/api/users/${id}/lock`),
  unlock: (id: number) => api.post<Account>(`/api/users/${id}/unlock`),
  disable: (id: number) => api.post<Account>(`/api/users/${id}/disable`),
  revokeSessions: (id: number) => api.post<{ sessionsEnded: number }>(`/api/users/${id}/revoke-sessions`),
  resetTwoFactor: (id: number) => api.post<{ twoFactorWasEnabled: boolean; sessionsEnded: number }>(`/api/users/${id}/reset-two-factor`),
  grant: (body: GrantInput) => api.post<RoleAssignment>('/api/role-assignments', body),
  revoke: (assignmentId: number) => api.post<RoleAssignment>(`/api/role-assignments/${assignmentId}/revoke`),
  audit: (q: AuditListQuery, signal?: AbortSignal) => api.get<AuditPage>('/api/audit', { ...q }, signal),
};
