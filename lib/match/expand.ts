/**
 * Expands compiled spellings into the phrases the scanner looks up: trigger patterns into their spellings,
 * declined names into their forms, case by case ("Марыя Калеснікава": "Марыі Калеснікавай", "Марыяй
 * Калеснікавай", ...; never two words in two different cases). Runs at build time, in compileMatcherData.
 */
import { CASE_EXACT, CASE_INITIALS, type CompiledParadigm, type CompiledPhrase, type CompiledSpelling, SPELLING_PATTERN } from './data';
import { expandPattern, PatternError } from './pattern';
import { foldWord, phraseKey, splitForm } from './tokens';

/** Longest spelling, in words, that the scanner looks for. */
export const MAX_PHRASE_WORDS = 8;
/** The case mask has one bit per word. */
const MAX_MASK_WORDS = 30;

export type ExpandProblem = (spelling: number, message: string) => void;

/** The forms of one word, for each case slot of its paradigm (or the word alone). */
function wordSlots(raw: string, paradigm: CompiledParadigm | undefined): string[][] | string {
  if (!paradigm) return [[raw]];
  const [suffix, slots] = paradigm;
  if (!raw.toLowerCase().endsWith(suffix.toLowerCase())) return `"${raw}" does not end in "${suffix}"`;
  const stem = raw.slice(0, raw.length - suffix.length);
  return slots.map((slot) => (slot === null ? [raw] : slot.split('|').map((ending) => stem + ending)));
}

/** Every declined form of a spelling's words: the words decline in step, one case slot at a time. */
function declensions(raw: string[], paradigms: (CompiledParadigm | undefined)[]): string[][] | string {
  const perWord: string[][][] = [];
  let slots = 1;
  for (let i = 0; i < raw.length; i++) {
    const forms = wordSlots(raw[i]!, paradigms[i]);
    if (typeof forms === 'string') return forms;
    perWord.push(forms);
    slots = Math.max(slots, forms.length);
  }
  const out: string[][] = [raw];
  const seen = new Set([raw.join('\u0000')]);
  for (let k = 0; k < slots; k++) {
    let combos: string[][] = [[]];
    for (const forms of perWord) {
      const here = forms[k] ?? forms[0]!;
      const next: string[][] = [];
      for (const prefix of combos) for (const form of here) next.push([...prefix, form]);
      combos = next;
    }
    for (const combo of combos) {
      const id = combo.join('\u0000');
      if (!seen.has(id)) {
        seen.add(id);
        out.push(combo);
      }
    }
  }
  return out;
}

/** The paradigm of each word: "3" declines the last word, ",3" or "2,3" give one entry per word. */
function paradigmsFor(inflect: string, words: number, table: readonly CompiledParadigm[]): (CompiledParadigm | undefined)[] | string {
  if (inflect === '') return [];
  const parts = inflect.split(',');
  const indices = parts.length === 1 ? [...Array<string>(words - 1).fill(''), parts[0]!] : parts;
  if (indices.length !== words) return `inflection "${inflect}" does not fit ${words} words`;
  return indices.map((i) => (i === '' ? undefined : table[Number(i)]));
}

export function expandSpellings(
  spellings: readonly CompiledSpelling[],
  paradigms: readonly CompiledParadigm[],
  onProblem: ExpandProblem = () => undefined,
): CompiledPhrase[] {
  const phrases: CompiledPhrase[] = [];
  const seen = new Set<string>();
  spellings.forEach(([text, owner, flags, condition, inflect], index) => {
    let forms: string[] = [text];
    if (flags & SPELLING_PATTERN) {
      try {
        forms = expandPattern(text);
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        onProblem(index, error.message);
        return;
      }
    }
    const rule = flags & 3;
    for (const form of forms) {
      const split = splitForm(form);
      if (!split) {
        onProblem(index, `"${form}" contains a character that no name may span`);
        continue;
      }
      if (split.words.length > MAX_PHRASE_WORDS) {
        onProblem(index, `"${form}" is longer than ${MAX_PHRASE_WORDS} words`);
        continue;
      }
      const ownStop = /\p{L}\.$/u.test(form) && /\p{L}\.\p{L}/u.test(form) ? 1 : 0;
      const table = paradigmsFor(inflect, split.raw.length, paradigms);
      const variants = typeof table === 'string' ? table : declensions(split.raw, table);
      if (typeof variants === 'string') {
        onProblem(index, variants);
        continue;
      }
      for (const raw of variants) {
        const key = phraseKey(
          raw.map((word) => foldWord(word, 0, word.length)),
          split.gaps,
        );
        let detail: number | string = 0;
        if (rule === CASE_EXACT) detail = raw.join('\u0001');
        if (rule === CASE_INITIALS) {
          raw.slice(0, MAX_MASK_WORDS).forEach((word, i) => {
            const first = word.charAt(0);
            if (first !== first.toLowerCase()) detail = (detail as number) | (1 << i);
          });
        }
        const signature = `${key}\u0000${owner}\u0000${rule}\u0000${detail}\u0000${condition}`;
        if (seen.has(signature)) continue;
        seen.add(signature);
        phrases.push([key, owner, rule, detail, condition, raw.length, ownStop]);
      }
    }
  });
  return phrases;
}
