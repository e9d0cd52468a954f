import { normalizeName, searchWords } from '../../domain/vn-name.js';

// What a list query's `q` asks for. Decided here, in one pure function, so that the repository
// only translates a known shape into SQL and never sees raw user text in a tsquery.

export type MemberSearch =
  /** Every word is a prefix of some word of the name (GIN on to_tsvector('simple', name_norm)). */
  | { kind: 'words'; tsquery: string }
  /** The normalized text occurs anywhere in the name (GIN trigram on name_norm). */
  | { kind: 'anywhere'; likePattern: string }
  /** 12 digits: a citizen ID, or a new-model card number, which equals it (R-REC-02). */
  | { kind: 'citizenIdOrCard'; value: string }
  /** 6–11 digits: an older party card number. */
  | { kind: 'partyCard'; value: string }
  /** Nothing searchable was typed (only punctuation): matches no one. */
  | { kind: 'none' }
  /** Anywhere mode with fewer than MIN_ANYWHERE_LENGTH characters: refused. */
  | { kind: 'tooShort' };

/** Below three characters a trigram index cannot narrow anything, so the scan would be the table. */
export const MIN_ANYWHERE_LENGTH = 3;
const MAX_WORDS = 8;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function parseMemberSearch(q: string, mode: 'word' | 'anywhere'): MemberSearch | null {
  if (q.trim() === '') return null;
  const digits = q.replace(/[\s.-]/g, '');
  if (/^[0-9]{12}$/.test(digits)) return { kind: 'citizenIdOrCard', value: digits };
  if (/^[0-9]{6,11}$/.test(digits)) return { kind: 'partyCard', value: digits };

  if (mode === 'anywhere') {
    const norm = normalizeName(q);
    if (norm.length < MIN_ANYWHERE_LENGTH) return { kind: 'tooShort' };
    return { kind: 'anywhere', likePattern: `%${escapeLike(norm)}%` };
  }
  // searchWords keeps only [a-z0-9], so the words cannot carry tsquery operators.
  const words = searchWords(q).slice(0, MAX_WORDS);
  if (words.length === 0) return { kind: 'none' };
  return { kind: 'words', tsquery: words.map((w) => `${w}:*`).join(' & ') };
}
