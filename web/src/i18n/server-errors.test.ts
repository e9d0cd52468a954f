import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, errorStatus, type ErrorCode } from '../../../src/errors.js';
import { messages, refusals } from '../../../src/i18n/vi.js';
import { errorText } from '../api/error-text.js';
import i18n, { loadLanguage } from './index.js';
import en from './en.json';
import vi from './vi.json';

// Every error code the server can send (errorStatus is the one list AppError accepts) and every
// reason a refusal gives must have a text in both languages, with the same parameters as the
// server's message: otherwise English mode would fall back to Vietnamese for it.

const serverParams = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const clientParams = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const codes = Object.keys(errorStatus) as ErrorCode[];

describe('server error codes in the web locales', () => {
  for (const [lang, file] of [['vi', vi], ['en', en]] as const) {
    const texts = file.serverErrors as unknown as Record<string, string> & { refusals: Record<string, string> };
    it(`${lang}.json has every code, with the server message's parameters`, () => {
      expect(codes.length).toBeGreaterThan(50);
      const missing = codes.filter((c) => typeof texts[c] !== 'string');
      expect(missing).toEqual([]);
      for (const c of codes) expect(clientParams(texts[c]!), c).toEqual(serverParams(messages[c]));
    });
    it(`${lang}.json has every refusal reason, with its parameters`, () => {
      for (const [reason, template] of Object.entries(refusals)) {
        expect(typeof texts.refusals[reason], reason).toBe('string');
        expect(clientParams(texts.refusals[reason]!), reason).toEqual(serverParams(template));
      }
    });
    it(`${lang}.json has no code the server does not send`, () => {
      expect(Object.keys(texts).filter((k) => k !== 'refusals' && !codes.includes(k as ErrorCode))).toEqual([]);
    });
  }
});

describe('errorText', () => {
  // English loads when chosen (index.ts); the app's setLanguage does this before switching.
  beforeAll(() => loadLanguage('en'));

  it('words a server error in the chosen language from its code and parameters', async () => {
    const body = new AppError('STALE_VERSION', { current: 3, given: 2 }).toBody().error;
    await i18n.changeLanguage('en');
    expect(errorText(body.code, body.params, body.details, body.message)).toBe(
      'Someone else has changed this record (current version 3, you edited version 2). Reload it and edit again',
    );
    await i18n.changeLanguage('vi');
    expect(errorText(body.code, body.params, body.details, body.message)).toBe(body.message);
  });

  it('uses the reason of a refusal, and the server message for an unknown code or missing parameters', async () => {
    await i18n.changeLanguage('en');
    expect(errorText('FORBIDDEN', {}, { reason: 'self_grant' }, 'x')).toBe('Nobody may grant or revoke their own roles; ask a higher administrator');
    expect(errorText('FORBIDDEN', {}, null, 'x')).toBe('You are not allowed to do this');
    expect(errorText('SOMETHING_NEW', {}, null, 'Thông báo mới')).toBe('Thông báo mới');
    expect(errorText('HTTP_502', undefined, null, 'Bad Gateway')).toBe('Bad Gateway');
    expect(errorText('MEMBER_NOT_FOUND', undefined, null, 'Không tìm thấy đảng viên (mã 7)')).toBe('Không tìm thấy đảng viên (mã 7)');
    await i18n.changeLanguage('vi');
  });
});
