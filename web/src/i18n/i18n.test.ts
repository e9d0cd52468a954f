import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

// Both languages must offer the same keys, so switching language never shows a raw key.
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('web i18n', () => {
  it('vi.json and en.json have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('no text is empty', () => {
    for (const [name, file] of [['vi', vi], ['en', en]] as const) {
      const empty = keys(file).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], file) === '');
      expect(empty, name).toEqual([]);
    }
  });
});
