import { addCalendarDays } from '../../domain/calendar/iso-date.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB, MemberRow, MemberUpdate } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { birthYearsOfBand, type AgeBand } from '../../domain/age-band.js';
import { issuesTouching, memberFieldIssues, type MemberFacts, type MemberFieldIssue } from '../../domain/member-validation.js';
import { ACTIVE_STATUSES, canRestore, canTransition, isActive, type MemberStatus } from '../../domain/member-status.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { addDelta, dimDelta, type DimCounts } from '../../domain/rollup-dims.js';
import { KINH } from '../../domain/stats-figures.js';
import { normalizeName, sortKeyOfNorm, tidyFullName } from '../../domain/vn-name.js';
import { AppError, Refusal } from '../../errors.js';
import { appendAudit, appendAudits, changedFields } from '../audit/audit.repository.js';
import { makeScope, pathInScope, type Scope } from '../auth/scope.js';
import { redactSensitive, withoutSensitiveKeys } from '../../domain/member-sensitive.js';
import { cardFollowsStatusIn } from '../records/party-card-exit.js';
import { applyDelta } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { partyAgeView, type PartyAgeView } from './member-party-age.js';
import { isoTimestamp, memberFields, toListItem, toOnDate, toRecord } from './member.presenter.js';
import * as repo from './member.repository.js';
import { tokenPlan } from './member-token.plan.js';
import { tokenSearchPage } from './member-token.repository.js';
import {
  FIELD_LABELS,
  MAX_PHOTO_BYTES,
  STATUS_LABELS,
  TOTAL_CAP,
  type CreateMemberInput,
  type ListMembersQuery,
  type MemberList,
  type MemberHistory,
  type MemberOnDate,
  type MemberSort,
  type MemberRecord,
  type PatchMemberInput,
  type PlacementChangeInput,
  type StatusChangeInput,
} from './member.schema.js';
import { decodeCursor, encodeCursor, MIN_ANYWHERE_LENGTH, parseMemberSearch, wordsQuery, type ListCursor, type MemberSearch } from './member.search.js';

// Use cases of the member registry (capability 2). Each write is one transaction that changes
// the record, its dated intervals and the roll-ups together and appends one audit row.

type Tx = Transaction<DB>;

// ---- input cleaning and rules --------------------------------------------------------------

/** Free text as stored: trimmed, and an empty answer is no answer. */
function clean(v: string | null | undefined): string | null {
  const t = v?.trim() ?? '';
  return t === '' ? null : t;
}

/** ID and card numbers are often typed in groups ("001 234 567 890"). */
function cleanNumber(v: string | null | undefined): string | null {
  const t = v?.replace(/\s+/g, '') ?? '';
  return t === '' ? null : t;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function issueError(issue: MemberFieldIssue): AppError {
  const params = { ...issue.params };
  if (typeof params.field === 'string') params.field = FIELD_LABELS[params.field] ?? params.field;
  if (typeof params.other === 'string') params.other = lowerFirst(FIELD_LABELS[params.other] ?? params.other);
  return new AppError(issue.code, params, { field: issue.field });
}

function factsOf(m: Pick<MemberRow, 'birth_date' | 'citizen_id' | 'party_card_no' | 'admission_date' | 'official_date' | 'youth_union_date' | 'status_since' | 'general_education'>): MemberFacts {
  return {
    birthDate: m.birth_date,
    citizenId: m.citizen_id,
    partyCardNo: m.party_card_no,
    admissionDate: m.admission_date,
    officialDate: m.official_date,
    youthUnionDate: m.youth_union_date,
    statusSince: m.status_since,
    generalEducation: m.general_education,
  };
}

async function assertKeysFree(tx: Tx, citizenId: string | null, partyCardNo: string | null, exceptId: number | null) {
  if (citizenId !== null && (await repo.citizenIdTaken(tx, citizenId, exceptId))) {
    throw new AppError('DUPLICATE_CITIZEN_ID', { value: citizenId }, { field: 'citizenId' });
  }
  if (partyCardNo !== null && (await repo.partyCardTaken(tx, partyCardNo, exceptId))) {
    throw new AppError('DUPLICATE_PARTY_CARD', { value: partyCardNo }, { field: 'partyCardNo' });
  }
}

/** An org a member can be placed in: visible to the caller, live, and a cell of some kind. */
async function placeableOrg(tx: Tx, scope: Scope, orgId: number, field: string): Promise<repo.OrgForMembers> {
  const org = await repo.findOrg(tx, scope, orgId, { forShare: true });
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field });
  if (org.dissolved_on !== null) throw new AppError('ORG_DISSOLVED', { name: org.name }, { field });
  if (!holdsMembers(org.org_type as OrgType)) throw new AppError('ORG_HOLDS_NO_MEMBERS', { name: org.name }, { field });
  return org;
}

const notFound = (id: number) => new AppError('MEMBER_NOT_FOUND', { id }, { field: 'id' });

function assertVersion(m: MemberRow, given: number): void {
  if (m.version !== given) throw new AppError('STALE_VERSION', { current: m.version, given }, { field: 'version', current: m.version });
}

/** Whether the caller may see the sensitive fields of a member placed at this path. */
function seesSensitive(ctx: ServiceContext, orgPath: string): boolean {
  return pathInScope(ctx.access.scopeFor('member_sensitive', 'read'), orgPath);
}

function guarded(ctx: ServiceContext, m: MemberRow, record: MemberRecord): MemberRecord {
  if (seesSensitive(ctx, m.org_path)) return record;
  const { fields, redacted } = redactSensitive(record);
  return { ...fields, redactedFields: redacted };
}

/** R-AGE-01…04: party age today from the record's admission date and status intervals. */
async function partyAgeOf(ctx: ServiceContext, db: Kysely<DB> | Tx, scope: Scope, m: MemberRow): Promise<PartyAgeView | null> {
  if (m.admission_date === null) return null;
  return partyAgeView(m.admission_date, await repo.statusPeriods(db, scope, m.id), ctx.clock.today());
}

async function presentRecord(ctx: ServiceContext, db: Kysely<DB> | Tx, m: MemberRow): Promise<MemberRecord> {
  return guarded(ctx, m, toRecord(m, await repo.orgChain(db, ctx.scope, m.org_path), await repo.hasPhoto(db, ctx.scope, m.id), await partyAgeOf(ctx, db, ctx.scope, m)));
}

/** A scoped write that changed nothing found its member (or org) out of scope: answer as missing. */
function wrote(n: number, id: number): void {
  if (n === 0) throw notFound(id);
}

function auditEntry(action: string, m: MemberRow, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  return { action, entityType: 'member', entityId: m.id, orgPath: m.org_path, before, after };
}

// ---- create, read, edit --------------------------------------------------------------------

/** A record's name as stored and as compared: nearly all the cost of newMemberFields. */
export interface MemberNames {
  full_name: string;
  name_norm: string;
}

export function memberNames(fullName: string): MemberNames {
  const full = tidyFullName(fullName);
  return { full_name: full, name_norm: normalizeName(full) };
}

/**
 * The columns a new record gets from the create body: cleaned and defaulted as stored. `names`
 * is memberNames(input.fullName) when the caller has it already (the import's reading thread
 * derives it, the database half takes it instead of deriving it again).
 */
export function newMemberFields(input: CreateMemberInput, names: MemberNames = memberNames(input.fullName)) {
  return {
    full_name: names.full_name,
    name_norm: names.name_norm,
    name_sort: sortKeyOfNorm(names.name_norm),
    other_names: clean(input.otherNames),
    sex: input.sex,
    birth_date: input.birthDate,
    birthplace: clean(input.birthplace),
    hometown: clean(input.hometown),
    residence: clean(input.residence),
    ethnicity: input.ethnicity ?? 'kinh',
    religion: input.religion ?? 'none',
    citizen_id: cleanNumber(input.citizenId),
    party_card_no: cleanNumber(input.partyCardNo),
    admission_date: input.admissionDate ?? null,
    official_date: input.officialDate ?? null,
    youth_union_date: input.youthUnionDate ?? null,
    general_education: clean(input.generalEducation),
    professional_level: input.professionalLevel ?? null,
    theory_level: input.theoryLevel ?? 'none',
    occupation: clean(input.occupation),
    positions: clean(input.positions),
    phone: clean(input.phone),
    status: input.status,
    status_since: input.statusSince,
  };
}

/**
 * Every rule of the member form (R-REC-10) a create body breaks, as the errors the API answers
 * with: the import's dry run reports a row's problems with exactly these codes and messages.
 */
export function memberInputIssues(input: CreateMemberInput, today: string): AppError[] {
  return newMemberIssues(newMemberFields(input), today);
}

export type NewMemberFields = ReturnType<typeof newMemberFields>;

/** memberInputIssues over the columns already derived (an import derives them once per row). */
export function newMemberIssues(fields: NewMemberFields, today: string): AppError[] {
  return memberFieldIssues(factsOf(fields), today).map(issueError);
}

export async function createMember(ctx: ServiceContext, input: CreateMemberInput): Promise<MemberRecord> {
  return ctx.db.transaction().execute(async (tx) => {
    const m = await createMemberIn(tx, ctx, input);
    return guarded(ctx, m, toRecord(m, await repo.orgChain(tx, ctx.scope, m.org_path), false, await partyAgeOf(ctx, tx, ctx.scope, m)));
  });
}

/**
 * The one creation path of a member record, inside the caller's transaction: the admission
 * ceremony creates its member through it, with the decision number on the first status interval.
 */
export async function createMemberIn(tx: Tx, ctx: ServiceContext, input: CreateMemberInput, opts: { decisionNo?: string | null } = {}): Promise<MemberRow> {
  const fields = newMemberFields(input);
  const [issue] = memberFieldIssues(factsOf(fields), ctx.clock.today());
  if (issue) throw issueError(issue);

  const org = await placeableOrg(tx, ctx.scope, input.orgId, 'orgId');
  await assertKeysFree(tx, fields.citizen_id, fields.party_card_no, null);
  const now = ctx.clock.now();
  const m = await repo.insertMember(tx, ctx.scope, { ...fields, org_id: org.id, created_at: now, updated_at: now });
  if (!m) throw new AppError('ORG_NOT_FOUND', { id: input.orgId }, { field: 'orgId' });
  wrote(await repo.insertStatusPeriod(tx, ctx.scope, { memberId: m.id, validFrom: m.status_since, status: m.status, decisionNo: opts.decisionNo ?? null }), m.id);
  // Where the member was before this org is not known when an existing record is entered, so
  // the placement reaches back to admission: the best available answer for past dates.
  wrote(await repo.insertPlacement(tx, ctx.scope, { memberId: m.id, validFrom: m.admission_date ?? m.status_since, orgId: org.id }), m.id);
  await applyDelta(tx, org.path, dimDelta(null, m));
  await appendAudit(tx, ctx.actor, auditEntry('member.create', m, null, memberFields(m)));
  return m;
}

/**
 * Many new records at once inside the caller's transaction (the import's commit): the same rules
 * and refusals as createMemberIn — the form's rules, a live cell in scope, keys held by nobody —
 * written set-based: the members in one statement, their first status interval and placement in
 * two, one audit row each in one. Their roll-up contribution is not written here but added to
 * `rollup` (per org path), for the caller to apply once when the whole batch is in.
 */
export async function createMembersIn(tx: Tx, ctx: ServiceContext, inputs: readonly CreateMemberInput[], rollup: Map<string, DimCounts>): Promise<MemberRow[]> {
  if (inputs.length === 0) return [];
  const today = ctx.clock.today();
  const all = inputs.map((i) => newMemberFields(i));
  for (const fields of all) {
    const [issue] = memberFieldIssues(factsOf(fields), today);
    if (issue) throw issueError(issue);
  }
  for (const orgId of new Set(inputs.map((i) => i.orgId))) await placeableOrg(tx, ctx.scope, orgId, 'orgId');
  const citizenIds = all.flatMap((f) => (f.citizen_id === null ? [] : [f.citizen_id]));
  const cards = all.flatMap((f) => (f.party_card_no === null ? [] : [f.party_card_no]));
  const taken = await repo.keysTaken(tx, citizenIds, cards);
  const twice = (keys: string[]) => keys.find((k, i) => keys.indexOf(k) !== i);
  const cid = citizenIds.find((k) => taken.citizenIds.has(k)) ?? twice(citizenIds);
  if (cid !== undefined) throw new AppError('DUPLICATE_CITIZEN_ID', { value: cid }, { field: 'citizenId' });
  const card = cards.find((k) => taken.cards.has(k)) ?? twice(cards);
  if (card !== undefined) throw new AppError('DUPLICATE_PARTY_CARD', { value: card }, { field: 'partyCardNo' });

  const now = ctx.clock.now();
  const rows = await repo.insertMembers(
    tx,
    ctx.scope,
    all.map((fields, i) => ({ ...fields, org_id: inputs[i]!.orgId, created_at: now, updated_at: now })),
  );
  if (rows.length !== inputs.length) {
    const missing = inputs.find((i) => !rows.some((m) => m.org_id === i.orgId))?.orgId ?? inputs[0]!.orgId;
    throw new AppError('ORG_NOT_FOUND', { id: missing }, { field: 'orgId' });
  }
  const written = await repo.insertFirstIntervals(
    tx,
    ctx.scope,
    rows.map((m) => m.id),
  );
  if (written.periods !== rows.length || written.placements !== rows.length) throw notFound(rows[0]!.id);
  for (const m of rows) {
    let delta = rollup.get(m.org_path);
    if (!delta) rollup.set(m.org_path, (delta = new Map()));
    addDelta(delta, dimDelta(null, m));
  }
  await appendAudits(
    tx,
    ctx.actor,
    rows.map((m) => auditEntry('member.create', m, null, memberFields(m))),
  );
  return rows;
}

export async function getMember(ctx: ServiceContext, id: number): Promise<MemberRecord> {
  const m = await repo.findMember(ctx.db, ctx.scope, id);
  if (!m) throw notFound(id);
  // Who looked at whom: every read of a full record is on the trail.
  await appendAudit(ctx.db, ctx.actor, auditEntry('member.read', m, null, null));
  return presentRecord(ctx, ctx.db, m);
}

/** The caller's own member record (linked to their account), sensitive fields included: they are theirs. */
export async function getOwnRecord(ctx: ServiceContext): Promise<MemberRecord> {
  if (ctx.actor.userId === null) throw new AppError('UNAUTHENTICATED');
  const m = await repo.findOwnMember(ctx.db, ctx.actor.userId);
  if (!m) throw new AppError('NO_OWN_RECORD');
  // The record is read by identity, not by role scope; what follows it (breadcrumb, photo) is
  // read within the one org that holds it, so it cannot reach another record.
  const own = makeScope([m.org_path]);
  return toRecord(m, await repo.orgChain(ctx.db, own, m.org_path), await repo.hasPhoto(ctx.db, own, m.id), await partyAgeOf(ctx, ctx.db, own, m));
}

type Editable = Omit<PatchMemberInput, 'version' | 'status' | 'statusSince' | 'orgId'>;

/** The columns an edit sets, from the fields it sent (absent = unchanged, null = cleared). */
function editColumns(p: Editable): MemberUpdate {
  const set: MemberUpdate = {};
  if (p.fullName !== undefined) {
    const fullName = tidyFullName(p.fullName);
    const nameNorm = normalizeName(fullName);
    Object.assign(set, { full_name: fullName, name_norm: nameNorm, name_sort: sortKeyOfNorm(nameNorm) });
  }
  if (p.otherNames !== undefined) set.other_names = clean(p.otherNames);
  if (p.sex !== undefined) set.sex = p.sex;
  // R-AGE-05 fixes the DOB declared at admission; this corrects a mistyped record of it.
  if (p.birthDate !== undefined) set.birth_date = p.birthDate;
  if (p.birthplace !== undefined) set.birthplace = clean(p.birthplace);
  if (p.hometown !== undefined) set.hometown = clean(p.hometown);
  if (p.residence !== undefined) set.residence = clean(p.residence);
  if (p.ethnicity !== undefined) set.ethnicity = p.ethnicity;
  if (p.religion !== undefined) set.religion = p.religion;
  if (p.citizenId !== undefined) set.citizen_id = cleanNumber(p.citizenId);
  if (p.partyCardNo !== undefined) set.party_card_no = cleanNumber(p.partyCardNo);
  if (p.admissionDate !== undefined) set.admission_date = p.admissionDate;
  if (p.officialDate !== undefined) set.official_date = p.officialDate;
  if (p.youthUnionDate !== undefined) set.youth_union_date = p.youthUnionDate;
  if (p.generalEducation !== undefined) set.general_education = clean(p.generalEducation);
  if (p.professionalLevel !== undefined) set.professional_level = p.professionalLevel;
  if (p.theoryLevel !== undefined) set.theory_level = p.theoryLevel;
  if (p.occupation !== undefined) set.occupation = clean(p.occupation);
  if (p.positions !== undefined) set.positions = clean(p.positions);
  if (p.phone !== undefined) set.phone = clean(p.phone);
  return set;
}

export async function updateMember(ctx: ServiceContext, id: number, input: PatchMemberInput): Promise<MemberRecord> {
  return ctx.db.transaction().execute(async (tx) => presentRecord(ctx, tx, await updateMemberIn(tx, ctx, id, input)));
}

/**
 * The one edit path of a member record, inside the caller's transaction (the import's update
 * policy edits through it): the rules the edit touches, the keys, the roll-ups, one audit row
 * with before and after of the changed fields. An edit that changes nothing writes nothing.
 */
export async function updateMemberIn(tx: Tx, ctx: ServiceContext, id: number, input: PatchMemberInput): Promise<MemberRow> {
  const { version, status: _s, statusSince: _ss, orgId: _o, ...patch } = input;
  const before = await repo.findMember(tx, ctx.scope, id, { forUpdate: true });
  if (!before) throw notFound(id);
  assertVersion(before, version);

  const set = editColumns(patch);
  const after: MemberRow = { ...before, ...(set as Partial<MemberRow>) };
  const diff = changedFields(memberFields(before), memberFields(after));
  const changed = new Set(Object.keys(diff.after));
  if (changed.size === 0) return before;

  // Only the rules this edit touches: an old record's unrelated legacy value does not block it.
  const [issue] = issuesTouching(memberFieldIssues(factsOf(after), ctx.clock.today()), changed);
  if (issue) throw issueError(issue);
  await assertKeysFree(
    tx,
    changed.has('citizenId') ? after.citizen_id : null,
    changed.has('partyCardNo') ? after.party_card_no : null,
    id,
  );

  const now = ctx.clock.now();
  const n = await repo.updateMemberAtVersion(tx, ctx.scope, id, version, { ...set, updated_at: now });
  if (n === 0) throw new AppError('STALE_VERSION', { current: version + 1, given: version }, { field: 'version' });
  const saved: MemberRow = { ...after, version: version + 1, updated_at: now };
  if (changed.has('admissionDate') && before.admission_date !== null && saved.admission_date !== null) {
    await repo.shiftFirstPlacement(tx, ctx.scope, id, before.admission_date, saved.admission_date);
  }
  await applyDelta(tx, before.org_path, dimDelta(before, saved));
  await appendAudit(tx, ctx.actor, auditEntry('member.update', saved, diff.before, diff.after));
  return saved;
}

// ---- dated changes: status and placement ---------------------------------------------------

function assertEffectiveDate(date: string, today: string, last: string, name: string): void {
  if (date > today) throw new AppError('EFFECTIVE_DATE_IN_FUTURE', { date }, { field: 'effectiveDate' });
  if (date < last) throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date, name, last }, { field: 'effectiveDate' });
}

export async function changeStatus(ctx: ServiceContext, id: number, input: StatusChangeInput): Promise<MemberRecord> {
  return ctx.db.transaction().execute(async (tx) => presentRecord(ctx, tx, await changeStatusIn(tx, ctx, id, input)));
}

/**
 * The one path of a dated status change, inside the caller's transaction: closes the open status
 * interval, opens the next (with the reason a rule names, if any), updates the record, the roll-ups
 * and the audit trail, and closes the party card of a member leaving the rolls (R-REC-04). The
 * recognition decision (R-PROB-03/09) and every exit change their member through it.
 */
export async function changeStatusIn(
  tx: Tx,
  ctx: ServiceContext,
  id: number,
  input: StatusChangeInput,
  opts: { reason?: string | null; restoration?: boolean } = {},
): Promise<MemberRow> {
  const before = await repo.findMember(tx, ctx.scope, id, { forUpdate: true });
  if (!before) throw notFound(id);
  assertVersion(before, input.version);
  const from = before.status as MemberStatus;
  // R-AGE-04: a restoration (an upheld appeal against a removal) is the one way back from a removal.
  if (!(opts.restoration ? canRestore(from, input.status) : canTransition(from, input.status))) {
    throw new AppError(
      'STATUS_TRANSITION_NOT_ALLOWED',
      { from: STATUS_LABELS[from] ?? from, to: STATUS_LABELS[input.status] ?? input.status },
      { field: 'status' },
    );
  }
  // Coming back onto the rolls (a transfer in) needs a live cell to belong to.
  if (!isActive(from) && isActive(input.status)) await placeableOrg(tx, ctx.scope, before.org_id, 'status');
  const open = await repo.openStatusPeriod(tx, ctx.scope, id);
  const date = input.effectiveDate;
  assertEffectiveDate(date, ctx.clock.today(), open?.valid_from ?? before.status_since, before.full_name);
  const decisionNo = clean(input.decisionNo);
  const reason = opts.reason ?? null;
  // R-AGE-04: the removed interval is annulled, so party age runs through it; it stays in the history (R-REC-06).
  if (opts.restoration) {
    // The same day would replace the removed interval instead of closing it.
    if (open && open.valid_from === date) throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date, name: before.full_name, last: addCalendarDays(date, 1) }, { field: 'effectiveDate' });
    wrote(await repo.annulOpenStatusPeriod(tx, ctx.scope, id), id);
  }

  if (open && open.valid_from === date) {
    wrote(await repo.replaceOpenStatusPeriod(tx, ctx.scope, id, date, input.status, decisionNo, reason), id);
  } else {
    if (open) wrote(await repo.closeInterval(tx, ctx.scope, 'member_status_period', id, open.valid_from, date), id);
    wrote(await repo.insertStatusPeriod(tx, ctx.scope, { memberId: id, validFrom: date, status: input.status, decisionNo, reason }), id);
  }

  const now = ctx.clock.now();
  const set: MemberUpdate = { status: input.status, status_since: date, updated_at: now };
  // Officialization (R-PROB-*) dates the record's "ngày chính thức" when it was still empty.
  if (from === 'probationary' && input.status === 'official' && before.official_date === null) set.official_date = date;
  const n = await repo.updateMemberAtVersion(tx, ctx.scope, id, input.version, set);
  if (n === 0) throw new AppError('STALE_VERSION', { current: input.version + 1, given: input.version }, { field: 'version' });
  const saved: MemberRow = { ...before, ...(set as Partial<MemberRow>), version: input.version + 1 };

  // Leaving the rolls (transfer out, removal, death …) takes the member out of every count.
  await applyDelta(tx, before.org_path, dimDelta(before, saved));
  const diff = changedFields(memberFields(before), memberFields(saved));
  await appendAudit(tx, ctx.actor, auditEntry('member.status', saved, diff.before, { ...diff.after, effectiveDate: date, decisionNo, ...(reason ? { reason } : {}) }));
  // R-REC-04: an exit closes the open party card, a restoration asks for it again, in this transaction.
  await cardFollowsStatusIn(tx, ctx, { memberId: id, orgPath: before.org_path, from, to: input.status, date, decisionNo, restoration: opts.restoration === true });
  return saved;
}

export async function changePlacement(ctx: ServiceContext, id: number, input: PlacementChangeInput): Promise<MemberRecord> {
  return ctx.db.transaction().execute(async (tx) => presentRecord(ctx, tx, await changePlacementIn(tx, ctx, id, input)));
}

/**
 * The one path of a dated move to another cell, inside the caller's transaction: closes the open
 * placement, opens the next, moves the counts from every org above the old cell to every org above
 * the new one, and audits. The completion of an official transfer (R-TRF-01) moves its member
 * through it.
 */
export async function changePlacementIn(tx: Tx, ctx: ServiceContext, id: number, input: PlacementChangeInput): Promise<MemberRow> {
  const before = await repo.findMember(tx, ctx.scope, id, { forUpdate: true });
  if (!before) throw notFound(id);
  assertVersion(before, input.version);
  if (!isActive(before.status as MemberStatus)) {
    throw new AppError('MEMBER_NOT_ON_ROLLS', { name: before.full_name, status: STATUS_LABELS[before.status] ?? before.status }, { field: 'status' });
  }
  const org = await placeableOrg(tx, ctx.scope, input.orgId, 'orgId');
  if (org.id === before.org_id) throw new AppError('PLACEMENT_UNCHANGED', { name: before.full_name, org: org.name }, { field: 'orgId' });

  const open = await repo.openPlacement(tx, ctx.scope, id);
  const date = input.effectiveDate;
  const today = ctx.clock.today();
  assertEffectiveDate(date, today, open?.valid_from ?? before.admission_date ?? before.status_since, before.full_name);
  // Nobody sits in an org before it was founded.
  if (date < org.founded_on) throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date, name: org.name, last: org.founded_on }, { field: 'effectiveDate' });

  if (open && open.valid_from === date) {
    wrote(await repo.replaceOpenPlacement(tx, ctx.scope, id, date, org.id), id);
  } else {
    if (open) wrote(await repo.closeInterval(tx, ctx.scope, 'member_placement', id, open.valid_from, date), id);
    wrote(await repo.insertPlacement(tx, ctx.scope, { memberId: id, validFrom: date, orgId: org.id }), id);
  }

  const now = ctx.clock.now();
  const n = await repo.updateMemberAtVersion(tx, ctx.scope, id, input.version, { org_id: org.id, org_path: org.path, updated_at: now });
  if (n === 0) throw new AppError('STALE_VERSION', { current: input.version + 1, given: input.version }, { field: 'version' });
  const saved: MemberRow = { ...before, org_id: org.id, org_path: org.path, updated_at: now, version: input.version + 1 };

  // The counts leave every org above the old cell and arrive at every org above the new one;
  // on the shared ancestors the two cancel.
  await applyDelta(tx, before.org_path, dimDelta(before, null));
  await applyDelta(tx, org.path, dimDelta(null, saved));
  await appendAudit(
    tx,
    ctx.actor,
    auditEntry('member.placement', saved, { orgId: before.org_id }, { orgId: org.id, effectiveDate: date, decisionNo: clean(input.decisionNo) }),
  );
  return saved;
}

/** The member's status and org on `date` (capability 2: "as of any date"), from the intervals. */
export async function memberOnDate(db: Kysely<DB>, scope: Scope, id: number, date: string): Promise<MemberOnDate> {
  const row = await repo.memberOnDate(db, scope, id, date);
  if (!row) throw notFound(id);
  return toOnDate(row, date);
}

export async function memberHistory(ctx: ServiceContext, id: number): Promise<MemberHistory> {
  const member = await repo.findMember(ctx.db, ctx.scope, id);
  if (!member) throw notFound(id);
  const [periods, places, audit] = [
    await repo.statusPeriods(ctx.db, ctx.scope, id),
    await repo.placements(ctx.db, ctx.scope, id),
    await repo.auditEntries(ctx.db, ctx.scope, id),
  ];
  const hide = !seesSensitive(ctx, member.org_path);
  const shown = (f: unknown) => (hide ? withoutSensitiveKeys(f as Record<string, unknown> | null) : ((f as Record<string, unknown> | null) ?? null));
  return {
    statusPeriods: periods.map((p) => ({ status: p.status, validFrom: p.valid_from, validTo: p.valid_to, decisionNo: p.decision_no })),
    placements: places.map((p) => ({ orgId: p.org_id, orgCode: p.org_code, orgName: p.org_name, validFrom: p.valid_from, validTo: p.valid_to })),
    audit: audit.map((a) => ({
      id: a.id,
      at: isoTimestamp(a.at),
      action: a.action,
      userId: a.user_id,
      username: a.username,
      before: shown(a.before),
      after: shown(a.after),
    })),
  };
}

// ---- list and search -----------------------------------------------------------------------

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** A parsed search as the repository runs it: word prefixes expanded to the name words they start. */
export async function searchToRun(db: Kysely<DB>, search: Exclude<MemberSearch, { kind: 'none' } | { kind: 'tooShort' }>): Promise<repo.MemberListFilter['search'] | 'nobody'> {
  if (search.kind !== 'words') return search;
  const expansions = await repo.nameWordsStartingWith(db, search.words);
  const lexemes = wordsQuery(search.words, expansions);
  return lexemes === null ? 'nobody' : { kind: 'words', words: search.words, lexemes, expansions };
}

/** What a list's query selects, as the list and the export both read it. */
export type ListFilterQuery = Pick<ListMembersQuery, 'q' | 'mode' | 'org' | 'status' | 'sex' | 'ageBand' | 'theoryLevel' | 'ethnicGroup'>;

/**
 * The list's reading of its filters, shared by the list and the export so that a file never
 * holds other rows than the screen: the org (in scope, else ORG_NOT_FOUND), the statuses (on
 * the rolls by default), and the search, with word prefixes expanded. Null when nobody can match.
 */
export async function listFilterOf(
  ctx: ServiceContext,
  query: ListFilterQuery,
): Promise<{ filter: repo.MemberListFilter; org: repo.OrgForMembers | null } | null> {
  let org: repo.OrgForMembers | null = null;
  if (query.org !== undefined) {
    org = (await repo.findOrg(ctx.db, ctx.scope, query.org)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: query.org }, { field: 'org' });
  }
  const statuses = query.status ? [...new Set(query.status.split(','))] : [...ACTIVE_STATUSES];
  let search = query.q === undefined ? null : parseMemberSearch(query.q, query.mode);
  // A citizen ID is sensitive: whoever may not read it everywhere they search may not look
  // people up by it either (a match would confirm it). The same 12 digits still find a card.
  if (search?.kind === 'citizenIdOrCard' && !ctx.scope.paths.every((p) => seesSensitive(ctx, p))) {
    search = { kind: 'partyCard', value: search.value };
  }
  // So is ethnicity: a list narrowed by it names who belongs to a minority.
  if (query.ethnicGroup !== undefined && !(org ? seesSensitive(ctx, org.path) : ctx.scope.paths.every((p) => seesSensitive(ctx, p)))) {
    throw new Refusal('sensitive_filter');
  }
  if (search?.kind === 'tooShort') throw new AppError('SEARCH_TOO_SHORT', { min: MIN_ANYWHERE_LENGTH }, { field: 'q' });
  if (search?.kind === 'none') return null;
  const listSearch = search === null ? null : await searchToRun(ctx.db, search);
  // A word that starts no name word anywhere: nobody matches, wherever the caller looks.
  if (listSearch === 'nobody') return null;
  return {
    filter: {
      orgPath: org?.path ?? null,
      statuses,
      sex: query.sex ?? null,
      birthDates: query.ageBand ? birthDateRanges(query.ageBand, ctx.clock.today()) : null,
      theoryLevels: query.theoryLevel ? [...new Set(query.theoryLevel.split(','))] : null,
      ethnicGroup: query.ethnicGroup ?? null,
      search: listSearch,
    },
    org,
  };
}

export async function listMembers(ctx: ServiceContext, query: ListMembersQuery): Promise<MemberList> {
  const plan = await listFilterOf(ctx, query);
  if (plan === null) return { items: [], total: 0 };
  const { filter, org } = plan;
  const rootIds = org ? [org.id] : null;
  const { search } = filter;
  const start: repo.PageStart = query.after !== undefined ? { after: cursorFor(query.after, query.sort) } : { offset: (query.page - 1) * query.pageSize };

  // One row more than the page tells whether a next page exists without counting.
  const limit = query.pageSize + 1;
  let rows: repo.MemberListRow[];
  let total: { n: number; atLeast: boolean };
  const tokens = search !== null ? await tokenPlan(ctx.db, ctx.scope, filter, query.sort) : null;
  if (tokens !== null) {
    const page = await tokenSearchPage(ctx.db, tokens, limit, start, TOTAL_CAP);
    rows = page.rows;
    total = page.counted > TOTAL_CAP ? { n: TOTAL_CAP, atLeast: true } : { n: page.counted, atLeast: false };
  } else if (search !== null) {
    const page = await repo.searchPage(ctx.db, ctx.scope, filter, query.sort, limit, start);
    rows = page.rows;
    total = page.total !== null ? { n: page.total, atLeast: false } : await repo.countFiltered(ctx.db, ctx.scope, filter, TOTAL_CAP);
  } else {
    rows = await repo.listPage(ctx.db, ctx.scope, filter, query.sort, limit, start);
    const fromRollups = await totalFromRollups(ctx.db, ctx.scope, filter, rootIds);
    total = fromRollups !== null ? { n: fromRollups, atLeast: false } : await repo.countFiltered(ctx.db, ctx.scope, filter, TOTAL_CAP);
  }
  const more = rows.length > query.pageSize;
  const items = rows.slice(0, query.pageSize);
  const last = items.at(-1);
  return {
    items: items.map(toListItem),
    total: total.n,
    ...(total.atLeast ? { totalIsLowerBound: true as const } : {}),
    ...(more && last ? { nextCursor: encodeCursor({ sort: query.sort, value: repo.sortValue(last, query.sort), id: last.id }) } : {}),
  };
}

/**
 * The birth dates of the asked age bands as of this year, the year the dashboard's figures use
 * (R-STAT-04: age by year of birth), so a figure and the list it links to agree.
 */
function birthDateRanges(bands: string, today: string): { from: string | null; before: string | null }[] {
  const year = Number(today.slice(0, 4));
  return [...new Set(bands.split(','))].map((b) => {
    const r = birthYearsOfBand(b as AgeBand, year);
    return { from: r.from === null ? null : `${r.from}-01-01`, before: r.to === null ? null : `${r.to + 1}-01-01` };
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The cursor a client sent back, checked against the sort it asks for (a date key must be a date). */
function cursorFor(text: string, sort: MemberSort): ListCursor {
  const c = decodeCursor(text);
  const bad = () => new AppError('INVALID_CURSOR', {}, { field: 'after' });
  if (!c || c.sort !== sort) throw bad();
  const byDate = sort !== 'name' && sort !== '-name';
  const nullable = sort === 'admissionDate' || sort === '-admissionDate';
  if (c.value === null ? !nullable : byDate && !(ISO_DATE.test(c.value) && !Number.isNaN(Date.parse(`${c.value}T00:00:00Z`)))) throw bad();
  return c;
}

/**
 * The list's total read from the roll-ups when they hold exactly that number: no search, and
 * statuses on the rolls only (all of them, optionally split by sex, or a subset of them).
 * Counting a province's 165,000 rows per page view is what this avoids. Null when they do not.
 */
async function totalFromRollups(db: Kysely<DB>, scope: Scope, f: repo.MemberListFilter, rootIds: number[] | null): Promise<number | null> {
  if (f.search !== null || f.birthDates) return null;
  if (!f.statuses.every((s) => ACTIVE_STATUSES.includes(s as MemberStatus))) return null;
  const allActive = sameSet(f.statuses, ACTIVE_STATUSES);
  if (f.sex !== null && !allActive) return null;
  // Theory levels alone over the whole rolls are one roll-up dimension; with anything else they are counted.
  if (f.theoryLevels && (f.sex !== null || !allActive)) return null;
  // So is the ethnic group, as the dashboard counts it: Kinh, and the rest of the rolls.
  if (f.ethnicGroup && (f.sex !== null || f.theoryLevels || !allActive)) return null;
  // Without an org filter the list is the caller's scope: the disjoint subtrees it names.
  const orgIds = rootIds ?? (scope.paths.includes('/') ? await repo.rootOrgIds(db) : scope.paths.map((p) => ancestorIds(p).at(-1)!));
  if (f.sex !== null) return repo.rollupSum(db, orgIds, 'sex', [f.sex]);
  if (f.theoryLevels) return repo.rollupSum(db, orgIds, 'theory_level', f.theoryLevels);
  if (f.ethnicGroup) {
    const kinh = await repo.rollupSum(db, orgIds, 'ethnicity', [KINH]);
    return f.ethnicGroup === 'kinh' ? kinh : (await repo.rollupSum(db, orgIds, 'total', ['all'])) - kinh;
  }
  if (allActive) return repo.rollupSum(db, orgIds, 'total', ['all']);
  return repo.rollupSum(db, orgIds, 'status', f.statuses);
}

// ---- photo ---------------------------------------------------------------------------------

const SIGNATURES: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export async function putPhoto(ctx: ServiceContext, id: number, contentType: string, data: Uint8Array): Promise<void> {
  if (data.length > MAX_PHOTO_BYTES) throw new AppError('PHOTO_TOO_LARGE', { max: '2 MB' }, { field: 'body' });
  const signature = SIGNATURES[contentType];
  if (!signature) throw new AppError('UNSUPPORTED_PHOTO_TYPE', {}, { field: 'content-type' });
  // The declared type is checked against the bytes, so what GET serves is what it claims to be.
  if (data.length < 32 || !signature.every((b, i) => data[i] === b)) {
    throw new AppError('INVALID_PHOTO', { type: contentType === 'image/png' ? 'PNG' : 'JPEG' }, { field: 'body' });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const m = await repo.findMember(tx, ctx.scope, id, { forUpdate: true });
    if (!m) throw notFound(id);
    const before = await repo.photoMeta(tx, ctx.scope, id);
    wrote(await repo.upsertPhoto(tx, ctx.scope, id, contentType, data, ctx.clock.now()), id);
    await appendAudit(
      tx,
      ctx.actor,
      auditEntry(
        'member.photo',
        m,
        before ? { photo: { contentType: before.content_type, bytes: Number(before.bytes) } } : null,
        { photo: { contentType, bytes: data.length } },
      ),
    );
  });
}

export async function getPhoto(ctx: ServiceContext, id: number): Promise<{ contentType: string; data: Buffer; updatedAt: Date }> {
  const photo = await repo.findPhoto(ctx.db, ctx.scope, id);
  if (photo) return { contentType: photo.content_type, data: Buffer.from(photo.data), updatedAt: new Date(photo.updated_at) };
  if (!(await repo.findMember(ctx.db, ctx.scope, id))) throw notFound(id);
  throw new AppError('PHOTO_NOT_FOUND', { id }, { field: 'id' });
}
