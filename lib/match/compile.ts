/** Compiles the KB's spellings, inflections and trigger patterns into matcher data. */
import type { KnowledgeBase, Name, Paradigm } from '../kb/schema';
import {
  CASE_ANY,
  CASE_EXACT,
  CASE_INITIALS,
  MATCHER_DATA_VERSION,
  type CompiledCondition,
  type CompiledPhrase,
  type MatcherData,
} from './data';
import { expandPattern, PatternError } from './pattern';
import { phraseKey, splitForm } from './tokens';

export interface CompileResult {
  data: MatcherData;
  /** Spellings that could not be compiled or that two entities share; empty for a sound KB. */
  problems: string[];
}

/** Longest spelling, in words, that the scanner looks for. */
export const MAX_PHRASE_WORDS = 8;
/** The case mask has one bit per word. */
const MAX_MASK_WORDS = 30;

const CASE_RULES = { initials: CASE_INITIALS, exact: CASE_EXACT, any: CASE_ANY } as const;

function inflect(form: string, paradigm: Paradigm): string[] | string {
  const lastSpace = form.lastIndexOf(' ');
  const head = form.slice(0, lastSpace + 1);
  const last = form.slice(lastSpace + 1);
  if (!last.toLowerCase().endsWith(paradigm.suffix.toLowerCase())) {
    return `"${form}" does not end in "${paradigm.suffix}" as paradigm "${paradigm.id}" requires`;
  }
  const stem = last.slice(0, last.length - paradigm.suffix.length);
  return [...new Set([form, ...paradigm.endings.map((ending) => head + stem + ending)])];
}

/** Longest context phrase ("U.S.", "Lukashenko's", "MiG-29" are two words each). */
const MAX_CONTEXT_WORDS = 4;

function foldContext(words: string[] | undefined, where: string, problems: string[]): string[] | undefined {
  if (!words) return undefined;
  const keys: string[] = [];
  for (const word of words) {
    const split = splitForm(word);
    if (!split || split.words.length > MAX_CONTEXT_WORDS) {
      problems.push(`${where}: context "${word}" must be 1 to ${MAX_CONTEXT_WORDS} words`);
      continue;
    }
    keys.push(phraseKey(split.words, split.gaps));
  }
  return [...new Set(keys)];
}

export function compileMatcherData(kb: KnowledgeBase): CompileResult {
  const problems: string[] = [];
  const topicIndex = new Map(kb.topics.map((topic, i) => [topic.id, i]));
  const paradigms = new Map(kb.paradigms.map((p) => [p.id, p]));
  const phrases: CompiledPhrase[] = [];
  const conditions: CompiledCondition[] = [];
  const owners = new Map<string, { entity: string; text: string }>();
  const seen = new Set<string>();

  kb.entities.forEach((entity, entityIndex) => {
    const spellings: { name: Name; forms: string[] }[] = [];
    for (const name of entity.names) spellings.push({ name, forms: [name.text] });
    for (const trigger of entity.triggers ?? []) {
      try {
        spellings.push({ name: trigger, forms: expandPattern(trigger.text) });
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        problems.push(`entity "${entity.id}": ${error.message}`);
      }
    }
    for (const { name, forms } of spellings) {
      const where = `entity "${entity.id}", spelling "${name.text}"`;
      let condition = -1;
      if (name.near || name.notBefore || name.notAfter) {
        condition = conditions.length;
        const compiled: CompiledCondition = {};
        const near = foldContext(name.near, where, problems);
        const notBefore = foldContext(name.notBefore, where, problems);
        const notAfter = foldContext(name.notAfter, where, problems);
        if (near) compiled.near = near;
        if (notBefore) compiled.notBefore = notBefore;
        if (notAfter) compiled.notAfter = notAfter;
        conditions.push(compiled);
      }
      const rule = CASE_RULES[name.case ?? 'initials'];
      for (const baseForm of forms) {
        let inflected: string[] = [baseForm];
        if (name.inflect) {
          const paradigm = paradigms.get(name.inflect);
          const result = paradigm ? inflect(baseForm, paradigm) : `unknown paradigm "${name.inflect}"`;
          if (typeof result === 'string') {
            problems.push(`${where}: ${result}`);
            continue;
          }
          inflected = result;
        }
        for (const form of inflected) {
          const split = splitForm(form);
          if (!split) {
            problems.push(`${where}: "${form}" contains a character that no name may span`);
            continue;
          }
          if (split.words.length > MAX_PHRASE_WORDS) {
            problems.push(`${where}: "${form}" is longer than ${MAX_PHRASE_WORDS} words`);
            continue;
          }
          const key = phraseKey(split.words, split.gaps);
          const owner = owners.get(key);
          if (owner && owner.entity !== entity.id) {
            problems.push(`spelling "${form}" of "${entity.id}" is also "${owner.text}" of "${owner.entity}"`);
            continue;
          }
          owners.set(key, { entity: entity.id, text: form });
          let detail: number | string = 0;
          if (rule === CASE_EXACT) detail = split.raw.join('\u0001');
          if (rule === CASE_INITIALS) {
            split.raw.slice(0, MAX_MASK_WORDS).forEach((word, i) => {
              const first = word.charAt(0);
              if (first !== first.toLowerCase()) detail = (detail as number) | (1 << i);
            });
          }
          const signature = `${key}\u0000${entityIndex}\u0000${rule}\u0000${detail}\u0000${condition}`;
          if (seen.has(signature)) continue;
          seen.add(signature);
          const ownStop = /\p{L}\.$/u.test(form) && /\p{L}\.\p{L}/u.test(form) ? 1 : 0;
          phrases.push([key, entityIndex, rule, detail, condition, split.words.length, ownStop]);
        }
      }
    }
  });

  const data: MatcherData = {
    version: MATCHER_DATA_VERSION,
    topics: kb.topics.map((t) => ({ id: t.id, defaultEnabled: t.defaultEnabled })),
    entities: kb.entities.map((e) => ({
      id: e.id,
      type: e.type,
      topics: e.topics.map((t) => topicIndex.get(t) ?? -1),
    })),
    phrases,
    conditions,
  };
  return { data, problems };
}
