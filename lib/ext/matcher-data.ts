/**
 * How the content script gets its matcher data without carrying it: the background publishes the data
 * compiled at build time to storage.local once per version, and every content script reads it from
 * there, only in frames that have text to read. A content script whose version is not the published one
 * (just installed or updated, storage cleared) asks the background, which publishes and answers.
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

/** Content script: the matcher data of its own version. */
export async function loadMatcherData(version: string): Promise<MatcherDataRecord['packed']> {
  const stored = matcherDataRecord.parse((await browser.storage.local.get(matcherDataRecord.key))[matcherDataRecord.key]);
  if (stored?.version === version) return stored.packed;
  const answer = await toBackground.sendMessage('getMatcherData', version);
  if (!answer) throw new Error(`Backstory's background has no matcher data of version ${version}`);
  return answer;
}
