/**
 * The annotate command's core: text in, the contract's mentions out. Pure; file and HTML handling live in scripts/.
 * The document (a file) is one page for the context model: its unambiguous names and cue words are the evidence
 * for its ambiguous ones, wherever they stand.
 */
import type { Match, MatcherInfo } from './match/data';
import { PageEvidence, type Reading } from './match/context';
import type { Matcher } from './match/matcher';

export interface AnnotatedMention {
  entity: string;
  start: number;
  end: number;
  text: string;
  /** Set on a mention inside another (a name in an event): the id of the entity of the mention that holds it. */
  within?: string;
}

/** A part of the text read on its own (an HTML paragraph), and whether its white space collapses. */
export interface Segment {
  start: number;
  end: number;
  collapse?: boolean;
}

/**
 * The mentions in a document, in text order: each outer mention, then those it holds. Without `segments`, the text
 * is read as one plain text (a .txt file, whose white space is what it shows).
 */
export function annotate(matcher: Matcher, text: string, segments?: readonly Segment[]): { mentions: AnnotatedMention[] } {
  const data: MatcherInfo = matcher.data;
  const parts = segments ?? [{ start: 0, end: text.length }];
  const evidence = new PageEvidence();
  const readings: Reading[] = parts.map((s) => {
    const reading = matcher.read(text.slice(s.start, s.end), { collapse: s.collapse === true });
    evidence.add(reading);
    return reading;
  });
  const mentions: AnnotatedMention[] = [];
  readings.forEach((reading, i) => {
    const offset = parts[i]!.start;
    for (const m of matcher.resolve(reading, evidence)) mentions.push(toMention(data, text, m, offset));
  });
  return { mentions };
}

function toMention(data: MatcherInfo, text: string, m: Match, offset: number): AnnotatedMention {
  const start = m.start + offset;
  const end = m.end + offset;
  const mention: AnnotatedMention = { entity: data.entities[m.entity]!.id, start, end, text: text.slice(start, end) };
  if (m.within !== undefined) mention.within = data.entities[m.within]!.id;
  return mention;
}
