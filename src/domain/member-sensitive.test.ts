import { describe, expect, it } from 'vitest';
import { isSensitiveMemberField, maskCitizenIds, redactSensitive, SENSITIVE_MEMBER_FIELDS, withoutSensitiveKeys } from './member-sensitive.js';

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

describe('maskCitizenIds', () => {
  it('keeps the last four digits of a 12-digit citizen ID, alone or inside text', () => {
    expect(maskCitizenIds('001190000101')).toBe('••••••••0101');
    expect(maskCitizenIds('cccd 001190000101, xem lai')).toBe('cccd ••••••••0101, xem lai');
  });
  it('leaves names, party card numbers and longer digit runs as typed', () => {
    expect(maskCitizenIds('nguyen van hung')).toBe('nguyen van hung');
    expect(maskCitizenIds('90000101')).toBe('90000101');
    expect(maskCitizenIds('0011900001012')).toBe('0011900001012');
  });
});
