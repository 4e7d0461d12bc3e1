/**
 * Words and the gaps between them, as the matcher sees them. A word is a maximal run of letters,
 * digits and marks (in any script), so word boundaries are Unicode-aware by construction:
 * "Minsker" is one word and never contains "Minsk"; "Лукашенко" is found in Cyrillic text where
 * JavaScript's ASCII-only \b would fail.
 */
import { foldCode, gapSymbol, isAstralWordChar, IGNORABLE, NEWLINE, SPACE, SURROGATE } from './fold';

export const HASH_SEED = 0x811c9dc5 | 0;

export function mixHash(hash: number, folded: number): number {
  return Math.imul(hash ^ folded, 0x01000193);
}

export interface Word {
  start: number;
  end: number;
  /** Hash of the folded word: equal for "Łukaszenka", "LUKASZENKA" and "Lukaszenka". */
  hash: number;
}

/** Whether the code unit at `index` belongs to a word (letters fold positive; marks are ignorable). */
function wordValue(text: string, index: number): number {
  const value = foldCode(text.charCodeAt(index));
  if (value !== SURROGATE) return value;
  // An astral letter spans two code units; both belong to the word, or neither does.
  const code = text.charCodeAt(index);
  const pairStart = code >= 0xdc00 ? index - 1 : index;
  return pairStart >= 0 && isAstralWordChar(text, pairStart) ? code : 0;
}

/**
 * Reads the word that starts at `start` (which must be a word character); returns its end and hash.
 * Passing the hash of the words and gaps before it continues that hash, as if hashing the whole key.
 */
export function readWord(text: string, start: number, hash = HASH_SEED): Word {
  let end = start;
  for (let i = start; i < text.length; i++) {
    const value = wordValue(text, i);
    if (value > 0) hash = mixHash(hash, value);
    else if (value !== IGNORABLE) break;
    end = i + 1;
  }
  return { start, end, hash };
}

/** The folded form of a word: the string the hash stands for, used to confirm a hash hit. */
export function foldWord(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const value = wordValue(text, i);
    if (value > 0) out += String.fromCharCode(value);
  }
  return out;
}

export interface Gap {
  /** Normalised gap: runs of spaces become " ", dashes "-", apostrophes "'", full stops ".". */
  symbol: string;
  /** Offset of the next word, or -1 when the gap cannot join two words of a name. */
  next: number;
}

/** Longest run of gap characters that may still join two words of one name ("U.S. ", " – "). */
export const MAX_GAP = 8;

/**
 * Reads the gap after a word that ends at `from`. A name continues across spaces (one line break at
 * most, never a paragraph break), hyphens, apostrophes and full stops; anything else ends it.
 * `collapse`: the text's white space is collapsible (HTML outside <pre>), so a run of spaces and line breaks
 * is one space however long ("State" + a line break + 28 spaces of indentation + "Department").
 */
export function readGap(text: string, from: number, collapse = false): Gap {
  let symbol = '';
  let newlines = 0;
  let counted = 0;
  let inSpace = false;
  for (let i = from; i < text.length; i++) {
    if (counted > MAX_GAP) break;
    const value = wordValue(text, i);
    if (value > 0) return symbol === '' ? { symbol, next: -1 } : { symbol, next: i };
    const space = collapse && (value === SPACE || value === NEWLINE);
    if (!(space && inSpace)) counted++;
    inSpace = space;
    if (value === IGNORABLE) continue;
    if (value === NEWLINE && !collapse && ++newlines > 1) break;
    const sym = gapSymbol(value);
    if (sym === null) break;
    if (!(sym === ' ' && symbol.endsWith(' '))) symbol += sym;
  }
  return { symbol, next: -1 };
}

/** Splits a KB spelling into folded words and normalised gaps; null when it has a character no name may span. */
export function splitForm(form: string): { words: string[]; raw: string[]; gaps: string[] } | null {
  const words: string[] = [];
  const raw: string[] = [];
  const gaps: string[] = [];
  let i = 0;
  while (i < form.length && wordValue(form, i) <= 0) i++;
  while (i < form.length) {
    const word = readWord(form, i);
    words.push(foldWord(form, word.start, word.end));
    raw.push(form.slice(word.start, word.end));
    let j = word.end;
    while (j < form.length && wordValue(form, j) <= 0) j++;
    if (j >= form.length) break;
    const gap = readGap(form, word.end);
    if (gap.next !== j) return null;
    gaps.push(gap.symbol);
    i = j;
  }
  return words.length > 0 ? { words, raw, gaps } : null;
}

/** The lookup key of a sequence of folded words and gaps: "u.s. state department". */
export function phraseKey(words: readonly string[], gaps: readonly string[]): string {
  let key = words[0] ?? '';
  for (let i = 1; i < words.length; i++) key += gaps[i - 1]! + words[i]!;
  return key;
}

export function hashFolded(folded: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < folded.length; i++) hash = mixHash(hash, folded.charCodeAt(i));
  return hash;
}

/** The word that ends just before `pos` across a joinable gap (spaces, a hyphen, an apostrophe, a dot), or null. */
export function wordBefore(text: string, pos: number, collapse = false): Word | null {
  let i = pos - 1;
  let counted = 0;
  let inSpace = false;
  while (i >= 0) {
    const value = wordValue(text, i);
    if (value > 0 || value === IGNORABLE) break;
    const space = collapse && (value === SPACE || value === NEWLINE);
    if (!(space && inSpace)) counted++;
    inSpace = space;
    if (counted > MAX_GAP + 1) return null;
    i--;
  }
  if (i < 0 || wordValue(text, i) <= 0) return null;
  let start = i;
  while (start > 0) {
    const value = wordValue(text, start - 1);
    if (value > 0 || value === IGNORABLE) start--;
    else break;
  }
  const word = readWord(text, start);
  return readGap(text, word.end, collapse).next === pos ? word : null;
}

/** The key of `count` words read forwards from the word that starts at `start`, or null where the text stops joining. */
export function keyAfter(text: string, start: number, count: number, collapse = false): string | null {
  let word = readWord(text, start);
  let key = foldWord(text, word.start, word.end);
  for (let k = 1; k < count; k++) {
    const gap = readGap(text, word.end, collapse);
    if (gap.next < 0) return null;
    word = readWord(text, gap.next);
    key += gap.symbol + foldWord(text, word.start, word.end);
  }
  return key;
}

/** The key of the `count` words that end just before `pos`, or null. */
export function keyBefore(text: string, pos: number, count: number, collapse = false): string | null {
  let at = pos;
  let first: Word | null = null;
  for (let k = 0; k < count; k++) {
    first = wordBefore(text, at, collapse);
    if (!first) return null;
    at = first.start;
  }
  return first ? keyAfter(text, first.start, count, collapse) : null;
}

/** How many words a key holds ("u.s" → 2). */
export function wordsInKey(key: string): number {
  // A loop, not a split: the scanner counts the words of a rule's phrases when it first needs the rule.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const gap = c === 32 || c === 46 || c === 39 || c === 45; // space, full stop, apostrophe, hyphen
    if (!gap && !inWord) words++;
    inWord = !gap;
  }
  return words;
}

export { wordValue };
