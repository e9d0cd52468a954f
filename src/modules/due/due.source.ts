import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Scope } from '../auth/scope.js';
import type { CaseDue } from './due.repository.js';

export type { CaseDue, DueEntry } from './due.repository.js';

/**
 * A kind of case whose open deadlines go on the due list. Each case module provides one (its
 * rules compute the deadlines); the daily job walks them all.
 */
export interface DueSource {
  /** due_item.case_kind, and the web app's key for the case's page. */
  kind: string;
  /** Open cases after `afterId` in id order, with what is due on each. */
  openCases(db: Kysely<DB>, scope: Scope, afterId: number, limit: number): Promise<CaseDue[]>;
}
