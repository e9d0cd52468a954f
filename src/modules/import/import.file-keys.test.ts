import { describe, expect, it } from 'vitest';
import { RowsByNumber, RowsByText } from './import.file-keys.js';

// The file's keys in typed arrays must answer exactly what a Map answers: the first row of a key
// seen before, nothing for a new one — through growth, for keys that share a hash's low bits,
// for texts with characters above 255, and for texts that are prefixes of one another.

function sameAsMap<K>(table: { firstOrSet(k: K, row: number): number | undefined }, keys: K[]) {
  const map = new Map<K, number>();
  keys.forEach((k, i) => {
    const row = i + 1;
    const expected = map.get(k);
    if (expected === undefined) map.set(k, row);
    expect(table.firstOrSet(k, row), String(k)).toBe(expected);
  });
  return map.size;
}

describe('member import: the keys of the file for its duplicates', () => {
  it('numbers: the first row of each, through growth and keys alike in their low bits', () => {
    let seed = 3;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const keys: number[] = [];
    for (let i = 0; i < 30_000; i++) keys.push(Number(`10${String(random(20_000)).padStart(11, '0')}`));
    // Equal low 32 bits, different high bits; the largest keys a 15-digit number makes.
    for (let i = 0; i < 2_000; i++) keys.push(i * 4294967296 + 17, 1999999999999999 - (i % 500));
    const distinct = sameAsMap(new RowsByNumber(4), keys);
    expect(distinct).toBeGreaterThan(10_000);
    expect(distinct).toBeLessThan(keys.length);
  });

  it('texts: the first row of each, prefixes and characters above 255 included', () => {
    let seed = 5;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const words = ['nguyen', 'van', 'an', 'thi', 'hoa', 'le', 'ƣ', 'đ', 'a'];
    const keys: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const name = Array.from({ length: 1 + random(3) }, () => words[random(words.length)]).join(' ');
      keys.push(`${name}|19${50 + random(3)}-01-0${1 + random(3)}`, name, '');
    }
    const distinct = sameAsMap(new RowsByText(), keys);
    expect(distinct).toBeGreaterThan(1_000);
  });

  it('texts: never one for another when their hashes meet', () => {
    // Pairs of one length whose 32-bit hashes are equal (found by search).
    const pairs = [
      ['nguyen van 00yzx|1970-01-01', 'nguyen van 0b6ad|1970-01-01'],
      ['nguyen van 00yzy|1970-01-01', 'nguyen van 0b6ae|1970-01-01'],
    ];
    const keys = pairs.flat();
    expect(sameAsMap(new RowsByText(), [...keys, ...keys])).toBe(4);
  });
});
