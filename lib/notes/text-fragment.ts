/**
 * Links that open a page scrolled to a passage and highlight it: URL text fragments
 * (https://wicg.github.io/scroll-to-text-fragment/), `#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`.
 * Chromium-based browsers, Safari and Firefox 131+ follow them; other browsers open the page at its top. Pure.
 *
 * The browser matches each term case-insensitively, on word boundaries, inside the page's visible text;
 * a term that is not found leaves the page at its top. So a passage is named by whole words, a long
 * passage (or one that spans paragraphs) by its first and last words, and a short one, which a page may
 * well repeat, is pinned down by the words just before and after it (the quote's stored context).
 */

export interface FragmentQuote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Passages up to this many words are named whole; longer ones by their first and last words. */
const WHOLE_WORDS = 12;
const EDGE_WORDS = 5;
/** A start term of fewer words than this is likely to occur elsewhere on the page: context is added. */
const DISTINCT_WORDS = 4;
const CONTEXT_WORDS = 3;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const TRAILING_WORD = /[\p{L}\p{M}\p{N}]+$/u;
const LEADING_WORD = /^[\p{L}\p{M}\p{N}]+/u;

/** Lone surrogates (a quote cut inside a character) cannot be percent-encoded: they become U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** One directive term: percent-encoded, with the three characters the syntax uses (`-`, `,`, `&`) encoded too. */
export function encodeTerm(term: string): string {
  // encodeURIComponent already encodes ',' and '&'; '-' it leaves alone.
  return encodeURIComponent(wellFormed(term)).replace(/-/g, '%2D');
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * The text directive for a quote, unencoded terms first (for tests and for reading), or null when the
 * quote has no words to find.
 */
export function textDirectiveTerms(quote: FragmentQuote): { prefix?: string; start: string; end?: string; suffix?: string } | null {
  let exact = quote.exact.trim();
  let prefix = quote.prefix ?? '';
  let suffix = quote.suffix ?? '';
  if (!exact) return null;
  // A selection that starts or ends inside a word would never match (terms match whole words): widen it to the word.
  if (!/^\s/.test(quote.exact) && WORD_CHAR.test(exact[0]!)) {
    const partial = TRAILING_WORD.exec(prefix)?.[0] ?? '';
    exact = partial + exact;
    prefix = prefix.slice(0, prefix.length - partial.length);
  }
  if (!/\s$/.test(quote.exact) && WORD_CHAR.test(exact.slice(-1))) {
    const partial = LEADING_WORD.exec(suffix)?.[0] ?? '';
    exact += partial;
    suffix = suffix.slice(partial.length);
  }
  // Paragraphs: a single term cannot reach across them, so a passage that does is named by its ends.
  const blocks = exact
    .split(/\s*\n\s*/)
    .map((b) => words(b))
    .filter((w) => w.length > 0);
  let start: string[];
  let end: string[] | undefined;
  if (blocks.length === 1 && blocks[0]!.length <= WHOLE_WORDS) start = blocks[0]!;
  else {
    const first = blocks[0]!;
    const last = blocks[blocks.length - 1]!;
    start = first.slice(0, EDGE_WORDS);
    end = last.slice(-EDGE_WORDS);
  }
  const terms: { prefix?: string; start: string; end?: string; suffix?: string } = { start: start.join(' ') };
  if (end) terms.end = end.join(' ');
  if (start.length < DISTINCT_WORDS) {
    // Only the context on the passage's own line: a prefix or suffix in another paragraph would not match.
    const before = words(prefix.split('\n').pop() ?? '');
    // The stored context is cut at a fixed length: its outermost word may be a fragment of one.
    if (before.length > 1 && !/^\s/.test(prefix)) before.shift();
    const after = words(suffix.split('\n')[0] ?? '');
    if (after.length > 1 && !/\s$/.test(suffix)) after.pop();
    if (before.length > 0) terms.prefix = before.slice(-CONTEXT_WORDS).join(' ');
    if (after.length > 0) terms.suffix = after.slice(0, CONTEXT_WORDS).join(' ');
  }
  return terms;
}

/** `url` with a text fragment that opens it at the quoted passage; `url` unchanged when there is nothing to find. */
export function textFragmentUrl(url: string, quote: FragmentQuote | string): string {
  const terms = textDirectiveTerms(typeof quote === 'string' ? { exact: quote } : quote);
  if (!terms) return url;
  const parts = [
    ...(terms.prefix ? [`${encodeTerm(terms.prefix)}-`] : []),
    encodeTerm(terms.start),
    ...(terms.end ? [encodeTerm(terms.end)] : []),
    ...(terms.suffix ? [`-${encodeTerm(terms.suffix)}`] : []),
  ];
  // A page address with a fragment of its own keeps it: the directive follows it after ':~:'.
  return `${url}${url.includes('#') ? '' : '#'}:~:text=${parts.join(',')}`;
}
