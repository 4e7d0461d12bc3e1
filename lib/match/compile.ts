/**
 * Compiles the KB's spellings, paradigms, contexts and titles into matcher data, and checks them: every
 * pattern and declined form is expanded here, at build time, so a spelling that two entities would claim is
 * reported before it ships and the content script does no more than look phrases up.
 */
import { CASES, type Entity, type KnowledgeBase, type Name, type Paradigm } from '../kb/schema';
import {
  CASE_ANY,
  CASE_EXACT,
  CASE_INITIALS,
  type CompiledCondition,
  type CompiledEntity,
  type CompiledParadigm,
  type CompiledSpelling,
  MATCHER_DATA_VERSION,
  type MatcherData,
  SPELLING_PATTERN,
} from './data';
import { expandSpellings, MAX_PHRASE_WORDS } from './expand';
import { phraseKey, splitForm } from './tokens';

export { MAX_PHRASE_WORDS };

export interface CompileResult {
  data: MatcherData;
  /** Spellings that could not be compiled or that two entities share; empty for a sound KB. */
  problems: string[];
}

const CASE_RULES = { initials: CASE_INITIALS, exact: CASE_EXACT, any: CASE_ANY } as const;

/** Longest context phrase ("U.S.", "Lukashenko's", "MiG-29" are two words each). */
const MAX_CONTEXT_WORDS = 4;
/** Contexts are bits of a 31-bit mask. */
const MAX_CONTEXTS = 31;

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

function compileParadigm(paradigm: Paradigm): CompiledParadigm {
  if (paradigm.cases) return [paradigm.suffix, CASES.map((c) => paradigm.cases?.[c]?.join('|') ?? null)];
  return [paradigm.suffix, paradigm.endings ?? []];
}

interface AutoRule {
  index: number;
  word?: 'surname' | 'given';
  gender?: string;
  pattern: RegExp;
}

function autoRules(kb: KnowledgeBase): Map<string, AutoRule[]> {
  const rules = new Map<string, AutoRule[]>();
  kb.paradigms.forEach((paradigm, index) => {
    if (!paradigm.auto) return;
    let pattern: RegExp;
    try {
      pattern = new RegExp(paradigm.auto.pattern ?? `${paradigm.suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'u');
    } catch {
      return; // reported by the integrity check
    }
    const list = rules.get(paradigm.lang) ?? [];
    list.push({ index, word: paradigm.auto.word, gender: paradigm.auto.gender, pattern });
    rules.set(paradigm.lang, list);
  });
  return rules;
}

/** The per-word paradigms that decline a person's name by itself, or "" when none fits. */
function autoInflection(entity: Entity, name: Name, rules: Map<string, AutoRule[]>, paradigms: Paradigm[]): string {
  if (entity.type !== 'person' || name.noInflect || !name.lang) return '';
  const list = rules.get(name.lang);
  const split = splitForm(name.text);
  if (!list || !split) return '';
  let any = false;
  const picks = split.raw.map((raw, i) => {
    const word = i === split.raw.length - 1 ? 'surname' : 'given';
    const lower = raw.toLowerCase();
    const rule = list.find(
      (r) =>
        (!r.word || r.word === word) &&
        (!r.gender || r.gender === entity.gender) &&
        r.pattern.test(lower) &&
        lower.endsWith(paradigms[r.index]!.suffix.toLowerCase()),
    );
    if (rule) any = true;
    return rule ? String(rule.index) : '';
  });
  if (!any) return '';
  return picks.length === 1 ? picks[0]! : picks.join(',');
}

/** Whether a spelling with this condition needs more than itself to link (page evidence or nearby words). */
export function isGated(condition: CompiledCondition | undefined): boolean {
  return condition !== undefined && (condition.needs !== undefined || condition.ambiguous === 1 || condition.near !== undefined);
}

export function compileMatcherData(kb: KnowledgeBase): CompileResult {
  const problems: string[] = [];
  const topicIndex = new Map(kb.topics.map((topic, i) => [topic.id, i]));
  const contexts = kb.contexts ?? [];
  if (contexts.length > MAX_CONTEXTS) problems.push(`at most ${MAX_CONTEXTS} contexts are supported`);
  const contextBit = new Map(contexts.map((c, i) => [c.id, 1 << i]));
  const maskOf = (ids: readonly string[] | undefined) => (ids ?? []).reduce((mask, id) => mask | (contextBit.get(id) ?? 0), 0);
  const paradigmIndex = new Map(kb.paradigms.map((p, i) => [p.id, i]));
  const rules = autoRules(kb);
  const conditions: CompiledCondition[] = [];
  const conditionIds = new Map<string, number>();
  const spellings: CompiledSpelling[] = [];
  const where: string[] = [];

  const evidence = new Map<string, number>();
  for (const context of contexts) {
    for (const id of context.entities) evidence.set(id, (evidence.get(id) ?? 0) | (contextBit.get(context.id) ?? 0));
  }

  const entities = kb.entities.map((e): CompiledEntity => {
    const out: CompiledEntity = { id: e.id, type: e.type, topics: e.topics.map((t) => topicIndex.get(t) ?? -1) };
    if (e.gender) {
      out.gender = e.gender === 'female' ? 'f' : 'm';
      const initials = new Set<string>();
      for (const name of e.names) {
        const split = splitForm(name.text);
        if (split && split.words.length > 1) for (const word of split.words.slice(0, -1)) initials.add(word.charAt(0));
      }
      if (initials.size > 0) out.initials = [...initials].join('');
    }
    const mask = (evidence.get(e.id) ?? 0) | maskOf(e.evidence);
    if (mask !== 0) out.evidence = mask;
    if (e.titles) {
      const keys = foldContext(e.titles, `entity "${e.id}", titles`, problems) ?? [];
      if (keys.length > 0) out.titles = keys;
    }
    return out;
  });

  const inflectionOf = (name: Name, label: string): string | null => {
    if (!name.inflect) return '';
    const index = paradigmIndex.get(name.inflect);
    if (index === undefined) {
      problems.push(`${label}: unknown paradigm "${name.inflect}"`);
      return null;
    }
    return String(index);
  };

  kb.entities.forEach((entity, entityIndex) => {
    const all: [Name, boolean][] = [
      ...entity.names.map((n): [Name, boolean] => [n, false]),
      ...(entity.triggers ?? []).map((n): [Name, boolean] => [n, true]),
    ];
    for (const [name, isTrigger] of all) {
      const label = `entity "${entity.id}", spelling "${name.text}"`;
      let condition = -1;
      if (name.near || name.notBefore || name.notAfter || name.needs || name.ambiguous) {
        const compiled: CompiledCondition = {};
        const near = foldContext(name.near, label, problems);
        const notBefore = foldContext(name.notBefore, label, problems);
        const notAfter = foldContext(name.notAfter, label, problems);
        if (near) compiled.near = near;
        if (notBefore) compiled.notBefore = notBefore;
        if (notAfter) compiled.notAfter = notAfter;
        if (name.needs) compiled.needs = maskOf(name.needs);
        if (name.ambiguous) compiled.ambiguous = 1;
        // Spellings of one name in its cases often share their rules: one condition serves them all.
        const id = JSON.stringify(compiled);
        condition = conditionIds.get(id) ?? conditions.length;
        if (condition === conditions.length) {
          conditions.push(compiled);
          conditionIds.set(id, condition);
        }
      }
      let inflect = inflectionOf(name, label);
      if (inflect === null) continue;
      if (inflect === '' && !isTrigger) inflect = autoInflection(entity, name, rules, kb.paradigms);
      const rule = CASE_RULES[name.case ?? 'initials'];
      spellings.push([name.text, entityIndex, rule | (isTrigger ? SPELLING_PATTERN : 0), condition, inflect]);
      where.push(label);
    }
  });

  contexts.forEach((context, i) => {
    for (const cue of context.cues) {
      const label = `context "${context.id}", cue "${cue.text}"`;
      const inflect = inflectionOf(cue as Name, label);
      if (inflect === null) continue;
      spellings.push([cue.text, -1 - i, CASE_RULES[cue.case ?? 'initials'], -1, inflect]);
      where.push(label);
    }
  });

  const titles: MatcherData['titles'] = { m: [], f: [] };
  for (const honorific of kb.honorifics ?? []) {
    const list = honorific.gender === 'female' ? titles.f : titles.m;
    for (const word of honorific.words) {
      const split = splitForm(word);
      if (!split || split.words.length > 2) {
        problems.push(`honorific "${word}" must be one or two words`);
        continue;
      }
      const key = phraseKey(split.words, split.gaps);
      if (!list.includes(key)) list.push(key);
    }
  }

  const paradigms = kb.paradigms.map(compileParadigm);
  const phrases = expandSpellings(spellings, paradigms, (i, message) => problems.push(`${where[i]}: ${message}`));

  // Two entities may share a spelling only when at most one of them takes it unconditionally (a family:
  // "Lukashenko" is the father unless the page names a son); the page then decides.
  const owners = new Map<string, { entity: number; gated: boolean; spelling: string }[]>();
  for (const [key, owner, , , condition] of phrases) {
    if (owner < 0) continue;
    const list = owners.get(key) ?? [];
    if (!list.some((o) => o.entity === owner && o.gated === isGated(conditions[condition]))) {
      list.push({ entity: owner, gated: isGated(conditions[condition]), spelling: key });
      owners.set(key, list);
    }
  }
  for (const [key, list] of owners) {
    const ungated = new Set(list.filter((o) => !o.gated).map((o) => o.entity));
    if (ungated.size > 1) {
      const [a, b] = [...ungated].map((i) => kb.entities[i]!.id);
      problems.push(`spelling "${key}" of "${a}" is also a spelling of "${b}"; mark one of them "ambiguous" (or give it "needs")`);
    }
  }

  const data: MatcherData = {
    version: MATCHER_DATA_VERSION,
    topics: kb.topics.map((t) => ({ id: t.id, defaultEnabled: t.defaultEnabled })),
    entities,
    contexts: contexts.map((c) => c.id),
    conditions,
    titles,
    phrases,
  };
  return { data, problems };
}
