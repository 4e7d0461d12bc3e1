/**
 * How the content script gets its matcher data without carrying it: the background publishes the data
 * to storage.local once per version, and every content script reads it from there, only in frames that
 * have text to read. The data is the one compiled at build time, or, with packs or the reader's own
 * entities installed, one the background compiles from all of them (lib/ext/installed-matcher.ts), whose
 * version is the built one with a hash of what was installed after it ("<built>+<hash>"). A content script
 * takes any version built on its own; one whose version is not published (just installed or updated,
 * storage cleared) waits for the background to publish it, and asks for it too, since a service worker
 * that is still starting has no listener yet. A new version published later reaches the open tabs too
 * (`watchMatcherData`): they mark the page again without a reload.
 */
import { browser } from 'wxt/browser';
import { toBackground } from './messages';
import { LEGACY_MATCHER_VERSION_KEY, type MatcherDataRecord, matcherDataRecord, matcherVersionRecord, storedMatcherData } from './records';

/** Background: stores the data unless this version is already stored. */
export async function publishMatcherData(data: MatcherDataRecord): Promise<void> {
  const local = browser.storage.local;
  const stored = matcherVersionRecord.parse((await local.get(matcherVersionRecord.key))[matcherVersionRecord.key]);
  if (stored === data.version) return;
  // Data first, version last: a reader that sees the new version finds the new data.
  await local.set({ [matcherDataRecord.key]: storedMatcherData(data) });
  await local.set({ [matcherVersionRecord.key]: data.version });
  await local.remove(LEGACY_MATCHER_VERSION_KEY);
}

const ASK_DELAYS_MS = [0, 250, 1000, 3000];

/** Whether published data of version `published` is built on the data of the content script's own version. */
export function isBuiltOn(published: unknown, built: string): boolean {
  return typeof published === 'string' && (published === built || published.startsWith(`${built}+`));
}

async function readPublished(built: string): Promise<MatcherDataRecord | null> {
  const stored = matcherDataRecord.parse((await browser.storage.local.get(matcherDataRecord.key))[matcherDataRecord.key]);
  return stored && isBuiltOn(stored.version, built) ? stored : null;
}

/** Content script: the matcher data published for its own version (with what is installed after it). */
export async function loadMatcherData(version: string): Promise<MatcherDataRecord['data']> {
  const read = async () => (await readPublished(version))?.data ?? null;
  const first = await read();
  if (first) return first;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (data: MatcherDataRecord['data'] | null) => {
      if (done || !data) return;
      done = true;
      browser.storage.onChanged.removeListener(onChanged);
      resolve(data);
    };
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === matcherVersionRecord.area && isBuiltOn(changes[matcherVersionRecord.key]?.newValue, version)) void read().then(finish);
    };
    browser.storage.onChanged.addListener(onChanged);
    // The published data may have arrived between the first read and the listener.
    void read().then(finish);
    const ask = async (attempt: number): Promise<void> => {
      if (done) return;
      await new Promise((r) => setTimeout(r, ASK_DELAYS_MS[attempt]));
      if (done) return;
      try {
        finish(await toBackground.sendMessage('getMatcherData', version));
        if (!done) throw new Error(`Backstory's background has no matcher data of version ${version}`);
      } catch (error) {
        // A worker still starting has no listener yet ("Receiving end does not exist"): ask again.
        if (attempt + 1 < ASK_DELAYS_MS.length) return ask(attempt + 1);
        if (!done) {
          done = true;
          browser.storage.onChanged.removeListener(onChanged);
          reject(error);
        }
      }
    };
    void ask(0);
  });
}

/**
 * Content script: calls back with each newer matcher data published for its version (a pack installed or
 * removed, an entity of the reader's own saved), until `signal` aborts.
 */
export function watchMatcherData(version: string, signal: AbortSignal, onData: (data: MatcherDataRecord['data']) => void): void {
  let latest: unknown;
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const next = changes[matcherVersionRecord.key]?.newValue;
    if (area !== matcherVersionRecord.area || !isBuiltOn(next, version)) return;
    latest = next;
    void readPublished(version).then((stored) => {
      // Only the newest: a slower read of an older version is dropped.
      if (stored && stored.version === latest && !signal.aborted) onData(stored.data);
    });
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
}
