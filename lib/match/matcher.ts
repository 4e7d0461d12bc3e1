/**
 * The scanner. One pass over the text reads each word, folds it and hashes it on the fly (no substring
 * is made for ordinary words), and looks the hash up once. Only a word that can start a spelling costs
 * more, so the time per page does not grow with the number of names in the KB.
 */
import { WordTable } from './word-table';
import { CASE_ANY, CASE_EXACT, type CompiledCondition, type Match, type MatcherData } from './data';
import { foldCode, IGNORABLE, NEWLINE, SURROGATE } from './fold';
import { HASH_SEED, hashFolded, keyAfter, keyBefore, mixHash, readGap, readWord, wordsInKey, wordValue, type Word } from './tokens';

const STARTS_PHRASE = 1;
const IS_CONTEXT = 2;
/** How far, at most, a `near` word may stand from the mention (within its paragraph). */
const NEAR_WINDOW = 1500;

interface Candidate extends Match {
  near: Condition['near'];
}

/** Context phrases grouped by word count, so each count is read from the text once. */
type PhrasesByLength = Map<number, Set<string>>;

interface Condition {
  /** First-word hash → the near phrases that start with it. */
  near?: Map<number, { key: string; words: number }[]>;
  notBefore?: PhrasesByLength;
  notAfter?: PhrasesByLength;
}

function byLength(keys: string[]): PhrasesByLength {
  const map: PhrasesByLength = new Map();
  for (const key of keys) {
    const words = wordsInKey(key);
    if (!map.has(words)) map.set(words, new Set());
    map.get(words)!.add(key);
  }
  return map;
}

export class Matcher {
  /** Hash of a folded word → STARTS_PHRASE | IS_CONTEXT. */
  private readonly flags: WordTable;
  /** Hash of a first word → word counts of the spellings it starts, longest first. */
  private readonly lengths = new Map<number, number[]>();
  /** Hash of a whole key → indices into data.phrases. */
  private readonly byHash = new Map<number, number[]>();
  private readonly conditions: Condition[];

  constructor(readonly data: MatcherData) {
    this.flags = new WordTable(data.phrases.length);
    data.phrases.forEach(([key, , , , , words], index) => {
      // One pass over the key gives both hashes: of its first word, and of the whole key.
      const firstLength = firstWordLength(key);
      let hash = HASH_SEED;
      let firstHash = HASH_SEED;
      for (let i = 0; i < key.length; i++) {
        hash = mixHash(hash, key.charCodeAt(i));
        if (i === firstLength - 1) firstHash = hash;
      }
      this.flags.add(firstHash, STARTS_PHRASE);
      const counts = this.lengths.get(firstHash);
      if (!counts) this.lengths.set(firstHash, [words]);
      else if (!counts.includes(words)) counts.push(words);
      const list = this.byHash.get(hash);
      if (list) list.push(index);
      else this.byHash.set(hash, [index]);
    });
    for (const counts of this.lengths.values()) counts.sort((a, b) => b - a);
    this.conditions = data.conditions.map((c) => this.compileCondition(c));
  }

  private compileCondition(condition: CompiledCondition): Condition {
    const out: Condition = {};
    if (condition.near) {
      out.near = new Map();
      for (const key of condition.near) {
        const hash = hashFolded(key.slice(0, firstWordLength(key)));
        this.flags.add(hash, IS_CONTEXT);
        const list = out.near.get(hash) ?? [];
        list.push({ key, words: wordsInKey(key) });
        out.near.set(hash, list);
      }
    }
    if (condition.notBefore) out.notBefore = byLength(condition.notBefore);
    if (condition.notAfter) out.notAfter = byLength(condition.notAfter);
    return out;
  }

  /** Every mention in `text`, in order, never overlapping: the longest spelling wins where two overlap. */
  scan(text: string): Match[] {
    const candidates: Candidate[] = [];
    const contextAt: number[] = [];
    const contextHash: number[] = [];
    const breaks: number[] = [];
    const flags = this.flags;
    const n = text.length;
    let newlines = 0;
    let i = 0;
    while (i < n) {
      let value = foldCode(text.charCodeAt(i));
      if (value === SURROGATE) value = wordValue(text, i);
      if (value <= 0) {
        if (value === NEWLINE) newlines++;
        i++;
        continue;
      }
      if (newlines > 1) breaks.push(i);
      newlines = 0;
      let hash = mixHash(HASH_SEED, value);
      let end = i + 1;
      let j = i + 1;
      for (; j < n; j++) {
        let next = foldCode(text.charCodeAt(j));
        if (next === SURROGATE) next = wordValue(text, j);
        if (next > 0) hash = mixHash(hash, next);
        else if (next !== IGNORABLE) break;
        end = j + 1;
      }
      const flag = flags.get(hash);
      if (flag !== 0) {
        if (flag & STARTS_PHRASE) this.matchAt(text, { start: i, end, hash }, candidates);
        if (flag & IS_CONTEXT) {
          contextAt.push(i);
          contextHash.push(hash);
        }
      }
      i = j;
    }
    return this.resolve(text, candidates, contextAt, contextHash, breaks);
  }

  /** Adds every spelling that starts with `first` and passes its case and neighbour rules. */
  private matchAt(text: string, first: Word, out: Candidate[]): void {
    const counts = this.lengths.get(first.hash)!;
    // Read as many following words as the longest spelling needs, hashing on as the key would be hashed.
    const words: Word[] = [first];
    const gaps: string[] = [];
    const hashes: number[] = [first.hash];
    while (words.length < counts[0]!) {
      const previous = words[words.length - 1]!;
      const gap = readGap(text, previous.end);
      if (gap.next < 0) break;
      let hash = hashes[hashes.length - 1]!;
      for (let i = 0; i < gap.symbol.length; i++) hash = mixHash(hash, gap.symbol.charCodeAt(i));
      const word = readWord(text, gap.next, hash);
      gaps.push(gap.symbol);
      words.push(word);
      hashes.push(word.hash);
    }
    for (const count of counts) {
      if (count > words.length) continue;
      const phraseIndices = this.byHash.get(hashes[count - 1]!);
      if (!phraseIndices) continue;
      for (const index of phraseIndices) {
        const [key, entity, rule, detail, conditionIndex, , ownStop] = this.data.phrases[index]!;
        if (!sameKey(text, words, gaps, count, key)) continue; // a hash collision, not the spelling
        if (!caseMatches(text, words, count, rule, detail)) continue;
        const condition = conditionIndex >= 0 ? this.conditions[conditionIndex] : undefined;
        if (condition && !neighboursAllow(text, condition, first.start, words[count - 1]!.end)) continue;
        let end = words[count - 1]!.end;
        if (ownStop && text.charCodeAt(end) === 46) end++; // the closing dot of "U.S." is part of the name
        // `near` can only be judged once the whole paragraph has been read.
        out.push({ start: first.start, end, entity, near: condition?.near });
      }
    }
  }

  private resolve(text: string, candidates: Candidate[], contextAt: number[], contextHash: number[], breaks: number[]): Match[] {
    const result: Match[] = [];
    let lastEnd = -1;
    for (const candidate of candidates) {
      if (candidate.start < lastEnd) continue;
      if (candidate.near && !nearFound(text, candidate, candidate.near, contextAt, contextHash, breaks)) continue;
      result.push({ start: candidate.start, end: candidate.end, entity: candidate.entity });
      lastEnd = candidate.end;
    }
    return result;
  }
}

function firstWordLength(key: string): number {
  for (let i = 0; i < key.length; i++) {
    const c = key.charAt(i);
    if (c === ' ' || c === '-' || c === "'" || c === '.') return i;
  }
  return key.length;
}

/** Whether the words and gaps read from the text fold to exactly `key`, compared without building a string. */
function sameKey(text: string, words: Word[], gaps: string[], count: number, key: string): boolean {
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (k > 0) {
      const gap = gaps[k - 1]!;
      if (key.startsWith(gap, at)) at += gap.length;
      else return false;
    }
    const word = words[k]!;
    for (let i = word.start; i < word.end; i++) {
      const value = wordValue(text, i);
      if (value > 0 && key.charCodeAt(at++) !== value) return false;
    }
  }
  return at === key.length;
}

function caseMatches(text: string, words: Word[], count: number, rule: number, detail: number | string): boolean {
  if (rule === CASE_ANY) return true;
  if (rule === CASE_EXACT) {
    const expected = (detail as string).split('\u0001');
    for (let k = 0; k < count; k++) {
      if (text.slice(words[k]!.start, words[k]!.end) !== expected[k]) return false;
    }
    return true;
  }
  const mask = detail as number;
  for (let k = 0; k < count && k < 30; k++) {
    if (mask & (1 << k)) {
      const first = text.charAt(words[k]!.start);
      if (first === first.toLowerCase()) return false;
    }
  }
  return true;
}

function neighboursAllow(text: string, condition: Condition, start: number, end: number): boolean {
  if (condition.notAfter) {
    for (const [words, keys] of condition.notAfter) {
      const before = keyBefore(text, start, words);
      if (before !== null && keys.has(before)) return false;
    }
  }
  if (condition.notBefore) {
    const gap = readGap(text, end);
    if (gap.next >= 0) {
      for (const [words, keys] of condition.notBefore) {
        const after = keyAfter(text, gap.next, words);
        if (after !== null && keys.has(after)) return false;
      }
    }
  }
  return true;
}

function nearFound(
  text: string,
  mention: Match,
  near: NonNullable<Condition['near']>,
  contextAt: number[],
  contextHash: number[],
  breaks: number[],
): boolean {
  // The paragraph around the mention: between the breaks before and after it.
  const b = upperBound(breaks, mention.start);
  const from = Math.max(b > 0 ? breaks[b - 1]! : 0, mention.start - NEAR_WINDOW);
  const to = Math.min(b < breaks.length ? breaks[b]! : text.length, mention.end + NEAR_WINDOW);
  for (let k = upperBound(contextAt, from - 1); k < contextAt.length && contextAt[k]! < to; k++) {
    const at = contextAt[k]!;
    if (at >= mention.start && at < mention.end) continue;
    const phrases = near.get(contextHash[k]!);
    if (!phrases) continue;
    for (const phrase of phrases) {
      if (phrase.words === 1 || keyAfter(text, at, phrase.words) === phrase.key) return true;
    }
  }
  return false;
}

/** Index of the first element greater than `value` in a sorted array. */
function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
