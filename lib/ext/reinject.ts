/**
 * After Backstory is installed, updated or reloaded, Chrome leaves the tabs that are already open
 * without its content script: the old copy is orphaned (it notices and takes its marks away) and
 * no new copy runs until the page is loaded again. This puts the manifest's content scripts into
 * those tabs, so the new version takes over at once. Firefox does this by itself.
 *
 * The new copy tells the orphaned one to stop (WXT's "script started" event, let through by
 * page-guard.ts only once the old copy's extension is gone), so a page is never marked twice.
 */
import type { Browser } from 'wxt/browser';

type ContentScriptEntry = NonNullable<Browser.runtime.Manifest['content_scripts']>[number];

/** Injects every declared content script into the open tabs it matches; resolves to the number of tabs reached. */
export async function injectIntoOpenTabs(): Promise<number> {
  const entries = browser.runtime.getManifest().content_scripts ?? [];
  const reached = new Set<number>();
  for (const entry of entries) {
    const tabs = await browser.tabs.query({ url: entry.matches ?? [], discarded: false });
    // The tabs in view first; then one at a time, so a browser with hundreds of tabs is not
    // flooded at once (a discarded tab loads afresh, with the declared script, when it is shown).
    tabs.sort((a, b) => Number(b.active) - Number(a.active));
    for (const tab of tabs) {
      if (tab.id !== undefined && (await injectInto(tab.id, entry))) reached.add(tab.id);
    }
  }
  return reached.size;
}

async function injectInto(tabId: number, entry: ContentScriptEntry): Promise<boolean> {
  const target = { tabId, allFrames: entry.all_frames === true };
  try {
    if (entry.css?.length) await browser.scripting.insertCSS({ target, files: entry.css });
    if (entry.js?.length) await browser.scripting.executeScript({ target, files: entry.js, injectImmediately: true });
    return true;
  } catch {
    // A tab Backstory may not enter (the web store, a page the user withheld access from, one
    // that closed meanwhile) is left alone; its next load gets the declared content script.
    return false;
  }
}
