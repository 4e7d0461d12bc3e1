/**
 * The compiled matcher data: everything the content script needs to find mentions, and nothing it
 * does not (no summaries, facts or sources). Plain JSON. The KB's spellings arrive here expanded
 * (lib/match/expand.ts): trigger patterns into their spellings, names into their declined forms.
 */
import type { EntityType } from '../kb/schema';

export const MATCHER_DATA_VERSION = 3;

export const CASE_INITIALS = 0;
export const CASE_EXACT = 1;
export const CASE_ANY = 2;

/** What the content script knows of an entity: enough to mark it; its card comes from the background. */
export interface CompiledEntity {
  id: string;
  type: EntityType;
  /** Indices into `topics`. */
  topics: number[];
  /** A person's gender: "f" or "m" (titles that do not fit block a link). */
  gender?: 'f' | 'm';
  /** Folded first letters of the person's given names: a one-letter title ("M.") may be one of them. */
  initials?: string;
  /** Bit mask of the contexts an unambiguous mention of this entity is evidence of. */
  evidence?: number;
  /** Folded titles that, right before an ambiguous spelling of this entity, make it unambiguous ("secretary"). */
  titles?: string[];
}

export interface CompiledTopic {
  id: string;
  defaultEnabled: boolean;
}

/**
 * One spelling: [key, owner, case rule, case detail, condition index or -1, word count,
 * 1 when the spelling ends in a full stop that belongs to it ("U.S.", "E.U.") or 0].
 * The owner is the index of its entity, or -1 - i for a cue of context i.
 * The key is the folded words joined by normalised gaps ("u.s. state department"). The case detail is a
 * bit mask of words that must start with a capital (CASE_INITIALS) or the words as written joined by
 * "\u0001" (CASE_EXACT).
 */
export type CompiledPhrase = [string, number, number, number | string, number, number, number];

/** Flags of a compiled spelling. */
export const SPELLING_PATTERN = 4;

/**
 * A spelling as the KB writes it, the input of the expansion: [text, owner, flags, condition, inflection].
 * Flags: the case rule (low two bits), SPELLING_PATTERN when the text is a trigger pattern.
 * Inflection: "" or, per word, the index of a paradigm or nothing, joined by "," (",3": the second word declines
 * by paradigm 3); the words of a name decline in step, case by case.
 */
export type CompiledSpelling = [string, number, number, number, string];

/** A paradigm: [suffix to strip, the endings for each case slot (alternatives joined by "|"); null keeps the word]. */
export type CompiledParadigm = [string, (string | null)[]];

/** Context rules: keys of one or more words, folded like the page text ("u.s", "lukashenko's"). */
export interface CompiledCondition {
  notBefore?: string[];
  notAfter?: string[];
  near?: string[];
  /** Bit mask of contexts, one of which the page must show. */
  needs?: number;
  /** 1 when the spelling alone is ambiguous: the page must confirm the entity (or show `needs`). */
  ambiguous?: number;
}

/** What every reader of the matcher data uses besides the spellings: entities, topics, contexts, rules. */
export interface MatcherInfo {
  version: number;
  topics: CompiledTopic[];
  entities: CompiledEntity[];
  /** Context ids; context i is bit 1 << i. */
  contexts: string[];
  conditions: CompiledCondition[];
  /** Folded titles that point to a man, and to a woman ("mr", "herr"; "ms", "frau"). */
  titles: { m: string[]; f: string[] };
}

/** The compiler's output: readable, with the spellings as a list (lib/match/tables.ts lays it out for publishing). */
export interface MatcherData extends MatcherInfo {
  phrases: CompiledPhrase[];
}

/**
 * A mention found in a text: UTF-16 offsets [start, end) and the index of its entity in the data.
 * `within` is set on a mention that lies inside another one, of a different entity ("Ukraine" in "the
 * full-scale invasion of Ukraine"): it counts as a mention, but only the outer one is drawn.
 */
export interface Match {
  start: number;
  end: number;
  entity: number;
  /** Index of the entity of the mention this one lies in. */
  within?: number;
}
