// The fields of a member record that only roles holding `member_sensitive:read` see (issue 3:
// citizen ID, ethnicity, religion, phone, addresses; family details join when the record has
// them). Used for records, their change history and any export.

export const SENSITIVE_MEMBER_FIELDS = ['citizenId', 'ethnicity', 'religion', 'phone', 'birthplace', 'hometown', 'residence'] as const;
export type SensitiveMemberField = (typeof SENSITIVE_MEMBER_FIELDS)[number];

const sensitive = new Set<string>(SENSITIVE_MEMBER_FIELDS);

export function isSensitiveMemberField(field: string): boolean {
  return sensitive.has(field);
}

/** The same object with every sensitive field present set to null, and which ones were hidden. */
export function redactSensitive<T extends Record<string, unknown>>(fields: T): { fields: T; redacted: SensitiveMemberField[] } {
  const out: Record<string, unknown> = { ...fields };
  const redacted: SensitiveMemberField[] = [];
  for (const f of SENSITIVE_MEMBER_FIELDS) {
    if (f in out) {
      out[f] = null;
      redacted.push(f);
    }
  }
  return { fields: out as T, redacted };
}

/** A change-history entry without the sensitive fields (their keys dropped, not nulled: no hint of a value). */
export function withoutSensitiveKeys(fields: Record<string, unknown> | null): Record<string, unknown> | null {
  if (fields === null) return null;
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !sensitive.has(k)));
}

const CITIZEN_ID_IN_TEXT = /(?<!\d)\d{8}(\d{4})(?!\d)/g;

/**
 * Free text with every citizen ID in it (12 digits standing alone) reduced to its last four,
 * for what is stored where readers of the audit trail without `member_sensitive:read` see it:
 * a search typed into an export's filters may be a citizen ID.
 */
export function maskCitizenIds(text: string): string {
  return text.replace(CITIZEN_ID_IN_TEXT, '••••••••$1');
}
