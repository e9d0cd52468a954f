import type { MemberDraft } from '../../domain/import/member-row.js';
import { createMemberBody, type CreateMemberInput } from '../member/member.schema.js';

// An import row is valid when the API's create body (createMemberBody) accepts it: the same
// rules, the same messages. A strict object with no rule across fields accepts a body exactly
// when it names no unknown field and each field's own schema accepts its value (absent or not),
// so each field is parsed alone, and a value the file repeats (a date, a code, a level — most of
// a row) is parsed once: a list of a million rows otherwise pays zod's whole object, two dozen
// fields, on every row. Anything else than a clean success is parsed again as a whole body, so
// a bad row's issues are the API's own, in its order (import.member-body.test.ts compares them).

type Field = keyof typeof createMemberBody.shape;
type Outcome = { ok: true; value: unknown } | { ok: false };

export type BodyVerdict =
  | { success: true; data: CreateMemberInput }
  | { success: false; issues: readonly { path: readonly PropertyKey[]; message: string }[] };

const SHAPE = createMemberBody.shape;
const FIELDS = Object.keys(SHAPE) as Field[];
/** Fields whose values differ from row to row: parsed each time, never remembered. */
const DISTINCT = new Set<string>(['fullName', 'otherNames', 'citizenId', 'partyCardNo', 'phone', 'residence']);
/** Remembered outcomes per field; started again when full, so memory stays flat. */
const MEMO_LIMIT = 10_000;

/** Field by field holds only while the body has no rule of its own (a refine over fields). */
const byField = (createMemberBody._zod.def.checks ?? []).length === 0;

/** Per field but the distinct ones. */
const outcomes = new Map<Field, Map<unknown, Outcome>>(FIELDS.map((f) => [f, new Map()]));

/** Each field's outcome when absent, per field index: most rows leave the same fields empty. */
const absent: (Outcome | undefined)[] = [];

function outcome(field: Field, value: unknown): Outcome {
  const memo = DISTINCT.has(field) ? undefined : outcomes.get(field);
  const hit = memo?.get(value);
  if (hit !== undefined) return hit;
  const r = SHAPE[field].safeParse(value);
  const o: Outcome = r.success ? { ok: true, value: r.data } : { ok: false };
  if (memo !== undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(value, o);
  }
  return o;
}

/** What createMemberBody.safeParse({ ...draft, orgId }) answers, at a fraction of its cost. */
export function parseMemberBody(draft: MemberDraft, orgId: number): BodyVerdict {
  if (byField) {
    const data: Record<string, unknown> = {};
    let ok = true;
    let known = 0;
    for (let i = 0; i < FIELDS.length; i++) {
      const f = FIELDS[i]!;
      const value = f === 'orgId' ? orgId : draft[f];
      const present = value !== undefined;
      const o = present ? outcome(f, value) : (absent[i] ??= outcome(f, undefined));
      if (!o.ok) {
        ok = false;
        break;
      }
      if (present) {
        data[f] = o.value;
        if (f !== 'orgId') known++;
      } else if (o.value !== undefined || !SHAPE[f]._zod.optin) {
        // An absent field the schema fills or requires: the whole body decides.
        ok = false;
        break;
      }
    }
    // Every key of the draft a field of the body (a strict object refuses the others).
    if (ok && known === Object.keys(draft).length) return { success: true, data: data as CreateMemberInput };
  }
  const r = createMemberBody.safeParse({ ...draft, orgId });
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
}
