import { memoByText } from './memo.js';

// Vietnamese name normalization, v1. The one place that decides how names compare, so that
// "nguyen van hung", "Nguyễn Văn Hùng" and "NGUYEN VAN HUNG" are the same search key.

/** One word of normalizeName: NFD, combining marks stripped, đ/Đ → d, lower case. */
const normalizeWord = memoByText((word: string) =>
  word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase(),
);

/**
 * NFD, strip combining marks, đ/Đ → d, lower case, collapse white space. Word by word (none of
 * these steps crosses a space), so that the few thousand words names are made of are each
 * worked out once however many names a list holds.
 */
export function normalizeName(input: string): string {
  let out = '';
  for (const w of input.split(WHITE_SPACE)) {
    if (w === '') continue;
    const n = normalizeWord(w);
    // A "word" of combining marks alone vanishes, as it would in the whole-string reading.
    if (n === '') continue;
    out = out === '' ? n : `${out} ${n}`;
  }
  return out;
}

const WHITE_SPACE = /\s+/;

/**
 * Sort key in the order Vietnamese lists use: by given name (the last word), then by the
 * whole name, so "Trần Văn An" comes before "Lê Thị Bình".
 */
export function nameSortKey(fullName: string): string {
  return sortKeyOfNorm(normalizeName(fullName));
}

/** nameSortKey of a name already normalized. */
export function sortKeyOfNorm(norm: string): string {
  const given = norm.slice(norm.lastIndexOf(' ') + 1);
  return `${given} ${norm}`;
}

/** Search words of a query: normalized and stripped of anything but letters and digits. */
export function searchWords(query: string): string[] {
  return normalizeName(query)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter((w) => w.length > 0);
}

/** Full name as the member form prints it: each word capitalised, single spaces. */
export function tidyFullName(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map(tidyWord)
    .join(' ');
}

const tidyWord = memoByText((w: string) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'));
