/**
 * How the content script gets its matcher data without carrying it: the background publishes the data
 * compiled at build time to storage.local once per version, and every content script reads it from
 * there, only in frames that have text to read. A content script whose version is not the published one
 * (just installed or updated, storage cleared) waits for the background to publish it, and asks for it
 * too, since a service worker that is still starting has no listener yet.
 */
import { browser } from 'wxt/browser';
import { toBackground } from './messages';
import { type MatcherDataRecord, matcherDataRecord, matcherVersionRecord } from './records';

/** Background: stores the data unless this version is already stored. */
export async function publishMatcherData(data: MatcherDataRecord): Promise<void> {
  const local = browser.storage.local;
  const stored = matcherVersionRecord.parse((await local.get(matcherVersionRecord.key))[matcherVersionRecord.key]);
  if (stored === data.version) return;
  // Data first, version last: a reader that sees the new version finds the new data.
  await local.set({ [matcherDataRecord.key]: data });
  await local.set({ [matcherVersionRecord.key]: data.version });
}

const ASK_DELAYS_MS = [0, 250, 1000, 3000];

/** Content script: the matcher data of its own version. */
export async function loadMatcherData(version: string): Promise<MatcherDataRecord['data']> {
  const read = async () => {
    const stored = matcherDataRecord.parse((await browser.storage.local.get(matcherDataRecord.key))[matcherDataRecord.key]);
    return stored?.version === version ? stored.data : null;
  };
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
      if (area === matcherVersionRecord.area && changes[matcherVersionRecord.key]?.newValue === version) void read().then(finish);
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
