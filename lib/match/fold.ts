/**
 * Character folding shared by the KB compiler and the scanner, so both see the same text:
 * letters lose case and diacritics (š→s, ł→l, ё→е, ў→у), combining marks, soft hyphens and zero-width
 * characters vanish inside words, and the many spaces, dashes and apostrophes collapse into one class each.
 * Folding never changes offsets: the scanner reads the original string and folds one code unit at a time.
 */

/** Classes of code units that are not word letters (word letters fold to a positive char code). */
export const SEPARATOR = 0; // punctuation and symbols: a phrase never spans one
export const IGNORABLE = -2; // combining marks, soft hyphen, zero-width characters: invisible inside a word
export const SPACE = -3;
export const NEWLINE = -4;
export const HYPHEN = -5;
export const APOSTROPHE = -6;
export const DOT = -7;
export const SURROGATE = -8; // astral code points: classified on the slow path

/** Not classified yet (a slot of the table that foldCode fills on first sight). */
export const UNKNOWN = -1;
/** Made when first asked: every frame evaluates the content script, and most never fold a character. */
let table: Int32Array | null = null;

/**
 * The table foldCode reads, for a loop that reads it inline (a slot may still be UNKNOWN: ask foldCode then).
 * A call per character costs the most while the code still runs cold, as it does on every page load.
 */
export function foldTable(): Int32Array {
  table ??= new Int32Array(65536).fill(UNKNOWN);
  return table;
}

const SPECIAL_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ı: 'i', ħ: 'h', ŧ: 't' };
const SPACES = ' \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000';
const HYPHENS = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d';
const APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\uff07";
const IGNORABLES = '\u00ad\u200b\u200c\u200d\u2060\ufeff\u034f';

function classify(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return SURROGATE;
  const ch = String.fromCharCode(code);
  if (code === 10 || code === 0x2028 || code === 0x2029 || code === 0x85) return NEWLINE;
  if (SPACES.includes(ch)) return SPACE;
  if (HYPHENS.includes(ch)) return HYPHEN;
  if (APOSTROPHES.includes(ch)) return APOSTROPHE;
  if (ch === '.') return DOT;
  if (IGNORABLES.includes(ch)) return IGNORABLE;
  // No Unicode property test (its first use compiles a large expression, in every frame) where the answer is
  // known: ASCII, and the General Punctuation block (quotes, dashes, bullets: no letter, digit or mark there).
  if (code < 0x80) {
    if (code >= 0x41 && code <= 0x5a) return code + 32; // A-Z
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? code : SEPARATOR;
  }
  if (code >= 0x2000 && code <= 0x206f) return SEPARATOR;
  if (/\p{M}/u.test(ch)) return IGNORABLE;
  if (!/[\p{L}\p{N}]/u.test(ch)) return SEPARATOR;
  const lower = ch.toLowerCase();
  const special = SPECIAL_LETTERS[lower];
  if (special) return special.charCodeAt(0);
  const base = lower.normalize('NFD').charAt(0);
  return base.charCodeAt(0);
}

/** Folded class or letter of one UTF-16 code unit; computed once per distinct code unit. */
export function foldCode(code: number): number {
  const table = foldTable();
  let value = table[code]!;
  if (value === UNKNOWN) {
    value = classify(code);
    table[code] = value;
  }
  return value;
}

/** Whether an astral code point (given as its surrogate pair) is a letter or digit. */
export function isAstralWordChar(text: string, index: number): boolean {
  const cp = text.codePointAt(index);
  return cp !== undefined && cp > 0xffff && /[\p{L}\p{N}\p{M}]/u.test(String.fromCodePoint(cp));
}

/** The character that stands for a gap class in a phrase key. */
export function gapSymbol(value: number): string | null {
  switch (value) {
    case SPACE:
    case NEWLINE:
      return ' ';
    case HYPHEN:
      return '-';
    case APOSTROPHE:
      return "'";
    case DOT:
      return '.';
    default:
      return null;
  }
}
