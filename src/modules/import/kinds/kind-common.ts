import type { AppError } from '../../../errors.js';
import type { Scope } from '../../auth/scope.js';
import type { ImportProblem } from '../import.schema.js';

// What the org and target imports share: the dry run's counts and a problem as the report shows it.

export interface KindCounts {
  rows: number;
  new: number;
  toUpdate: number;
  unchanged: number;
  error: number;
  duplicatesInFile: number;
  [k: string]: number;
}

/** The import's org (the root of its subtree) as the caller sees it, and today. */
export interface KindTarget {
  scope: Scope;
  today: string;
  org: { id: number; path: string; name: string; code: string };
}

export const problemOf = (row: number, column: string | null, value: string | null, e: AppError): ImportProblem => ({
  row,
  column,
  value,
  code: e.code,
  message: e.message,
  severity: 'error',
});
