/**
 * The scanner. One pass over the text reads each word, folds it and hashes it on the fly (no substring
 * is made for ordinary words), and looks the hash up once. Only a word that can start a spelling costs
 * more, so the time per page does not grow with the number of names in the KB.
 */
import { CASE_ANY, CASE_EXACT, type CompiledCondition, type Match, type MatcherData } from './data';
import { foldCode, IGNORABLE, NEWLINE, SURROGATE } from './fold';
import { foldWord, HASH_SEED, hashFolded, mixHash, readGap, readWord, wordValue, type Word } from './tokens';

const STARTS_PHRASE = 1;
const IS_CONTEXT = 2;
/** How far, at most, a `near` word may stand from the mention (within its paragraph). */
const NEAR_WINDOW = 1500;

interface Candidate extends Match {
  near: Set<number> | undefined;
}

interface Condition {
  near?: Set<number>;
  notBefore?: Set<string>;
  notAfter?: Set<string>;
}

export class Matcher {
  /** Hash of a folded word → STARTS_PHRASE | IS_CONTEXT. */
  private readonly flags = new Map<number, number>();
  /** Hash of a first word → word counts of the spellings it starts, longest first. */
  private readonly lengths = new Map<number, number[]>();
  /** Key → indices into data.phrases. */
  private readonly byKey = new Map<string, number[]>();
  private readonly conditions: Condition[];

  constructor(readonly data: MatcherData) {
    data.phrases.forEach(([key, , , , , words], index) => {
      const firstWord = key.slice(0, firstWordLength(key));
      const hash = hashFolded(firstWord);
      this.flags.set(hash, (this.flags.get(hash) ?? 0) | STARTS_PHRASE);
      const counts = this.lengths.get(hash) ?? [];
      if (!counts.includes(words)) counts.push(words);
      counts.sort((a, b) => b - a);
      this.lengths.set(hash, counts);
      const list = this.byKey.get(key);
      if (list) list.push(index);
      else this.byKey.set(key, [index]);
    });
    this.conditions = data.conditions.map((c) => this.compileCondition(c));
  }

  private compileCondition(condition: CompiledCondition): Condition {
    const out: Condition = {};
    if (condition.near) {
      out.near = new Set(condition.near.map(hashFolded));
      for (const hash of out.near) this.flags.set(hash, (this.flags.get(hash) ?? 0) | IS_CONTEXT);
    }
    if (condition.notBefore) out.notBefore = new Set(condition.notBefore);
    if (condition.notAfter) out.notAfter = new Set(condition.notAfter);
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
    let prevStart = -1;
    let prevEnd = -1;
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
      if (flag !== undefined) {
        if (flag & STARTS_PHRASE) this.matchAt(text, { start: i, end, hash }, prevStart, prevEnd, candidates);
        if (flag & IS_CONTEXT) {
          contextAt.push(i);
          contextHash.push(hash);
        }
      }
      prevStart = i;
      prevEnd = end;
      i = j;
    }
    return this.resolve(candidates, contextAt, contextHash, breaks, n);
  }

  /** Adds every spelling that starts with `first` and passes its case and neighbour rules. */
  private matchAt(text: string, first: Word, prevStart: number, prevEnd: number, out: Candidate[]): void {
    const counts = this.lengths.get(first.hash)!;
    const words: Word[] = [first];
    const gaps: string[] = [];
    while (words.length < counts[0]!) {
      const gap = readGap(text, words[words.length - 1]!.end);
      if (gap.next < 0) break;
      gaps.push(gap.symbol);
      words.push(readWord(text, gap.next));
    }
    const folded = words.map((w) => foldWord(text, w.start, w.end));
    for (const count of counts) {
      if (count > words.length) continue;
      let key = folded[0]!;
      for (let k = 1; k < count; k++) key += gaps[k - 1]! + folded[k]!;
      const phraseIndices = this.byKey.get(key);
      if (!phraseIndices) continue;
      for (const index of phraseIndices) {
        const [, entity, rule, detail, conditionIndex] = this.data.phrases[index]!;
        if (!caseMatches(text, words, count, rule, detail)) continue;
        const condition = conditionIndex >= 0 ? this.conditions[conditionIndex] : undefined;
        if (condition && !neighboursAllow(text, condition, words[count - 1]!.end, prevStart, prevEnd, first.start)) {
          continue;
        }
        // `near` can only be judged once the whole paragraph has been read.
        out.push({ start: first.start, end: words[count - 1]!.end, entity, near: condition?.near });
      }
    }
  }

  private resolve(
    candidates: Candidate[],
    contextAt: number[],
    contextHash: number[],
    breaks: number[],
    length: number,
  ): Match[] {
    const result: Match[] = [];
    let lastEnd = -1;
    for (const candidate of candidates) {
      if (candidate.start < lastEnd) continue;
      if (candidate.near && !nearFound(candidate, candidate.near, contextAt, contextHash, breaks, length)) continue;
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

function neighboursAllow(
  text: string,
  condition: Condition,
  end: number,
  prevStart: number,
  prevEnd: number,
  start: number,
): boolean {
  if (condition.notAfter && prevStart >= 0 && readGap(text, prevEnd).next === start) {
    if (condition.notAfter.has(foldWord(text, prevStart, prevEnd))) return false;
  }
  if (condition.notBefore) {
    const gap = readGap(text, end);
    if (gap.next >= 0) {
      const next = readWord(text, gap.next);
      if (condition.notBefore.has(foldWord(text, next.start, next.end))) return false;
    }
  }
  return true;
}

function nearFound(
  mention: Match,
  near: Set<number>,
  contextAt: number[],
  contextHash: number[],
  breaks: number[],
  length: number,
): boolean {
  // The paragraph around the mention: between the breaks before and after it.
  const b = upperBound(breaks, mention.start);
  const from = Math.max(b > 0 ? breaks[b - 1]! : 0, mention.start - NEAR_WINDOW);
  const to = Math.min(b < breaks.length ? breaks[b]! : length, mention.end + NEAR_WINDOW);
  for (let k = upperBound(contextAt, from - 1); k < contextAt.length && contextAt[k]! < to; k++) {
    const at = contextAt[k]!;
    if ((at < mention.start || at >= mention.end) && near.has(contextHash[k]!)) return true;
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
