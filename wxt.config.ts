import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { matcherDataPlugin } from './scripts/matcher-data-plugin';
import { checkContentScriptBudget } from './scripts/size-budget';

// Backstory's manifest asks for the least it needs; README.md justifies each permission.
export default defineConfig({
  // Separate output folders let several builds (and their e2e runs) coexist on one machine.
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // A build whose content script is over its size budget fails (scripts/size-budget.ts).
    'build:done': (wxt) => void checkContentScriptBudget(wxt.config.outDir),
  },
  vite: () => ({
    plugins: [preact(), matcherDataPlugin()],
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description: 'Background cards for the people, organisations and events a page names. Offline and private: no network requests.',
    permissions: [
      'storage',
      // Notes: the "Add note to Backstory" item on a text selection.
      'contextMenus',
      // Notes: a researcher's notes outgrow the 10 MB default (10,000 notes with their passages).
      ...(browser === 'firefox' ? [] : ['unlimitedStorage', 'sidePanel']),
      // Put the content script into the tabs already open: after an install or update (Chrome; Firefox
      // does it itself), and when the user gives back access to websites (both).
      'scripting',
    ],
    // The same sites the content script already runs on (so the same install warning): Chrome's
    // scripting API needs them as host permissions to reach tabs that were open before an update.
    ...(browser === 'firefox' ? {} : { host_permissions: ['<all_urls>'] }),
    // The icon set (public/icons, rendered from icon.svg by scripts/render-icons.ts); the toolbar icon turns
    // grey on a site where Backstory is off (lib/ext/toolbar-icon.ts).
    icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
    action: { default_title: 'Backstory', default_icon: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' } },
    // The notes dashboard, also as the side panel (Chrome) or sidebar (Firefox).
    ...(browser === 'firefox'
      ? { sidebar_action: { default_panel: 'notes.html', default_title: 'Backstory notes', open_at_install: false } }
      : { side_panel: { default_path: 'notes.html' } }),
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next mention on the page and open its card',
      },
      // Alt+Shift+P: neither Chrome nor Firefox binds it, nor do NVDA, JAWS or VoiceOver (their keys start with Insert, CapsLock or Ctrl+Option).
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Go to the previous mention on the page and open its card',
      },
      'add-note': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: 'Add a note on the selected text (or open the note under the caret)',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backstory@backstory.invalid',
              // 140: the ESR that Debian ships; Firefox for Android reads data_collection_permissions from 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
