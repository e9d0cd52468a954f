import { compareDossiers, dossierKeepers, dossierState, lastMovementDate, loanOverdue, movementRefusal, nextReconciliationDue, returnRefusal, type DossierMovementFact, type DossierState } from '../../domain/records/dossier.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { narrowScope } from '../auth/scope.js';
import { notInFuture } from '../case/case-step.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './dossier.repository.js';
import type {
  DossierMovementItem,
  DossiersQuery,
  DossierWhereabouts,
  ReconcileInput,
  ReconciliationResult,
  ReconciliationStatus,
  RecordMovementInput,
  ReturnDossierInput,
} from './dossier.schema.js';
import { listScope, memberNotFound } from './record-no.service.js';
import { directSuperiorOf } from './records.orgs.js';
import * as records from './records.repository.js';

// The dossier handover and loan register (R-REC-06/08/11): a keeper receives a dossier, hands it
// on, lends it and records its return; an org's dossiers are reconciled with its member list every
// six months. Each write one transaction with its audit row; the movements of one dossier are
// serialised so two loans cannot both pass the checks.

type Db = Parameters<typeof repo.movementFacts>[0];

const movementNotFound = (id: number) => new AppError('DOSSIER_MOVEMENT_NOT_FOUND', { id }, { field: 'id' });

const STATE_LABELS: Record<DossierState['state'], string> = {
  none: 'chưa có trong sổ',
  held: 'đang giữ',
  on_loan: 'đang cho mượn',
  handed_over: 'đã bàn giao',
};

function toItem(r: repo.MovementWithNames, today: string): DossierMovementItem {
  return {
    id: Number(r.id),
    member: { id: Number(r.member_id), fullName: r.full_name, birthDate: r.birth_date, recordNo: r.record_no },
    holder: { id: Number(r.holder_org_id), name: r.holder_name },
    kind: r.kind as DossierMovementItem['kind'],
    reason: r.reason as DossierMovementItem['reason'],
    date: r.moved_on,
    counterpart: r.counterpart,
    purpose: r.purpose,
    dueBack: r.due_back,
    returnedOn: r.returned_on,
    documentNo: r.document_no,
    overdue: loanOverdue({ kind: r.kind as DossierMovementItem['kind'], dueBack: r.due_back, returnedOn: r.returned_on }, today),
  };
}

function facts(rows: Awaited<ReturnType<typeof repo.movementFacts>>): DossierMovementFact[] {
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind as DossierMovementFact['kind'], holderOrgId: Number(r.holder_org_id), date: r.moved_on, returnedOn: r.returned_on }));
}

function filterOf(ctx: ServiceContext, q: Pick<DossiersQuery, 'loan'> & { memberId?: number | undefined }): repo.MovementFilter {
  return { onLoan: q.loan === 'out', overdueBefore: q.loan === 'overdue' ? ctx.clock.today() : null, memberId: q.memberId ?? null };
}

export async function getMovement(ctx: ServiceContext, id: number): Promise<DossierMovementItem> {
  const r = await repo.findMovement(ctx.db, ctx.scope, id);
  if (!r) throw movementNotFound(id);
  return toItem(r, ctx.clock.today());
}

/** R-REC-11: the register of the keepers under an org, newest first; loans out, or overdue. */
export async function listDossiers(ctx: ServiceContext, q: DossiersQuery): Promise<{ items: DossierMovementItem[]; total: number }> {
  const { scope } = await listScope(ctx, q.org);
  const r = await repo.listMovements(ctx.db, scope, filterOf(ctx, q), { limit: q.limit, offset: q.offset });
  const today = ctx.clock.today();
  return { items: r.items.map((x) => toItem(x, today)), total: r.total };
}

/** R-REC-11: the whole register in the order it was written, for its file. */
export async function registerRows(ctx: ServiceContext, q: Pick<DossiersQuery, 'org' | 'loan'>): Promise<{ items: DossierMovementItem[]; orgPath: string | null }> {
  const { scope, orgPath } = await listScope(ctx, q.org);
  const today = ctx.clock.today();
  return { items: (await repo.allMovements(ctx.db, scope, filterOf(ctx, q))).map((x) => toItem(x, today)), orgPath };
}

/** The keeper receiving the dossier: one of the member's keepers (R-REC-06), in the caller's scope. */
async function receivingKeeper(tx: Db, ctx: ServiceContext, memberId: number, holderOrgId: number) {
  const m = await records.findMember(tx, ctx.scope, memberId);
  if (!m) throw memberNotFound(memberId);
  const chain = await records.orgChain(tx, m.org_path);
  const keepers = dossierKeepers(chain, directSuperiorOf(chain));
  const holder = await records.findOrg(tx, ctx.scope, holderOrgId);
  if (!holder) throw new AppError('ORG_NOT_FOUND', { id: holderOrgId }, { field: 'holderOrgId' });
  if (!keepers.some((k) => k.id === Number(holder.id))) {
    throw new AppError('DOSSIER_KEEPER_INVALID', { name: m.full_name, keepers: keepers.map((k) => k.name).join(' hoặc ') || '—', org: holder.name }, { field: 'holderOrgId' });
  }
  return { name: m.full_name, holder: { id: Number(holder.id), path: holder.path } };
}

/**
 * The keeper acting on a dossier it holds (lend, hand over): the current keeper, in the caller's
 * scope. A dossier no keeper of the scope holds is refused by name when its member is in scope,
 * and looks missing otherwise.
 */
async function actingKeeper(tx: Db, ctx: ServiceContext, memberId: number, state: DossierState, lastId: number | undefined) {
  const holder = state.state === 'held' || state.state === 'on_loan' ? await records.findOrg(tx, ctx.scope, state.holderOrgId) : undefined;
  const last = lastId === undefined ? undefined : await repo.findMovement(tx, ctx.scope, lastId);
  if (holder && last) return { name: last.full_name, holder: { id: Number(holder.id), path: holder.path } };
  const m = await records.findMember(tx, ctx.scope, memberId);
  if (!m) throw memberNotFound(memberId);
  const where = state.state === 'none' ? STATE_LABELS.none : `${STATE_LABELS[state.state]}${state.state === 'handed_over' ? '' : ' ở đơn vị ngoài phạm vi của bạn'}`;
  throw new AppError('DOSSIER_NOT_HELD', { name: m.full_name, state: where }, { field: 'memberId' });
}

/** R-REC-06/11: a dossier received, handed over or lent, after the rules of its register. */
export async function recordMovement(ctx: ServiceContext, input: RecordMovementInput): Promise<DossierMovementItem> {
  notInFuture(ctx, 'date', input.date);
  const id = await ctx.db.transaction().execute(async (tx) => {
    await repo.lockDossier(tx, input.memberId);
    const history = facts(await repo.movementFacts(tx, input.memberId));
    const state = dossierState(history);
    const acting = input.kind === 'received' ? await receivingKeeper(tx, ctx, input.memberId, input.holderOrgId) : await actingKeeper(tx, ctx, input.memberId, state, history.at(-1)?.id);
    const dueBack = input.kind === 'lent' ? input.dueBack : null;
    const refusal = movementRefusal(history, { kind: input.kind, holderOrgId: acting.holder.id, date: input.date, dueBack });
    if (refusal !== null) await refuse(tx, ctx, refusal, acting.name, state, history, input);
    const row: repo.NewMovement = {
      member_id: input.memberId,
      holder_org_id: acting.holder.id,
      kind: input.kind,
      reason: input.kind === 'lent' ? null : input.reason,
      moved_on: input.date,
      counterpart: input.counterpart ?? null,
      purpose: input.kind === 'lent' ? input.purpose : null,
      due_back: dueBack,
      document_no: input.documentNo ?? null,
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    };
    const inserted = await repo.insertMovement(tx, ctx.scope, row);
    if (!inserted) throw memberNotFound(input.memberId);
    const movementId = Number(inserted.id);
    const { member_id, holder_org_id, reason, moved_on, counterpart, purpose, due_back, document_no } = row;
    await appendAudit(tx, ctx.actor, {
      action: `dossier.${input.kind === 'received' ? 'receive' : input.kind === 'lent' ? 'lend' : 'hand_over'}`,
      entityType: 'dossier_movement',
      entityId: movementId,
      orgPath: acting.holder.path,
      before: null,
      after: { memberId: member_id, holderOrgId: holder_org_id, reason, date: moved_on, counterpart, purpose, dueBack: due_back, documentNo: document_no },
    });
    return movementId;
  });
  return getMovement(ctx, id);
}

async function refuse(tx: Db, ctx: ServiceContext, refusal: NonNullable<ReturnType<typeof movementRefusal>>, name: string, state: DossierState, history: readonly DossierMovementFact[], input: RecordMovementInput): Promise<never> {
  switch (refusal) {
    case 'already_held': {
      const holder = state.state === 'held' || state.state === 'on_loan' ? await records.orgName(tx, state.holderOrgId) : '—';
      throw new AppError('DOSSIER_ALREADY_HELD', { name, holder }, { field: 'memberId' });
    }
    case 'on_loan': {
      const loan = state.state === 'on_loan' ? await repo.findMovement(tx, ctx.scope, state.loanId) : undefined;
      throw new AppError('DOSSIER_ON_LOAN', { name, since: state.state === 'on_loan' ? state.since : '—', counterpart: loan?.counterpart ?? '—' }, { field: 'memberId' });
    }
    case 'not_held':
      throw new AppError('DOSSIER_NOT_HELD', { name, state: STATE_LABELS[state.state] }, { field: 'memberId' });
    case 'before_last': {
      throw new AppError('DOSSIER_BEFORE_LAST', { date: input.date, last: lastMovementDate(history) ?? '—' }, { field: 'date' });
    }
    case 'due_before_loan':
      throw new AppError('DOSSIER_DUE_BEFORE_LOAN', { dueBack: input.kind === 'lent' ? input.dueBack : '—', date: input.date }, { field: 'dueBack' });
  }
}

/** R-REC-11: the return of a lent dossier, on or after the day it was lent. */
export async function returnDossier(ctx: ServiceContext, id: number, input: ReturnDossierInput): Promise<DossierMovementItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const seen = await repo.findMovement(tx, ctx.scope, id);
    if (!seen) throw movementNotFound(id);
    await repo.lockDossier(tx, Number(seen.member_id));
    const row = (await repo.findMovement(tx, ctx.scope, id))!;
    const fact: DossierMovementFact = { id, kind: row.kind as DossierMovementFact['kind'], holderOrgId: Number(row.holder_org_id), date: row.moved_on, returnedOn: row.returned_on };
    const refusal = returnRefusal(fact, input.date);
    if (refusal === 'not_lent') throw new AppError('DOSSIER_NOT_LENT', { name: row.full_name, state: row.kind === 'lent' ? `đã trả ngày ${row.returned_on}` : 'dòng sổ không phải cho mượn' }, { field: 'id' });
    if (refusal === 'return_before_loan') throw new AppError('DOSSIER_RETURN_BEFORE_LOAN', { date: input.date, lentOn: row.moved_on }, { field: 'date' });
    const n = await repo.returnLoan(tx, ctx.scope, id, { returned_on: input.date, returned_by: ctx.actor.userId, returned_at: ctx.clock.now() });
    if (n === 0) throw movementNotFound(id);
    const holder = await records.findOrg(tx, ctx.scope, Number(row.holder_org_id));
    await appendAudit(tx, ctx.actor, { action: 'dossier.return', entityType: 'dossier_movement', entityId: id, orgPath: holder?.path ?? null, before: { returnedOn: null }, after: { returnedOn: input.date } });
  });
  return getMovement(ctx, id);
}

async function orgForReconciliation(ctx: ServiceContext, db: Db, orgId: number, field: string) {
  const org = await records.findOrg(db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field });
  return org;
}

/**
 * R-REC-08: the org's dossiers against its member list — members on the rolls under it whose
 * dossier none of its keepers holds, and dossiers its keepers hold for people not on the list —
 * and the reconciliation recorded, from which the next is due.
 */
export async function reconcile(ctx: ServiceContext, input: ReconcileInput): Promise<ReconciliationResult> {
  notInFuture(ctx, 'date', input.date);
  // Before anything is written: a date before the rule's first version is refused (RULE_NOT_IN_FORCE).
  const nextDue = nextReconciliationDue(input.date, ctx.clock.today());
  return ctx.db.transaction().execute(async (tx) => {
    const org = await orgForReconciliation(ctx, tx, input.orgId, 'orgId');
    const scope = narrowScope(ctx.scope, org.path);
    const [members, held] = await Promise.all([repo.membersOnList(tx, scope), repo.heldDossiers(tx, scope)]);
    const diff = compareDossiers(
      members.map((m) => Number(m.id)),
      held.map((d) => Number(d.id)),
    );
    const person = (r: (typeof members)[number]) => ({ id: Number(r.id), fullName: r.full_name, birthDate: r.birth_date, status: r.status, orgName: r.org_name });
    const byId = new Map([...members, ...held].map((r) => [Number(r.id), r]));
    const inserted = await repo.insertReconciliation(tx, ctx.scope, {
      org_id: Number(org.id),
      reconciled_on: input.date,
      without_dossier: diff.withoutDossier.length,
      not_on_list: diff.notOnList.length,
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    });
    if (!inserted) throw new AppError('ORG_NOT_FOUND', { id: input.orgId }, { field: 'orgId' });
    await appendAudit(tx, ctx.actor, {
      action: 'dossier.reconcile',
      entityType: 'dossier_reconciliation',
      entityId: Number(inserted.id),
      orgPath: org.path,
      before: null,
      after: { orgId: Number(org.id), date: input.date, membersOnList: members.length, dossiersHeld: held.length, withoutDossier: diff.withoutDossier.length, notOnList: diff.notOnList.length },
    });
    return {
      org: { id: Number(org.id), name: org.name },
      reconciledOn: input.date,
      nextDue,
      membersOnList: members.length,
      dossiersHeld: held.length,
      withoutDossier: diff.withoutDossier.map((id) => person(byId.get(id)!)),
      notOnList: diff.notOnList.map((id) => person(byId.get(id)!)),
    };
  });
}

/** R-REC-08: when the org last reconciled its dossiers and when the next is due. */
export async function reconciliationStatus(ctx: ServiceContext, orgId: number): Promise<ReconciliationStatus> {
  const org = await orgForReconciliation(ctx, ctx.db, orgId, 'org');
  const last = await repo.lastReconciliation(ctx.db, ctx.scope, orgId);
  const today = ctx.clock.today();
  const nextDue = nextReconciliationDue(last?.reconciled_on ?? null, today);
  return { org: { id: Number(org.id), name: org.name }, lastReconciledOn: last?.reconciled_on ?? null, nextDue, due: nextDue <= today };
}

/** Where the dossier of a member in scope is now (for the member page), or null when the register has no line of it. */
export async function whereabouts(ctx: ServiceContext, memberId: number): Promise<DossierWhereabouts> {
  const r = await repo.lastMovementOfMember(ctx.db, ctx.scope, memberId);
  if (!r) return null;
  const kind = r.kind as DossierMovementFact['kind'];
  const state = dossierState([{ id: Number(r.id), kind, holderOrgId: Number(r.holder_org_id), date: r.moved_on, returnedOn: r.returned_on }]);
  if (state.state === 'none') return null;
  return {
    state: state.state,
    holder: { id: Number(r.holder_org_id), name: r.holder_name },
    since: state.since,
    counterpart: state.state === 'held' ? null : r.counterpart,
    dueBack: state.state === 'on_loan' ? r.due_back : null,
    overdue: loanOverdue({ kind, dueBack: r.due_back, returnedOn: r.returned_on }, ctx.clock.today()),
  };
}
