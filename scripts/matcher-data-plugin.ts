/**
 * Vite plugin: compiles the KB into matcher data at build time and serves it to the content script
 * as `virtual:backstory-matcher-data` (packed: see lib/match/pack.ts). The content script thus ships the spellings it needs and not
 * a line of card text; a KB that fails validation fails the build.
 */
import type { Plugin } from 'vite';
import { loadKnowledgeBase } from '../lib/kb';
import { compileMatcherData } from '../lib/match';
import { packMatcherData } from '../lib/match/pack';

const ID = 'virtual:backstory-matcher-data';
const RESOLVED = `\0${ID}`;

export function matcherDataPlugin(): Plugin {
  return {
    name: 'backstory-matcher-data',
    resolveId(source) {
      return source === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { data, problems } = compileMatcherData(loadKnowledgeBase());
      if (problems.length > 0) this.error(`Knowledge base spellings:\n  - ${problems.join('\n  - ')}`);
      // A JSON string parsed at start-up is faster to load than the same data as an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(packMatcherData(data)))});`;
    },
  };
}
