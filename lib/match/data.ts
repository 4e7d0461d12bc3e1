/**
 * The compiled matcher data: everything the content script needs to find mentions, and nothing it
 * does not (no summaries, facts or sources). Plain JSON, so the build can inline it as one string.
 */
import type { EntityType } from '../kb/schema';

export const MATCHER_DATA_VERSION = 1;

export const CASE_INITIALS = 0;
export const CASE_EXACT = 1;
export const CASE_ANY = 2;

/** What the content script knows of an entity: enough to mark it; its card comes from the background. */
export interface CompiledEntity {
  id: string;
  type: EntityType;
  /** Indices into `topics`. */
  topics: number[];
}

export interface CompiledTopic {
  id: string;
  defaultEnabled: boolean;
}

/**
 * One spelling: [key, entity index, case rule, case detail, condition index or -1, word count,
 * 1 when the spelling ends in a full stop that belongs to it ("U.S.", "E.U.") or 0].
 * The key is the folded words joined by normalised gaps ("u.s. state department"). The case detail is a
 * bit mask of words that must start with a capital (CASE_INITIALS) or the words as written joined by
 * "\u0001" (CASE_EXACT).
 */
export type CompiledPhrase = [string, number, number, number | string, number, number, number];

/** Context rules: keys of one or more words, folded like the page text ("u.s", "lukashenko's"). */
export interface CompiledCondition {
  notBefore?: string[];
  notAfter?: string[];
  near?: string[];
}

export interface MatcherData {
  version: number;
  topics: CompiledTopic[];
  entities: CompiledEntity[];
  phrases: CompiledPhrase[];
  conditions: CompiledCondition[];
}

/** A mention found in a text: UTF-16 offsets [start, end) and the index of its entity in the data. */
export interface Match {
  start: number;
  end: number;
  entity: number;
}
