/**
 * Vite plugin: compiles the KB into matcher data at build time (laid out for use as it is: lib/match/tables.ts) and
 * serves it as two virtual modules: `virtual:backstory-matcher-data`, the data with its version, which
 * the background publishes to storage (lib/ext/matcher-data.ts); and `virtual:backstory-matcher-version`,
 * the version alone, which is all the content script carries. Every frame of every page evaluates the
 * content script, so the spellings stay out of it. A KB that fails validation fails the build.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { loadKnowledgeBase } from '../lib/kb';
import { buildMatcherData } from '../lib/match/build';

const DATA = 'virtual:backstory-matcher-data';
const VERSION = 'virtual:backstory-matcher-version';

export function matcherDataPlugin(): Plugin {
  let compiled: { json: string; version: string } | undefined;
  const compile = (fail: (message: string) => never) => {
    if (compiled) return compiled;
    const { data, problems } = buildMatcherData(loadKnowledgeBase());
    if (problems.length > 0) fail(`Knowledge base spellings:\n  - ${problems.join('\n  - ')}`);
    const json = JSON.stringify(data);
    compiled = { json, version: createHash('sha256').update(json).digest('hex').slice(0, 16) };
    return compiled;
  };
  return {
    name: 'backstory-matcher-data',
    buildStart() {
      compiled = undefined;
    },
    resolveId(source) {
      return source === DATA || source === VERSION ? `\0${source}` : undefined;
    },
    load(id) {
      if (id !== `\0${DATA}` && id !== `\0${VERSION}`) return undefined;
      const { json, version } = compile((message) => this.error(message));
      if (id === `\0${VERSION}`) return `export default ${JSON.stringify(version)};`;
      // A JSON string parsed at start-up is faster to load than the same data as an object literal.
      return `export default { version: ${JSON.stringify(version)}, data: JSON.parse(${JSON.stringify(json)}) };`;
    },
  };
}
