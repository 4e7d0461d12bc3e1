/**
 * The matcher data as it is published to the content scripts: laid out so that a frame can use it as it
 * arrives, with no build step. Every frame of every page evaluates the content script, and building
 * lookup maps from a list of phrases there (hashing 8,000 keys, compiling their rules) cost 20–45 ms a
 * frame; here that work is done once, where the data is made, and a frame only decodes typed arrays.
 *
 * The phrases are sorted by the hash of their key, so the scanner finds a key's phrases by binary search;
 * the first words (and the first words of `near` phrases) are listed once each with their flags and the
 * word counts of the spellings they start, for the one hash table the scanner asks per word. Conditions
 * stay as the compiler wrote them: the scanner compiles one when a phrase first needs it.
 */
import { CASE_EXACT, MATCHER_DATA_VERSION, type MatcherData, type MatcherInfo } from './data';
import { HASH_SEED, mixHash } from './tokens';

/** Flags of a first word (low bits of its info). */
export const STARTS_PHRASE = 1;
export const IS_CONTEXT = 2;
/** The info's bits from here on: bit k set when a spelling of k + 1 words starts with the word. */
export const COUNTS_SHIFT = 2;

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
  firstCount: number;
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
  /** Distinct first-word hashes, and for each its info (flags, word counts). */
  firstHash: Int32Array;
  firstInfo: Uint16Array;
}

type Layout = [
  keyof MatcherTables,
  Int32ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor,
  'p' | 'p+1' | 'f',
][];

/** The order of the arrays in the buffer: widest first, so that each starts aligned to its element size. */
const LAYOUT: Layout = [
  ['phraseHash', Int32Array, 'p'],
  ['keyStart', Int32Array, 'p+1'],
  ['firstHash', Int32Array, 'f'],
  ['entity', Int16Array, 'p'],
  ['condition', Int16Array, 'p'],
  ['detail', Uint16Array, 'p'],
  ['firstInfo', Uint16Array, 'f'],
  ['flags', Uint8Array, 'p'],
];

function lengthOf(size: 'p' | 'p+1' | 'f', phrases: number, firsts: number): number {
  return size === 'p' ? phrases : size === 'p+1' ? phrases + 1 : firsts;
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

/** Length of the first word of a key ("u.s. state department": 1). */
export function firstWordLength(key: string): number {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 32 || c === 45 || c === 39 || c === 46) return i; // space, hyphen, apostrophe, full stop
  }
  return key.length;
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

  const firsts = new Map<number, number>();
  const addFirst = (hash: number, bits: number) => firsts.set(hash, (firsts.get(hash) ?? 0) | bits);
  for (const [key, , , , , words] of phrases) {
    check(words, 1, 16 - COUNTS_SHIFT, 'word count');
    addFirst(hashOf(key, firstWordLength(key)), STARTS_PHRASE | (1 << (COUNTS_SHIFT + words - 1)));
  }
  for (const condition of data.conditions) {
    for (const key of condition.near ?? []) addFirst(hashOf(key, firstWordLength(key)), IS_CONTEXT);
  }
  const firstList = [...firsts].sort((a, b) => a[0] - b[0]);
  const f = firstList.length;

  const buffer = new ArrayBuffer(LAYOUT.reduce((size, [, Type, n]) => size + Type.BYTES_PER_ELEMENT * lengthOf(n, p, f), 0));
  const tables = {} as Record<keyof MatcherTables, Int32Array | Int16Array | Uint16Array | Uint8Array>;
  let offset = 0;
  for (const [name, Type, n] of LAYOUT) {
    tables[name] = new Type(buffer, offset, lengthOf(n, p, f));
    offset += Type.BYTES_PER_ELEMENT * lengthOf(n, p, f);
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
    t.flags[i] = check(rule, 0, 3, 'case rule') | (ownStop ? OWN_STOP : 0) | (words << WORDS_SHIFT);
  });
  t.keyStart[p] = keys.length;
  firstList.forEach(([hash, bits], i) => {
    t.firstHash[i] = hash;
    t.firstInfo[i] = bits;
  });
  return { ...info, version: MATCHER_DATA_VERSION, keys, exact, phraseCount: p, firstCount: f, tables: toBase64(new Uint8Array(buffer)) };
}

/** The typed arrays of published data, as views on one decoded buffer (nothing is copied). */
export function readTables(data: PublishedMatcherData): MatcherTables {
  const bytes = fromBase64(data.tables);
  const p = data.phraseCount;
  const f = data.firstCount;
  const tables = {} as Record<keyof MatcherTables, unknown>;
  let offset = bytes.byteOffset;
  for (const [name, Type, n] of LAYOUT) {
    tables[name] = new Type(bytes.buffer as ArrayBuffer, offset, lengthOf(n, p, f));
    offset += Type.BYTES_PER_ELEMENT * lengthOf(n, p, f);
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
    typeof data.firstCount === 'number'
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
