import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { TransferBlock, TransferBlockers } from '../../domain/transfer/transfer-blockers.js';
import * as repo from './transfer.repository.js';

/**
 * TransferBlockers (R-TRF-04) answered by the flag staff set on a member, until the inspection
 * module answers it from its inspections and complaints. It is asked only about the member of a
 * case already read in the caller's scope, so it reads the flag by the member's id.
 */
export function flagBlockers(db: Kysely<DB> | Transaction<DB>): TransferBlockers {
  return {
    async blocksOn(memberId: number): Promise<readonly TransferBlock[]> {
      return (await repo.openBlocksOf(db, memberId)).map((b) => ({ kind: b.kind, since: b.since, reason: b.reason }));
    },
  };
}
