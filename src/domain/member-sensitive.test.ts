import { describe, expect, it } from 'vitest';
import { isSensitiveMemberField, redactSensitive, SENSITIVE_MEMBER_FIELDS, withoutSensitiveKeys } from './member-sensitive.js';

describe('sensitive member fields', () => {
  it('names citizen ID, ethnicity, religion, phone and the addresses, and nothing of the party record', () => {
    for (const f of ['citizenId', 'ethnicity', 'religion', 'phone', 'residence', 'hometown', 'birthplace']) expect(isSensitiveMemberField(f)).toBe(true);
    for (const f of ['fullName', 'partyCardNo', 'admissionDate', 'status', 'theoryLevel']) expect(isSensitiveMemberField(f)).toBe(false);
    expect(SENSITIVE_MEMBER_FIELDS).toHaveLength(7);
  });

  it('nulls the sensitive fields of a record and says which', () => {
    const { fields, redacted } = redactSensitive({ fullName: 'Lò Văn Pấng', citizenId: '011234567890', ethnicity: 'thai', phone: null });
    expect(fields).toEqual({ fullName: 'Lò Văn Pấng', citizenId: null, ethnicity: null, phone: null });
    expect(redacted.sort()).toEqual(['citizenId', 'ethnicity', 'phone']);
  });

  it('drops the sensitive keys of a history entry entirely', () => {
    expect(withoutSensitiveKeys({ religion: 'catholic', occupation: 'giáo viên' })).toEqual({ occupation: 'giáo viên' });
    expect(withoutSensitiveKeys(null)).toBeNull();
  });
});
