/**
 * What a pack's spellings do once compiled with everything else installed: the spellings that cannot be
 * compiled (a paradigm that does not fit the word, a pattern that expands too far), and the spellings another
 * entity already has. Both are shown before anything is saved (the import's dry run, the entity form).
 */
import type { KnowledgeBase } from '../kb/schema';
import { compileMatcherData, isGated } from '../match/compile';

export interface SpellingClash {
  /** The spelling as the matcher folds it ("лукашэнка"), declined forms included. */
  spelling: string;
  /** The entity of the pack being checked. */
  entity: string;
  /** The other entity that has this spelling. */
  other: string;
  /**
   * Whether the page decides between them (one of the two takes the spelling only with context: ambiguous,
   * `needs` or `near`); otherwise both claim it outright, and the first one in the knowledge base wins.
   */
  pageDecides: boolean;
}

export interface SpellingCheck {
  clashes: SpellingClash[];
  /** Problems of the checked entities' spellings, by entity id. */
  problems: Map<string, string[]>;
}

/** At most this many clashes are listed (one per pair of entities): a long list helps nobody. */
export const MAX_CLASHES = 200;

/** Checks the spellings of the entities in `ids` against all the others of `kb`. */
export function checkSpellings(kb: KnowledgeBase, ids: ReadonlySet<string>): SpellingCheck {
  const { data, problems: lines } = compileMatcherData(kb);
  const problems = new Map<string, string[]>();
  for (const line of lines) {
    const id = /^entity "([^"]+)"/.exec(line)?.[1];
    if (id === undefined || !ids.has(id)) continue;
    problems.set(id, [...(problems.get(id) ?? []), line.replace(/^entity "[^"]+", /, '')]);
  }
  const owners = new Map<string, { entity: number; gated: boolean }[]>();
  for (const [key, owner, , , condition] of data.phrases) {
    if (owner < 0) continue;
    const list = owners.get(key) ?? [];
    list.push({ entity: owner, gated: isGated(data.conditions[condition]) });
    owners.set(key, list);
  }
  const clashes: SpellingClash[] = [];
  const pairs = new Set<string>();
  for (const [key, list] of owners) {
    for (const mine of list) {
      const entity = data.entities[mine.entity]!.id;
      if (!ids.has(entity)) continue;
      for (const theirs of list) {
        const other = data.entities[theirs.entity]!.id;
        if (other === entity || pairs.has(`${entity}\u0000${other}`)) continue;
        pairs.add(`${entity}\u0000${other}`);
        // Within the checked set, each pair is listed once.
        if (ids.has(other)) pairs.add(`${other}\u0000${entity}`);
        if (clashes.length < MAX_CLASHES) clashes.push({ spelling: key, entity, other, pageDecides: mine.gated || theirs.gated });
      }
    }
  }
  return { clashes, problems };
}
