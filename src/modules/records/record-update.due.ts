import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { transferUpdateDeadline } from '../../domain/records/record-update.js';
import { RuleNotInForceError } from '../../domain/rules/params.js';
import { makeScope } from '../auth/scope.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue, DueSource } from '../due/due.source.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './record-update.repository.js';

// R-REC-07 on the due list: a member received by an official transfer files a phiếu bổ sung at
// the receiving org. The item belongs to the transfer case (case id) but has its own kind, so the
// transfer's own items and this one come and go separately; it sits at the receiving org and
// carries the member, who sees it among their own items and may file it themselves.

export const RECORD_UPDATE_DUE_KIND = 'record_update';

type Row = Awaited<ReturnType<typeof repo.transferUpdateCases>>[number];

function caseDue(r: Row): CaseDue {
  let deadline = null;
  try {
    deadline = transferUpdateDeadline(r.completed_on!, r.filed_on ?? null);
  } catch (e) {
    // A transfer before the first version the rules carry shows nothing rather than a wrong date.
    if (!(e instanceof RuleNotInForceError)) throw e;
  }
  return { caseId: Number(r.id), orgId: Number(r.destination_org_id), subjectName: r.full_name, memberId: Number(r.member_id), deadlines: deadline ? [deadline] : [] };
}

/** Received official transfers as a source of the daily due-items job. */
export const recordUpdateDueSource: DueSource = {
  kind: RECORD_UPDATE_DUE_KIND,
  openCases: async (db, scope, afterId, limit) => (await repo.transferUpdateCases(db, scope, { afterId, limit })).map(caseDue),
};

/**
 * Recomputes the member's item now, in the caller's transaction: after the transfer that receives
 * them completes, and after a phiếu of theirs is filed or returned, so the list does not wait for
 * the daily job. The member was read in the caller's scope; the item is found through the
 * transfer's receiving end, wherever that is (the sending office completes nothing of it).
 */
export async function refreshRecordUpdateDueIn(tx: Transaction<DB>, ctx: ServiceContext, memberId: number): Promise<void> {
  await dueRepo.removeMemberItems(tx, RECORD_UPDATE_DUE_KIND, memberId);
  for (const r of await repo.transferUpdateCases(tx, makeScope(['/']), { memberId })) {
    await dueRepo.replaceCaseItems(tx, RECORD_UPDATE_DUE_KIND, caseDue(r), ctx.clock.today());
  }
}
