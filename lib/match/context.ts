/**
 * The context model: what a page as a whole tells about its ambiguous spellings. Pure, so the content script
 * (page = a document, read block by block) and the annotate command (page = a file) apply it alike.
 *
 * - One sense per discourse: once a page names an entity unambiguously ("Maria Kolesnikova"), every ambiguous
 *   spelling of it on the page ("Kolesnikova", ten paragraphs on) is that entity.
 * - Topic evidence: a page shows a context (Belarus) by its cue words ("Belarusian", "белорусского") or by an
 *   unambiguous mention of one of its entities (Minsk, Lukashenko); generic phrases ("political prisoners",
 *   "the disputed vote") link only on a page that shows the context they need.
 * - Only unambiguous mentions count as evidence, so evidence never feeds on itself and grows as blocks are
 *   read: a candidate that waits is resolved again when the evidence it waits for arrives.
 */
import type { Match } from './data';

/** A spelling found in a text that passed its case, neighbour and title rules. */
export interface Candidate extends Match {
  /**
   * -1: links by itself (and confirms its entity); 0: links only if the page confirms the entity;
   * > 0: links if the page confirms the entity or shows one of these contexts (bit mask).
   */
  needs: number;
}

/** What one read of a text found: candidates in text order (longer first at one start), and its evidence. */
export interface Reading {
  candidates: Candidate[];
  /** Entities the text names unambiguously, once each. */
  confirms: number[];
  /** Contexts the text shows (bit mask): by cues, and by its unambiguous mentions. */
  contexts: number;
  /** Whether some candidate waits for page evidence. */
  waits: boolean;
}

export interface Evidence {
  confirmed(entity: number): boolean;
  /** Contexts shown (bit mask). */
  readonly contexts: number;
}

/** What a change to the evidence added or took away. */
export interface EvidenceChange {
  entities: number[];
  contexts: number;
}

const MAX_CONTEXTS = 31;

/** The evidence of one page: counted per reading, so a block that goes away takes its evidence with it. */
export class PageEvidence implements Evidence {
  private readonly entityCounts = new Map<number, number>();
  private readonly contextCounts = new Int32Array(MAX_CONTEXTS);
  contexts = 0;

  confirmed(entity: number): boolean {
    return this.entityCounts.has(entity);
  }

  /** Adds a reading's evidence; returns what is new to the page, or null. */
  add(reading: Reading): EvidenceChange | null {
    const entities: number[] = [];
    for (const entity of reading.confirms) {
      const count = this.entityCounts.get(entity) ?? 0;
      if (count === 0) entities.push(entity);
      this.entityCounts.set(entity, count + 1);
    }
    let contexts = 0;
    for (let bit = 0; bit < MAX_CONTEXTS; bit++) {
      if ((reading.contexts & (1 << bit)) === 0) continue;
      const count = this.contextCounts[bit]!;
      this.contextCounts[bit] = count + 1;
      if (count === 0) contexts |= 1 << bit;
    }
    this.contexts |= contexts;
    return entities.length > 0 || contexts !== 0 ? { entities, contexts } : null;
  }

  /** Takes a reading's evidence away; returns what the page no longer shows, or null. */
  remove(reading: Reading): EvidenceChange | null {
    const entities: number[] = [];
    for (const entity of reading.confirms) {
      const count = this.entityCounts.get(entity) ?? 0;
      if (count <= 1) {
        this.entityCounts.delete(entity);
        if (count === 1) entities.push(entity);
      } else {
        this.entityCounts.set(entity, count - 1);
      }
    }
    let contexts = 0;
    for (let bit = 0; bit < MAX_CONTEXTS; bit++) {
      if ((reading.contexts & (1 << bit)) === 0 || this.contextCounts[bit] === 0) continue;
      const count = this.contextCounts[bit]! - 1;
      this.contextCounts[bit] = count;
      if (count === 0) contexts |= 1 << bit;
    }
    this.contexts &= ~contexts;
    return entities.length > 0 || contexts !== 0 ? { entities, contexts } : null;
  }
}

/**
 * Whether a change to the page's evidence can change how a reading resolves: it has a waiting candidate whose
 * entity or contexts changed, or that shares its spelling with an entity whose confirmation changed.
 */
export function affects(reading: Reading, change: EvidenceChange): boolean {
  if (!reading.waits) return false;
  const candidates = reading.candidates;
  for (let i = 0; i < candidates.length; ) {
    const first = candidates[i]!;
    let j = i;
    let waits = false;
    for (; j < candidates.length && candidates[j]!.start === first.start && candidates[j]!.end === first.end; j++) {
      const c = candidates[j]!;
      if (c.needs < 0) continue;
      waits = true;
      if ((c.needs & change.contexts) !== 0) return true;
    }
    if (waits) {
      for (let k = i; k < j; k++) if (change.entities.includes(candidates[k]!.entity)) return true;
    }
    i = j;
  }
  return false;
}

/** Joins two changes (several blocks read or dropped in one step). */
export function mergeChanges(a: EvidenceChange | null, b: EvidenceChange | null): EvidenceChange | null {
  if (!a) return b;
  if (!b) return a;
  return { entities: [...new Set([...a.entities, ...b.entities])], contexts: a.contexts | b.contexts };
}
