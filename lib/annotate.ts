/** The annotate command's core: text in, the contract's mentions out. Pure; file and HTML handling live in scripts/. */
import type { MatcherData } from './match/data';
import type { Matcher } from './match/matcher';

export interface AnnotatedMention {
  entity: string;
  start: number;
  end: number;
  text: string;
}

export function annotate(matcher: Matcher, text: string): { mentions: AnnotatedMention[] } {
  const data: MatcherData = matcher.data;
  return {
    mentions: matcher.scan(text).map((m) => ({
      entity: data.entities[m.entity]!.id,
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
    })),
  };
}
