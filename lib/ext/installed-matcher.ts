/**
 * Background: the matcher data for what is installed. With no pack and no entity of the reader's own, it is
 * the data compiled at build time; otherwise the background compiles the bundled knowledge base with the
 * packs (lib/match/build.ts) and publishes that, under the built version and a hash of the packs. The hash
 * is the cache: a service worker that starts again finds its data already published and compiles nothing.
 * Content scripts never compile; they take the published data (lib/ext/matcher-data.ts).
 */
import { buildMatcherData } from '../match/build';
import type { InstalledKnowledge } from './packs-store';
import { publishMatcherData } from './matcher-data';
import { type MatcherDataRecord, matcherDataRecord, matcherVersionRecord } from './records';
import { browser } from 'wxt/browser';

/** What the last compile cost, for the bench and the diagnostics (`backstoryMatcherBuild` on the worker). */
export interface MatcherBuildTiming {
  version: string;
  entities: number;
  milliseconds: number;
  /** Whether the data was found published already (no compile). */
  cached: boolean;
}

async function hashOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class InstalledMatcher {
  private current: Promise<MatcherDataRecord>;
  private queue: Promise<unknown> = Promise.resolve();
  timing: MatcherBuildTiming | null = null;

  constructor(private readonly built: MatcherDataRecord) {
    this.current = Promise.resolve(built);
  }

  /** The data published last (or being published), for a content script that asks. */
  published(): Promise<MatcherDataRecord> {
    return this.current;
  }

  /** Publishes the data for what is installed now; one publish at a time, in the order asked. */
  publish(knowledge: InstalledKnowledge): Promise<MatcherDataRecord> {
    const job = () => this.publishNow(knowledge);
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    this.current = result.catch(() => this.built);
    return result;
  }

  private async publishNow({ kb, packs }: InstalledKnowledge): Promise<MatcherDataRecord> {
    if (packs.length === 0) {
      await publishMatcherData(this.built);
      return this.built;
    }
    const version = `${this.built.version}+${await hashOf(JSON.stringify(packs))}`;
    const local = browser.storage.local;
    if (matcherVersionRecord.parse((await local.get(matcherVersionRecord.key))[matcherVersionRecord.key]) === version) {
      const stored = matcherDataRecord.parse((await local.get(matcherDataRecord.key))[matcherDataRecord.key]);
      if (stored?.version === version) {
        this.timing = { version, entities: kb.entities.length, milliseconds: 0, cached: true };
        return stored;
      }
    }
    const start = performance.now();
    const { data } = buildMatcherData(kb);
    this.timing = { version, entities: kb.entities.length, milliseconds: performance.now() - start, cached: false };
    const record = { version, data };
    await publishMatcherData(record);
    return record;
  }
}
