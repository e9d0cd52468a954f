import { normalizeName, searchWords } from '../../domain/vn-name.js';

// What a list query's `q` asks for. Decided here, in one pure function, so that the repository
// only translates a known shape into SQL and never sees raw user text in a tsquery.

export type MemberSearch =
  /** Every word is a prefix of some word of the name (GIN on member_name_words, migration 0007). */
  | { kind: 'words'; words: readonly string[] }
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

/**
 * A word search once its prefixes are expanded to the name words they start (wordsQuery):
 * what the repository runs. `lexemes` is tsquery text built only from [a-z0-9] words.
 */
export interface WordsSearch {
  kind: 'words';
  words: readonly string[];
  lexemes: string;
  /** For each query word, the name words it starts. */
  expansions: ReadonlyMap<string, readonly string[]>;
}

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
  return { kind: 'words', words };
}

/**
 * A prefix with more name words than this is asked as a GIN partial match ('w':*) instead of an
 * OR of every word: one or two letters can start hundreds of words, and the query text should
 * stay small. Partial match reads the same posting lists, so only the text size changes.
 */
export const MAX_EXPANSION = 200;

/**
 * The tsquery of a word search, given for each query word the name words it is a prefix of
 * (the vocabulary, migration 0007): "nguy v hu" → 'nguyen' & ('van' | 'vang') & ('hu' | 'hung').
 * Null when some word starts no name word: nobody can match, so nothing needs to run.
 * Every word is [a-z0-9] (searchWords), so quoting cannot be broken.
 */
export function wordsQuery(words: readonly string[], expansions: ReadonlyMap<string, readonly string[]>): string | null {
  const groups: string[] = [];
  for (const w of words) {
    const names = expansions.get(w) ?? [];
    if (names.length === 0) return null;
    if (names.length > MAX_EXPANSION) groups.push(`'${w}':*`);
    else groups.push(names.length === 1 ? `'${names[0]}'` : `(${names.map((n) => `'${n}'`).join(' | ')})`);
  }
  return groups.join(' & ');
}

/** LIKE patterns equal to the word query on ' ' || the name's words: '% w%' per word. */
export function prefixLikePatterns(words: readonly string[]): string[] {
  return words.map((w) => `% ${w}%`);
}

// ---- keyset cursor ---------------------------------------------------------------------------
// A page's position is the sort key and id of its last row, so the next page starts right after
// it through the sort's index instead of skipping `offset` rows. Opaque to the client: base64url
// of JSON, carrying the sort it belongs to so that a cursor is never applied to another order.

export interface ListCursor {
  sort: string;
  /** The last row's sort value: name_sort, or a date (null for a missing admission date). */
  value: string | null;
  id: number;
}

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id]), 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this code wrote. */
export function decodeCursor(text: string): ListCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [sort, value, id] = parsed as unknown[];
  if (typeof sort !== 'string' || !(typeof value === 'string' || value === null) || !Number.isSafeInteger(id) || (id as number) < 1) return null;
  if (typeof value === 'string' && value.length > 400) return null;
  return { sort, value, id: id as number };
}

// ---- token walk (migration 0015) -------------------------------------------------------------

/**
 * A word search as a walk of the token table: the members of one query word (the driver, as the
 * name words it expands to), each other word checked as a LIKE pattern on the name's words.
 */
export interface TokenWalk {
  driver: readonly string[];
  patterns: readonly string[];
}

/**
 * Walks the word with the fewest members: every match holds every query word, so any word's
 * members contain all matches, and the rarest is the shortest walk. `frequency` is the word's
 * share of all tokens from the table's statistics (0 when not among the most common values,
 * i.e. rarer than those). Ties go to the word with fewer expansions, then to the longer word.
 */
export function tokenWalk(search: Pick<WordsSearch, 'words' | 'expansions'>, frequency: (word: string) => number): TokenWalk | null {
  let best: { at: number; word: string; names: readonly string[]; weight: number } | null = null;
  for (const [at, word] of search.words.entries()) {
    const names = search.expansions.get(word) ?? [];
    if (names.length === 0 || names.length > MAX_EXPANSION) continue;
    const weight = names.reduce((sum, n) => sum + frequency(n), 0);
    const better =
      best === null ||
      weight < best.weight ||
      (weight === best.weight && (names.length < best.names.length || (names.length === best.names.length && word.length > best.word.length)));
    if (better) best = { at, word, names, weight };
  }
  if (best === null) return null;
  const driverAt = best.at;
  return { driver: best.names, patterns: prefixLikePatterns(search.words.filter((_, i) => i !== driverAt)) };
}
