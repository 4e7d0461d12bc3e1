/**
 * Anchoring a passage in a page's text, the way Hypothesis does it (src/annotator/anchoring): a
 * passage is described by its quote with 32 characters of context either side and by its offsets;
 * to find it again, try the offsets (the page is unchanged), then the exact quote (the page moved),
 * then an approximate match of the quote scored with its context (the page was edited a little).
 * Approximate matching is approx-string-match (Myers' bit-parallel algorithm), as in Hypothesis.
 * Pure: works on the page text as a string; lib/dom/passage.ts maps it to the DOM.
 */
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '../notes/model';

/** Characters of context kept before and after a quote (Hypothesis uses 32). */
export const CONTEXT_CHARS = 32;

export interface PassageSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** The selectors for text[start, end). */
export function describePassage(text: string, start: number, end: number): PassageSelectors {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: text.slice(end, Math.min(text.length, end + CONTEXT_CHARS)),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** [start, end) moved inwards past whitespace at either end (a drag-selection usually takes some). */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface Anchored {
  start: number;
  end: number;
  method: AnchorMethod;
  /** 1 for a perfect match, lower for approximate ones. */
  score: number;
}

export interface AnchorOptions {
  /** Lowest normalised score an approximate match needs (0..1). */
  minScore?: number;
}

/**
 * Where the passage is in `text` now, or null when it cannot be found (the note is then orphaned,
 * never dropped). `position` is optional: imports from other tools may only carry the quote.
 */
export function anchorPassage(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector | null,
  options: AnchorOptions = {},
): Anchored | null {
  const exact = quote.exact;
  if (!exact) return null;
  // 1. The offsets, when the text there is still the quote.
  if (position && position.end <= text.length && text.slice(position.start, position.end) === exact) {
    return { start: position.start, end: position.end, method: 'position', score: 1 };
  }
  const hint = position?.start;
  const match = matchQuote(text, exact, { prefix: quote.prefix, suffix: quote.suffix, hint });
  if (!match) return null;
  if (match.errors === 0) return { start: match.start, end: match.end, method: 'quote', score: match.score };
  if (match.score < (options.minScore ?? 0.5)) return null;
  return { start: match.start, end: match.end, method: 'fuzzy', score: match.score };
}

interface ScoredMatch {
  start: number;
  end: number;
  errors: number;
  score: number;
}

interface QuoteContext {
  prefix?: string;
  suffix?: string;
  hint?: number;
}

/** Exact matches when there are any, else the approximate ones within `maxErrors`. */
function searchText(text: string, str: string, maxErrors: number): { start: number; end: number; errors: number }[] {
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(str); at !== -1; at = text.indexOf(str, at + 1)) {
    exact.push({ start: at, end: at + str.length, errors: 0 });
    if (exact.length > 1000) break;
  }
  if (exact.length > 0) return exact;
  return search(text, str, maxErrors);
}

/** How well `text` matches `str`, from 0 (not at all) to 1 (exactly). */
function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = searchText(text, str, str.length);
  return matches.length > 0 ? 1 - matches[0]!.errors / str.length : 0;
}

/**
 * The best match of `quote` in `text`, weighted as Hypothesis weighs it (match-quote.ts): the quote
 * counts 50, the prefix 20, the suffix 20 and nearness to the old position 2.
 */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): ScoredMatch | null {
  if (quote.length === 0) return null;
  // Allow up to half the quote to differ (as Hypothesis does), but no more than 256 edits.
  const maxErrors = Math.min(256, Math.floor(quote.length / 2));
  const matches = searchText(text, quote, maxErrors);
  if (matches.length === 0) return null;
  const score = (m: { start: number; end: number; errors: number }) => {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(text.slice(Math.max(0, m.start - context.prefix.length), m.start), context.prefix)
      : 1;
    const suffixScore = context.suffix ? textMatchScore(text.slice(m.end, m.end + context.suffix.length), context.suffix) : 1;
    const posScore = typeof context.hint === 'number' && text.length > 0 ? 1 - Math.abs(m.start - context.hint) / text.length : 1;
    return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
  };
  let best: ScoredMatch | null = null;
  for (const m of matches) {
    const s = score(m);
    if (!best || s > best.score) best = { start: m.start, end: m.end, errors: m.errors, score: s };
  }
  return best;
}
