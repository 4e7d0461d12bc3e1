/**
 * Backstory's keyboard shortcuts as the browser has them now: the user may have rebound or cleared
 * them, so the pages read them with `commands.getAll()` instead of repeating the manifest's defaults.
 */

export interface Shortcut {
  /** The command's name in the manifest (`next-mention`, `add-note`, `_execute_action`). */
  name: string;
  /** What it does, in words for the reader. */
  description: string;
  /** The keys as the browser shows them ("Alt+Shift+N"); '' when no key is set. */
  keys: string;
}

/** Where a reader changes them, said in words (shown beside the button that opens the place). */
export interface ShortcutSettings {
  where: string;
}

/** Commands first, in this order; the browser's own ("open the popup") last. */
const ORDER = ['next-mention', 'previous-mention', 'add-note', '_execute_action', '_execute_browser_action', '_execute_sidebar_action'];
const OWN_DESCRIPTIONS: Record<string, string> = {
  _execute_action: 'Open the Backstory popup',
  _execute_browser_action: 'Open the Backstory popup',
  _execute_sidebar_action: 'Open the notes sidebar',
};

export async function readShortcuts(): Promise<Shortcut[]> {
  const commands: { name?: string; description?: string; shortcut?: string }[] = await browser.commands.getAll().catch(() => []);
  const shortcuts: Shortcut[] = [];
  for (const c of commands) {
    if (typeof c.name !== 'string') continue;
    shortcuts.push({ name: c.name, description: c.description || OWN_DESCRIPTIONS[c.name] || c.name, keys: c.shortcut ?? '' });
  }
  return shortcuts.filter((c) => ORDER.includes(c.name) || !c.name.startsWith('_')).sort((a, b) => rank(a.name) - rank(b.name));
}

function rank(name: string): number {
  const at = ORDER.indexOf(name);
  return at < 0 ? ORDER.length : at;
}

export const shortcutSettings: ShortcutSettings = import.meta.env.FIREFOX
  ? { where: 'Firefox: Add-ons and themes → the gear menu → Manage Extension Shortcuts' }
  : { where: 'Chrome: chrome://extensions/shortcuts' };

/** Opens the browser's page for extension shortcuts (from a click). */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (import.meta.env.FIREFOX && commands.openShortcutSettings) return commands.openShortcutSettings();
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
