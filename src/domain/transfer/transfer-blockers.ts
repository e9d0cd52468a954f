// R-TRF-04 (and R-DISC-10): no transfer while the member is under inspection or audit, or has a
// pending complaint or denunciation. Who knows that is the inspection module (a later issue); the
// transfer case reads it only through this interface, so that module can answer it without the
// transfer code changing. Until then it is answered by a flag staff set on the member
// (src/modules/transfer/transfer-block.repository.ts, migration 0017).

/** Why a member may not be transferred: an inspection or audit, or a complaint or denunciation. */
export const TRANSFER_BLOCK_KINDS = ['inspection', 'complaint'] as const;
export type TransferBlockKind = (typeof TRANSFER_BLOCK_KINDS)[number];

/** One matter in progress about the member. */
export interface TransferBlock {
  readonly kind: TransferBlockKind;
  /** The day it began. */
  readonly since: string;
  readonly reason: string;
}

/** What stands in the way of transferring a member on a date: none, one or several matters. */
export interface TransferBlockers {
  blocksOn(memberId: number, date: string): Promise<readonly TransferBlock[]>;
}

/** R-TRF-04: the matters that block a transfer on `date`: those begun on or before it. */
export function blockingOn(blocks: readonly TransferBlock[], date: string): TransferBlock[] {
  return blocks.filter((b) => b.since <= date);
}
