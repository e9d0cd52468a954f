// Text encodings of the CSV files offices keep (issue 6 item 1): UTF-8 with or without a BOM,
// Windows-1258 (the Vietnamese ANSI code page) and TCVN3 (the "ABC" fonts of TCVN 5712:1993),
// detected from the bytes and converted to Unicode NFC. Pure; the two single-byte tables are data.

export type TextEncoding = 'utf-8' | 'windows-1258' | 'tcvn3';

/**
 * Windows-1258 bytes 0x80–0xFF, as code page 1258 defines them. It is Latin-1 with the Vietnamese
 * letters Ă ă Đ đ Ơ ơ Ư ư and ₫, and the five tone marks as COMBINING characters (0xCC grave,
 * 0xD2 hook, 0xDE tilde, 0xEC acute, 0xF2 dot below) typed after their vowel. The positions the
 * code page leaves undefined (0x81, 0x8A, 0x8D–0x90, 0x9A, 0x9D, 0x9E) decode to the C1 control
 * of the same number, as the WHATWG encoding standard does.
 */
export const WINDOWS_1258_HIGH: string =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u008a\u2039\u0152\u008d\u008e\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u009a\u203a\u0153\u009d\u009e\u0178' +
  '\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af' +
  '\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf' +
  '\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf' +
  '\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df' +
  '\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef' +
  '\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff';

/**
 * TCVN 5712:1993 bytes 0x80–0xFF. TCVN3 (VN3, the ABC fonts: .VnTime …) is the subset at
 * 0xA1–0xFF: Ă Â Ê Ô Ơ Ư Đ, their lower case, and every lower-case toned letter; upper-case
 * toned letters are lower-case codes shown in an upper-case "H" font (.VnTimeH), so they decode
 * to lower case. The other positions (0x80–0x9F, 0xAF, 0xBA, 0xBF–0xC5, …) hold the upper-case
 * toned letters of VN1, which contains VN3; decoding them as VN1 reads both. 0xB0–0xB4 are the
 * VN1 combining tone marks. 0xA0 is a no-break space.
 */
export const TCVN3_HIGH: string =
  // 0x80
  'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ' +
  // 0x90
  'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ' +
  // 0xA0
  '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ' +
  // 0xB0
  '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' +
  // 0xC0
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ' +
  // 0xD0
  'éẹềểễếệìỉỄẾỒĩíịò' +
  // 0xE0
  'Ổỏõóọồổỗốộờởỡớợù' +
  // 0xF0
  'ỖủũúụừửữứựỳỷỹýỵỐ';

/** A decoder for one single-byte table: ASCII below 0x80, the table above. */
function singleByte(high: string): (bytes: Uint8Array) => string {
  const table: string[] = [];
  for (let i = 0; i < 128; i++) table.push(String.fromCharCode(i));
  for (const ch of high) table.push(ch);
  if (table.length !== 256) throw new Error(`code table has ${table.length - 128} high entries, not 128`);
  return (bytes) => {
    let out = '';
    for (let i = 0; i < bytes.length; i++) out += table[bytes[i]!];
    return out;
  };
}

const fromWindows1258 = singleByte(WINDOWS_1258_HIGH);
const fromTcvn3 = singleByte(TCVN3_HIGH);

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** Whether the bytes are valid UTF-8; a sample may end in the middle of a character. */
function isUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

// The marks of Vietnamese spelling after NFD: five tones and the circumflex, breve and horn.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const VIETNAMESE_MARKS = /^[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b]*$/u;

/**
 * How un-Vietnamese a decoded text looks: words with two tone marks, letters outside the
 * Vietnamese alphabet, tone marks left unattached, and symbols inside words. A text read in its
 * own encoding scores (almost) zero; the same bytes read in the other encoding do not.
 */
export function oddity(text: string): number {
  let odd = 0;
  for (const word of text.normalize('NFC').split(/[\s,;"'()./:\-\d]+/u)) {
    if (![...word].some((ch) => ch.charCodeAt(0) >= 0x80)) continue;
    for (const ch of word) {
      if (ch.charCodeAt(0) < 0x80) continue;
      const nfd = ch.normalize('NFD');
      const base = nfd.charAt(0);
      if (base === 'đ' || base === 'Đ') continue;
      if (/[a-zA-Z]/.test(base) && VIETNAMESE_MARKS.test(nfd.slice(1))) continue;
      odd++;
    }
    if ((word.normalize('NFD').match(TONES)?.length ?? 0) > 1) odd++;
  }
  return odd;
}

/**
 * The encoding of a file from its first bytes: a UTF-8 BOM, or bytes that are valid UTF-8, mean
 * UTF-8; otherwise the single-byte reading that looks more like Vietnamese (Windows-1258 on a tie).
 */
export function detectEncoding(sample: Uint8Array, opts: { truncated?: boolean } = {}): TextEncoding {
  if (hasUtf8Bom(sample) || isUtf8(sample, opts.truncated ?? true)) return 'utf-8';
  return oddity(fromTcvn3(sample)) < oddity(fromWindows1258(sample)) ? 'tcvn3' : 'windows-1258';
}

/**
 * Where the text may be cut for NFC: before its last base character, which a combining mark in
 * the next chunk may still belong to (with the marks already following it).
 */
function lastBaseIndex(text: string): number {
  let i = text.length;
  while (i > 0 && /\p{M}/u.test(text[i - 1]!)) i--;
  return Math.max(0, i - 1);
}

/**
 * A streaming decoder: feed it chunks in order, get NFC text. The UTF-8 BOM is dropped. A
 * Windows-1258 tone mark that ends a chunk waits for the next one, so NFC sees it with its vowel.
 */
export function textDecoder(encoding: TextEncoding): { write(chunk: Uint8Array): string; end(): string } {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8', { ignoreBOM: false });
    let held = '';
    const emit = (s: string, final: boolean) => {
      const all = held + s;
      const cut = final ? all.length : lastBaseIndex(all);
      held = all.slice(cut);
      return all.slice(0, cut).normalize('NFC');
    };
    return { write: (c) => emit(d.decode(c, { stream: true }), false), end: () => emit(d.decode(), true) };
  }
  const decode = encoding === 'tcvn3' ? fromTcvn3 : fromWindows1258;
  let held = '';
  return {
    write(chunk) {
      const all = held + decode(chunk);
      const cut = lastBaseIndex(all);
      held = all.slice(cut);
      return all.slice(0, cut).normalize('NFC');
    },
    end() {
      const rest = held.normalize('NFC');
      held = '';
      return rest;
    },
  };
}

/** A whole buffer, detected and decoded. */
export function decodeText(bytes: Uint8Array): { encoding: TextEncoding; text: string } {
  const encoding = detectEncoding(bytes, { truncated: false });
  const d = textDecoder(encoding);
  return { encoding, text: d.write(bytes) + d.end() };
}

/** Text as Windows-1258 bytes (the test and example files need them): letters decomposed into base + tone mark. */
export function encodeWindows1258(text: string): Uint8Array {
  return encodeWith(WINDOWS_1258_HIGH, text, true);
}

/** Text as TCVN3 bytes; upper-case toned letters have no VN3 code and are written as VN1. */
export function encodeTcvn3(text: string): Uint8Array {
  return encodeWith(TCVN3_HIGH, text, false);
}

function encodeWith(high: string, text: string, decompose: boolean): Uint8Array {
  const index = new Map<string, number>();
  [...high].forEach((ch, i) => {
    if (!index.has(ch)) index.set(ch, 0x80 + i);
  });
  const out: number[] = [];
  const put = (ch: string): boolean => {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code < 0x80) out.push(code);
    else if (index.has(ch)) out.push(index.get(ch)!);
    else return false;
    return true;
  };
  for (const ch of text.normalize('NFC')) {
    if (put(ch)) continue;
    // Windows-1258: a toned letter is its base letter (precomposed if the page has it) + a tone mark.
    const nfd = ch.normalize('NFD');
    const tone = decompose ? nfd.match(TONES)?.[0] : undefined;
    const base = tone ? nfd.replace(tone, '').normalize('NFC') : null;
    if (tone && base && put(base) && put(tone)) continue;
    throw new Error(`"${ch}" has no code in this encoding`);
  }
  return Uint8Array.from(out);
}
