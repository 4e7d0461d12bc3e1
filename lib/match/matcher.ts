/**
 * The scanner. One pass over the text reads each word, folds it and hashes it on the fly (no substring
 * is made for ordinary words), and looks the hash up once. Only a word that can start a spelling costs
 * more, so the time per page does not grow with the number of names in the KB.
 *
 * Reading a text gives candidates and evidence; resolving them against the evidence of the whole page (the
 * context model, lib/match/context.ts) gives the mentions. A page read block by block keeps one PageEvidence
 * and resolves again the blocks whose candidates wait for evidence that has just arrived: no second pass
 * over the text.
 */
import { WordTable } from './word-table';
import { CASE_ANY, CASE_EXACT, type CompiledCondition, type Match } from './data';
import { foldTable, IGNORABLE, NEWLINE, SURROGATE, UNKNOWN } from './fold';
import { type Candidate, type Evidence, PageEvidence, type Reading } from './context';
import {
  ENDS_PHRASE,
  firstWordLength,
  GOES_ON,
  IS_CONTEXT,
  type MatcherTables,
  phraseOwnStop,
  phraseRule,
  phraseWords,
  type PublishedMatcherData,
  readTables,
  STARTS_PHRASE,
} from './tables';
import {
  foldWord,
  HASH_SEED,
  hashFolded,
  keyAfter,
  keyBefore,
  mixHash,
  readGap,
  readWord,
  wordBefore,
  wordsInKey,
  wordValue,
  type Word,
} from './tokens';

/** A guard: spellings are at most 8 words (lib/match/expand.ts); only hash collisions could read on. */
const MAX_WORDS = 32;
/** How far, at most, a `near` word may stand from the mention (within its paragraph). */
const NEAR_WINDOW = 1500;

export interface ReadOptions {
  /**
   * The text's white space is collapsible (HTML outside <pre> and `white-space: pre`): a run of spaces and
   * line breaks is one space, and a blank line in it does not end a paragraph. The text index decides.
   */
  collapse?: boolean;
}

interface RawCandidate extends Match {
  condition: number;
}

/** Context phrases grouped by word count, so each count is read from the text once. */
type PhrasesByLength = Map<number, Set<string>>;

interface Condition {
  /** First-word hash → the near phrases that start with it. */
  near?: Map<number, { key: string; words: number }[]>;
  notBefore?: PhrasesByLength;
  notAfter?: PhrasesByLength;
  needs: number;
  ambiguous: boolean;
}

const GENDER_MALE = 1;
const GENDER_FEMALE = 2;

function byLength(keys: string[]): PhrasesByLength {
  const map: PhrasesByLength = new Map();
  for (const key of keys) {
    const words = wordsInKey(key);
    if (!map.has(words)) map.set(words, new Set());
    map.get(words)!.add(key);
  }
  return map;
}

function compileCondition(condition: CompiledCondition): Condition {
  const out: Condition = { needs: condition.needs ?? 0, ambiguous: condition.ambiguous === 1 };
  if (condition.near) {
    out.near = new Map();
    for (const key of condition.near) {
      const hash = hashFolded(key.slice(0, firstWordLength(key)));
      const list = out.near.get(hash) ?? [];
      list.push({ key, words: wordsInKey(key) });
      out.near.set(hash, list);
    }
  }
  if (condition.notBefore) out.notBefore = byLength(condition.notBefore);
  if (condition.notAfter) out.notAfter = byLength(condition.notAfter);
  return out;
}

/**
 * Finds mentions with published matcher data (lib/match/tables.ts) as it arrives: creating one decodes its
 * typed arrays and builds nothing else; rules are compiled when a phrase first needs them.
 */
export class Matcher {
  private readonly tables: MatcherTables;
  /**
   * Hash of a folded first word → its flags (STARTS_PHRASE, IS_CONTEXT, ENDS_PHRASE, GOES_ON), and hash of a longer
   * prefix of a key → its flags (ENDS_PHRASE, GOES_ON): one table, asked once per word. A prefix never has
   * STARTS_PHRASE, so it never starts a match; a rare hash collision only costs a key comparison.
   */
  private readonly firsts: WordTable;
  private readonly conditions: (Condition | undefined)[] = [];
  /** Folded title → GENDER_MALE or GENDER_FEMALE; made when a person's spelling is first found. */
  private titleGenders: Map<string, number> | null = null;
  private readonly genders: Uint8Array;
  /** Entity → its titles by word count ("secretary of state": 3), made when first needed. */
  private readonly roleTitles = new Map<number, PhrasesByLength | null>();

  constructor(readonly data: PublishedMatcherData) {
    const tables = readTables(data);
    this.tables = tables;
    if ((tables.wordKeys.length & (tables.wordKeys.length - 1)) !== 0)
      throw new Error('matcher data: the word table is not a power of two');
    this.firsts = WordTable.of(tables.wordKeys, tables.wordInfo);
    this.genders = Uint8Array.from(data.entities, (e) => (e.gender === 'm' ? GENDER_MALE : e.gender === 'f' ? GENDER_FEMALE : 0));
  }

  private condition(index: number): Condition | undefined {
    if (index < 0) return undefined;
    let condition = this.conditions[index];
    if (!condition) {
      condition = compileCondition(this.data.conditions[index]!);
      this.conditions[index] = condition;
    }
    return condition;
  }

  private get titles(): Map<string, number> {
    if (!this.titleGenders) {
      const titles = new Map<string, number>();
      for (const key of this.data.titles?.m ?? []) titles.set(key, GENDER_MALE);
      for (const key of this.data.titles?.f ?? []) titles.set(key, GENDER_FEMALE);
      this.titleGenders = titles;
    }
    return this.titleGenders;
  }

  /**
   * Every mention in `text`, in order, never overlapping: the longest spelling wins where two overlap. The text
   * is its own page: its unambiguous names and cues are the evidence for its ambiguous ones. With `nested`,
   * the mentions that lie inside another (marked `within`) are listed too, right after it.
   */
  scan(text: string, options: ReadOptions & { nested?: boolean } = {}): Match[] {
    const reading = this.read(text, options);
    const evidence = new PageEvidence();
    evidence.add(reading);
    const matches = this.resolve(reading, evidence);
    return options.nested ? matches : matches.filter((m) => m.within === undefined);
  }

  /**
   * Reads a text once: the spellings found in it that passed their case, neighbour and title rules (some waiting
   * for page evidence), and the evidence the text itself gives (the entities it names unambiguously, its cues).
   */
  read(text: string, options: ReadOptions = {}): Reading {
    const collapse = options.collapse === true;
    const raw: RawCandidate[] = [];
    const contextAt: number[] = [];
    const contextHash: number[] = [];
    const breaks: number[] = [];
    const firsts = this.firsts;
    // The loop every character goes through: folding and hashing inline (as foldCode and mixHash do), since
    // the code runs cold on most pages, where each call costs more than the work it does.
    const fold = foldTable();
    const n = text.length;
    let newlines = 0;
    let i = 0;
    while (i < n) {
      let value = fold[text.charCodeAt(i)]!;
      if (value === UNKNOWN || value === SURROGATE) value = wordValue(text, i);
      if (value <= 0) {
        if (value === NEWLINE) newlines++;
        i++;
        continue;
      }
      if (newlines > 1 && !collapse) breaks.push(i);
      newlines = 0;
      let hash = Math.imul(HASH_SEED ^ value, 0x01000193);
      let end = i + 1;
      let j = i + 1;
      for (; j < n; j++) {
        let next = fold[text.charCodeAt(j)]!;
        if (next === UNKNOWN || next === SURROGATE) next = wordValue(text, j);
        if (next > 0) hash = Math.imul(hash ^ next, 0x01000193);
        else if (next !== IGNORABLE) break;
        end = j + 1;
      }
      const info = firsts.get(hash);
      if (info !== 0) {
        if (info & STARTS_PHRASE) this.matchAt(text, { start: i, end, hash }, info, raw, collapse);
        if (info & IS_CONTEXT) {
          contextAt.push(i);
          contextHash.push(hash);
        }
      }
      i = j;
    }

    const candidates: Candidate[] = [];
    const confirms = new Set<number>();
    let contexts = 0;
    let waits = false;
    // A name inside a person's name ("Lukashenko" in "Viktar Lukashenko") is part of it, not evidence of its own.
    let personStart = -1;
    let personEnd = -1;
    for (let r = 0; r < raw.length; r++) {
      const c = raw[r]!;
      if (c.entity < 0) {
        contexts |= 1 << (-1 - c.entity);
        continue;
      }
      // A spelling that two entities share (a family's surname) confirms neither: the page must decide.
      const shared = sharesSpan(raw, r);
      const inPerson = c.start >= personStart && c.end <= personEnd && c.end - c.start < personEnd - personStart;
      if (!inPerson && this.data.entities[c.entity]!.type === 'person' && c.end > personEnd) {
        personStart = c.start;
        personEnd = c.end;
      }
      const condition = this.condition(c.condition);
      let needs = -1;
      if (condition && (condition.near || condition.needs !== 0 || condition.ambiguous) && !this.titled(text, c, collapse)) {
        // Any evidence will do: a `near` word in the paragraph, the page's context (`needs`), or the entity confirmed.
        const nearFoundHere = condition.near !== undefined && nearFound(text, c, condition.near, contextAt, contextHash, breaks, collapse);
        if (!nearFoundHere) needs = condition.needs;
      }
      if (needs === -1) {
        if (!inPerson && !shared) {
          confirms.add(c.entity);
          contexts |= this.data.entities[c.entity]!.evidence ?? 0;
        }
      } else {
        waits = true;
      }
      candidates.push({ start: c.start, end: c.end, entity: c.entity, needs });
    }
    return { candidates, confirms: [...confirms], contexts, waits };
  }

  /**
   * The mentions of a reading under the page's evidence: a waiting candidate links when the page confirms its
   * entity or shows one of the contexts it needs; where entities share a spelling, the one the page confirms
   * wins, then the one that takes it unconditionally. Mentions never overlap, except that a mention of another
   * entity inside one (a name in an event) is kept, marked `within`.
   */
  resolve(reading: Reading, evidence: Evidence): Match[] {
    const out: Match[] = [];
    const candidates = reading.candidates;
    let outer: Match | null = null;
    let outerType = '';
    let lastEnd = -1;
    let innerEnd = -1;
    for (let i = 0; i < candidates.length; ) {
      const first = candidates[i]!;
      let best: Candidate | null = null;
      let bestRank = -1;
      let j = i;
      for (; j < candidates.length && candidates[j]!.start === first.start && candidates[j]!.end === first.end; j++) {
        const c = candidates[j]!;
        const confirmed = evidence.confirmed(c.entity);
        const passes = c.needs === -1 || confirmed || (c.needs > 0 && (evidence.contexts & c.needs) !== 0);
        if (!passes) continue;
        const rank = (confirmed ? 2 : 0) + (c.needs === -1 ? 1 : 0);
        if (rank > bestRank) {
          best = c;
          bestRank = rank;
        }
      }
      i = j;
      if (!best) continue;
      if (best.start >= lastEnd) {
        outer = { start: best.start, end: best.end, entity: best.entity };
        outerType = this.data.entities[best.entity]!.type;
        out.push(outer);
        lastEnd = best.end;
        innerEnd = best.start;
      } else if (outer && best.end <= outer.end && best.start >= innerEnd && best.entity !== outer.entity && outerType !== 'person') {
        out.push({ start: best.start, end: best.end, entity: best.entity, within: outer.entity });
        innerEnd = best.end;
      }
    }
    return out;
  }

  /**
   * Adds every spelling that starts with `first` and passes its case, neighbour and title rules. `info`: the
   * first word's flags (lib/match/tables.ts).
   */
  private matchAt(text: string, first: Word, info: number, out: RawCandidate[], collapse: boolean): void {
    const { phraseHash, keyStart, entity: entities, condition: conditions, detail: details, flags } = this.tables;
    // Read the following words while some spelling goes on, hashing on as the key would be hashed.
    const words: Word[] = [first];
    const gaps: string[] = [];
    const hashes: number[] = [first.hash];
    const infos: number[] = [info];
    while (info & GOES_ON && words.length < MAX_WORDS) {
      const previous = words[words.length - 1]!;
      const gap = readGap(text, previous.end, collapse);
      if (gap.next < 0) break;
      let hash = hashes[hashes.length - 1]!;
      for (let i = 0; i < gap.symbol.length; i++) hash = mixHash(hash, gap.symbol.charCodeAt(i));
      const word = readWord(text, gap.next, hash);
      info = this.firsts.get(word.hash) & (ENDS_PHRASE | GOES_ON);
      if (info === 0) break;
      gaps.push(gap.symbol);
      words.push(word);
      hashes.push(word.hash);
      infos.push(info);
    }
    const keys = this.data.keys;
    let title = -1; // the gender of a title right before, computed when a person needs it
    for (let count = words.length; count > 0; count--) {
      if ((infos[count - 1]! & ENDS_PHRASE) === 0) continue;
      const hash = hashes[count - 1]!;
      for (let index = lowerBound(phraseHash, hash); index < phraseHash.length && phraseHash[index] === hash; index++) {
        if (phraseWords(flags[index]!) !== count) continue;
        if (!sameKey(text, words, gaps, count, keys, keyStart[index]!, keyStart[index + 1]!)) continue; // a hash collision
        const rule = phraseRule(flags[index]!);
        if (!caseMatches(text, words, count, rule, rule === CASE_EXACT ? this.data.exact[details[index]!]! : details[index]!)) continue;
        const conditionIndex = conditions[index]!;
        const condition = this.condition(conditionIndex);
        if (condition && !neighboursAllow(text, condition, first.start, words[count - 1]!.end, collapse)) continue;
        const entity = entities[index]!;
        if (entity >= 0 && this.genders[entity] !== 0) {
          if (title === -1) title = this.titleBefore(text, first.start, collapse);
          if (title !== 0 && title !== this.genders[entity] && !this.isInitial(text, first.start, entity, collapse)) continue;
        }
        let end = words[count - 1]!.end;
        if (phraseOwnStop(flags[index]!) && text.charCodeAt(end) === 46) end++; // the closing dot of "U.S." is part of the name
        out.push({ start: first.start, end, entity, condition: conditionIndex });
      }
    }
  }

  /** Whether one of the entity's own titles ("Secretary", "General") stands right before the mention. */
  private titled(text: string, mention: Match, collapse: boolean): boolean {
    let titles = this.roleTitles.get(mention.entity);
    if (titles === undefined) {
      const keys = this.data.entities[mention.entity]!.titles;
      titles = keys ? byLength(keys) : null;
      this.roleTitles.set(mention.entity, titles);
    }
    if (!titles) return false;
    for (const [words, keys] of titles) {
      const before = keyBefore(text, mention.start, words, collapse);
      if (before !== null && keys.has(before)) return true;
    }
    return false;
  }

  /** The gender of a title ("Ms.", "Herr", "г-жа") right before `start`, or 0. A one-letter title needs its dot ("M."). */
  private titleBefore(text: string, start: number, collapse: boolean): number {
    const titles = this.titles;
    if (titles.size === 0) return 0;
    const word = wordBefore(text, start, collapse);
    if (!word) return 0;
    const key = foldWord(text, word.start, word.end);
    const gender = titles.get(key);
    if (gender) return key.length > 1 || text.charCodeAt(word.end) === 46 ? gender : 0;
    const two = keyBefore(text, start, 2, collapse);
    return two === null ? 0 : (titles.get(two) ?? 0);
  }

  /** Whether a one-letter title before `start` may be the initial of the person's given name ("M. Kalesnikava"). */
  private isInitial(text: string, start: number, entity: number, collapse: boolean): boolean {
    const key = keyBefore(text, start, 1, collapse);
    return key !== null && key.length === 1 && (this.data.entities[entity]!.initials ?? '').includes(key);
  }
}

/** Whether another entity's candidate has the same span as raw[i] (they are adjacent: same start, same length). */
function sharesSpan(raw: readonly RawCandidate[], i: number): boolean {
  const c = raw[i]!;
  for (const j of [i - 1, i + 1]) {
    for (let k = j; k >= 0 && k < raw.length; k += j < i ? -1 : 1) {
      const o = raw[k]!;
      if (o.start !== c.start || o.end !== c.end) break;
      if (o.entity >= 0 && o.entity !== c.entity) return true;
    }
  }
  return false;
}

/** Whether the words and gaps read from the text fold to exactly keys[at, end), compared without building a string. */
function sameKey(text: string, words: Word[], gaps: string[], count: number, keys: string, at: number, end: number): boolean {
  for (let k = 0; k < count; k++) {
    if (k > 0) {
      const gap = gaps[k - 1]!;
      if (keys.startsWith(gap, at)) at += gap.length;
      else return false;
    }
    const word = words[k]!;
    for (let i = word.start; i < word.end; i++) {
      const value = wordValue(text, i);
      if (value > 0 && (at >= end || keys.charCodeAt(at++) !== value)) return false;
    }
  }
  return at === end;
}

/** Index of the first element not less than `value` in a sorted array. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

function neighboursAllow(text: string, condition: Condition, start: number, end: number, collapse: boolean): boolean {
  if (condition.notAfter) {
    for (const [words, keys] of condition.notAfter) {
      const before = keyBefore(text, start, words, collapse);
      if (before !== null && keys.has(before)) return false;
    }
  }
  if (condition.notBefore) {
    const gap = readGap(text, end, collapse);
    if (gap.next >= 0) {
      for (const [words, keys] of condition.notBefore) {
        const after = keyAfter(text, gap.next, words, collapse);
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
  collapse: boolean,
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
      if (phrase.words === 1 || keyAfter(text, at, phrase.words, collapse) === phrase.key) return true;
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
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
