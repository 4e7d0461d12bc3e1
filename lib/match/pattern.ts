/**
 * Trigger patterns from the KB, expanded into plain spellings at compile time:
 * "sanctions (on|against) (Belarus|the Lukashenko regime)" gives four spellings, "[new] sanctions" two.
 */

export class PatternError extends Error {}

/** The most spellings one pattern may expand to: a guard against a typo multiplying the KB. */
const MAX_EXPANSIONS = 512;

type Part = string[][]; // alternatives, each a list of words (an empty list = optional)

function parse(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === ' ') {
      i++;
    } else if (ch === '(' || ch === '[') {
      const close = ch === '(' ? ')' : ']';
      const end = pattern.indexOf(close, i);
      if (end < 0) throw new PatternError(`unclosed "${ch}" in pattern "${pattern}"`);
      const inner = pattern.slice(i + 1, end);
      if (/[()[\]]/.test(inner)) throw new PatternError(`nested groups are not supported in "${pattern}"`);
      const alternatives = inner.split('|').map((alt) => alt.trim().split(/\s+/).filter(Boolean));
      if (alternatives.some((alt) => alt.length === 0) && ch === '(') {
        throw new PatternError(`empty alternative in "${pattern}"`);
      }
      if (ch === '[') alternatives.push([]);
      parts.push(alternatives);
      i = end + 1;
    } else if (ch === ')' || ch === ']' || ch === '|') {
      throw new PatternError(`unexpected "${ch}" in pattern "${pattern}"`);
    } else {
      let end = i;
      while (end < pattern.length && !' ()[]|'.includes(pattern[end]!)) end++;
      parts.push([[pattern.slice(i, end)]]);
      i = end;
    }
  }
  return parts;
}

/** Every spelling a pattern stands for, words joined by single spaces. */
export function expandPattern(pattern: string): string[] {
  let results: string[][] = [[]];
  for (const part of parse(pattern)) {
    const next: string[][] = [];
    for (const prefix of results) for (const alt of part) next.push([...prefix, ...alt]);
    if (next.length > MAX_EXPANSIONS) throw new PatternError(`pattern "${pattern}" expands to too many spellings`);
    results = next;
  }
  return [...new Set(results.filter((words) => words.length > 0).map((words) => words.join(' ')))];
}
