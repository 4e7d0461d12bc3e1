/**
 * The matcher data as it is published to the content scripts: laid out so that a frame can use it as it
 * arrives, with no build step. Every frame of every page evaluates the content script, and building
 * lookup maps from a list of phrases there (hashing 8,000 keys, compiling their rules) cost 20–45 ms a
 * frame; here that work is done once, where the data is made, and a frame only decodes typed arrays.
 *
 * The phrases are sorted by the hash of their key, so the scanner finds a key's phrases by binary search.
 * The one hash table the scanner asks per word (lib/match/word-table.ts) is published filled: the first
 * words (and the first words of `near` phrases) with their flags, and the longer prefixes of the keys ("the
 * disputed", "the disputed vote") with theirs, so that after a common first word ("the") the scanner reads
 * one word more only while some spelling goes on. Conditions stay as the compiler wrote them: the scanner
 * compiles one when a phrase first needs it.
 */
import { CASE_EXACT, MATCHER_DATA_VERSION, type MatcherData, type MatcherInfo } from './data';
import { HASH_SEED, mixHash } from './tokens';
import { WordTable } from './word-table';

/** Flags of a prefix of words (its info): a spelling starts with this word; a `near` phrase does. */
export const STARTS_PHRASE = 1;
export const IS_CONTEXT = 2;
/** A spelling is these words exactly; a spelling goes on after them. */
export const ENDS_PHRASE = 4;
export const GOES_ON = 8;

/** A phrase's flags byte: its case rule in the low two bits, the "own full stop" bit, its word count above. */
const OWN_STOP = 4;
const WORDS_SHIFT = 3;

export interface PublishedMatcherData extends MatcherInfo {
  /** The phrase keys in table order, one after another (`keyStart` says where each begins). */
  keys: string;
  /** The written forms of CASE_EXACT spellings (words joined by "\u0001"); a phrase's case detail indexes them. */
  exact: string[];
  /** Lengths of the arrays in `tables`. */
  phraseCount: number;
  /** Slots of the word table (a power of two). */
  wordSlots: number;
  /** The typed arrays of `MatcherTables` (phrases, then first words), little-endian, in base64. */
  tables: string;
}

/** The decoded arrays: phrase i is at index i of each phrase array. */
export interface MatcherTables {
  /** Hash of each phrase's key, ascending. */
  phraseHash: Int32Array;
  /** Where each phrase's key starts in `keys`; one more entry: the end. */
  keyStart: Int32Array;
  /** The entity (or -1 - context for a cue). */
  entity: Int16Array;
  /** Index into `conditions`, or -1. */
  condition: Int16Array;
  /** Case detail: a bit mask of words that need a capital, or an index into `exact`. */
  detail: Uint16Array;
  /** Case rule, own full stop, word count (see phraseFlags). */
  flags: Uint8Array;
  /** The word table's slots (lib/match/word-table.ts): hashes of first words and of longer key prefixes, and their flags. */
  wordKeys: Int32Array;
  wordInfo: Uint8Array;
}

type Size = 'p' | 'p+1' | 'w';
type Layout = [keyof MatcherTables, Int32ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor, Size][];

/** The order of the arrays in the buffer: widest first, so that each starts aligned to its element size. */
const LAYOUT: Layout = [
  ['phraseHash', Int32Array, 'p'],
  ['keyStart', Int32Array, 'p+1'],
  ['wordKeys', Int32Array, 'w'],
  ['entity', Int16Array, 'p'],
  ['condition', Int16Array, 'p'],
  ['detail', Uint16Array, 'p'],
  ['flags', Uint8Array, 'p'],
  ['wordInfo', Uint8Array, 'w'],
];

interface Counts {
  p: number;
  w: number;
}

function lengthOf(size: Size, counts: Counts): number {
  return size === 'p+1' ? counts.p + 1 : counts[size];
}

export function phraseRule(flags: number): number {
  return flags & 3;
}

export function phraseWords(flags: number): number {
  return flags >>> WORDS_SHIFT;
}

export function phraseOwnStop(flags: number): boolean {
  return (flags & OWN_STOP) !== 0;
}

function isGap(c: number): boolean {
  return c === 32 || c === 45 || c === 39 || c === 46; // space, hyphen, apostrophe, full stop
}

/** Length of the first word of a key ("u.s. state department": 1). */
export function firstWordLength(key: string): number {
  for (let i = 0; i < key.length; i++) if (isGap(key.charCodeAt(i))) return i;
  return key.length;
}

/** Where each word of a key ends ("u.s. state": 1, 3, 10). */
function wordEnds(key: string): number[] {
  const ends: number[] = [];
  for (let i = 1; i <= key.length; i++) {
    if (!isGap(key.charCodeAt(i - 1)) && (i === key.length || isGap(key.charCodeAt(i)))) ends.push(i);
  }
  return ends;
}

function hashOf(key: string, length = key.length): number {
  let hash = HASH_SEED;
  for (let i = 0; i < length; i++) hash = mixHash(hash, key.charCodeAt(i));
  return hash;
}

function check(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`matcher data: ${what} ${value} is out of range`);
  return value;
}

/**
 * Lays compiled matcher data out for publishing. Pure and deterministic (equal data gives an equal result), and
 * cheap next to compiling: about 10 ms for the bundled KB's 8,400 phrases.
 */
export function tabulate(data: MatcherData): PublishedMatcherData {
  const { phrases, ...info } = data;
  const hashes = phrases.map(([key]) => hashOf(key));
  // Stable: phrases with one key keep the compiler's order, which decides between equal candidates.
  const order = phrases.map((_, i) => i).sort((a, b) => hashes[a]! - hashes[b]! || a - b);
  const p = phrases.length;

  // First words and longer prefixes in one table: a prefix never has STARTS_PHRASE, so it never starts a match,
  // and a hash that stands for both (a collision) only costs the scanner a key comparison.
  const words = new Map<number, number>();
  const add = (hash: number, bits: number) => words.set(hash, (words.get(hash) ?? 0) | bits);
  for (const [key, , , , , count] of phrases) {
    const ends = wordEnds(key);
    if (ends.length !== count) throw new Error(`matcher data: "${key}" is not ${count} words`);
    ends.forEach((end, k) => {
      add(hashOf(key, end), (k === 0 ? STARTS_PHRASE : 0) | (k === count - 1 ? ENDS_PHRASE : GOES_ON));
    });
  }
  for (const condition of data.conditions) {
    for (const key of condition.near ?? []) add(hashOf(key, firstWordLength(key)), IS_CONTEXT);
  }
  const table = new WordTable(words.size, 2);
  // In hash order, so that equal data gives an equal table.
  for (const [hash, bits] of [...words].sort((a, b) => a[0] - b[0])) table.add(hash, bits);
  const counts: Counts = { p, w: table.arrays.keys.length };

  const buffer = new ArrayBuffer(LAYOUT.reduce((size, [, Type, n]) => size + Type.BYTES_PER_ELEMENT * lengthOf(n, counts), 0));
  const tables = {} as Record<keyof MatcherTables, Int32Array | Int16Array | Uint16Array | Uint8Array>;
  let offset = 0;
  for (const [name, Type, n] of LAYOUT) {
    tables[name] = new Type(buffer, offset, lengthOf(n, counts));
    offset += Type.BYTES_PER_ELEMENT * lengthOf(n, counts);
  }
  const t = tables as unknown as MatcherTables;
  const exact: string[] = [];
  const exactIndex = new Map<string, number>();
  let keys = '';
  order.forEach((from, i) => {
    const [key, entity, rule, detail, condition, words, ownStop] = phrases[from]!;
    t.phraseHash[i] = hashes[from]!;
    t.keyStart[i] = keys.length;
    keys += key;
    t.entity[i] = check(entity, -32768, 32767, 'entity');
    t.condition[i] = check(condition, -1, 32767, 'condition');
    let d = detail as number;
    if (rule === CASE_EXACT) {
      d = exactIndex.get(detail as string) ?? exact.length;
      if (d === exact.length) {
        exact.push(detail as string);
        exactIndex.set(detail as string, d);
      }
    }
    t.detail[i] = check(d, 0, 65535, 'case detail');
    t.flags[i] = check(rule, 0, 3, 'case rule') | (ownStop ? OWN_STOP : 0) | (check(words, 1, 31, 'word count') << WORDS_SHIFT);
  });
  t.keyStart[p] = keys.length;
  t.wordKeys.set(table.arrays.keys);
  t.wordInfo.set(table.arrays.values);
  return {
    ...info,
    version: MATCHER_DATA_VERSION,
    keys,
    exact,
    phraseCount: p,
    wordSlots: counts.w,
    tables: toBase64(new Uint8Array(buffer)),
  };
}

/** The typed arrays of published data, as views on one decoded buffer (nothing is copied). */
export function readTables(data: PublishedMatcherData): MatcherTables {
  const bytes = fromBase64(data.tables);
  const counts: Counts = { p: data.phraseCount, w: data.wordSlots };
  const tables = {} as Record<keyof MatcherTables, unknown>;
  let offset = bytes.byteOffset;
  for (const [name, Type, n] of LAYOUT) {
    tables[name] = new Type(bytes.buffer as ArrayBuffer, offset, lengthOf(n, counts));
    offset += Type.BYTES_PER_ELEMENT * lengthOf(n, counts);
  }
  if (offset - bytes.byteOffset !== bytes.length) throw new Error('matcher data: the tables do not have the size their counts say');
  return tables as MatcherTables;
}

/** Whether a stored value has the shape of published matcher data of this version (its parts are checked when read). */
export function isPublishedMatcherData(value: unknown): value is PublishedMatcherData {
  const data = value as Partial<PublishedMatcherData> | null | undefined;
  return (
    data?.version === MATCHER_DATA_VERSION &&
    typeof data.keys === 'string' &&
    typeof data.tables === 'string' &&
    Array.isArray(data.exact) &&
    Array.isArray(data.entities) &&
    Array.isArray(data.conditions) &&
    typeof data.phraseCount === 'number' &&
    typeof data.wordSlots === 'number'
  );
}

const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  // Native where the engine has it (Chromium 140+, Firefox 133+); a loop over atob elsewhere (Node 20).
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
