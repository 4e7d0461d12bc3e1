/**
 * Whether the browser lets Backstory read websites. A user can take that away after install
 * (Firefox: the add-on's "Access your data for all websites" switch; Chrome: site access "on click"
 * or "on specific sites"); the content script then does not start, and the popup says why and
 * offers to ask for access again.
 */
const ALL_SITES = { origins: ['<all_urls>'] };

export function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains(ALL_SITES).catch(() => false);
}

/** Asks the user (from a click: browsers only ask from a user's action); resolves to whether access was given. */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request(ALL_SITES).catch(() => false);
}

/** Calls `onChange` whenever access is given or taken away; returns a function that stops it. */
export function watchHostAccess(onChange: (granted: boolean) => void): () => void {
  const update = () => void hasHostAccess().then(onChange);
  browser.permissions.onAdded.addListener(update);
  browser.permissions.onRemoved.addListener(update);
  return () => {
    browser.permissions.onAdded.removeListener(update);
    browser.permissions.onRemoved.removeListener(update);
  };
}
