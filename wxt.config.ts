import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { matcherDataPlugin } from './scripts/matcher-data-plugin';

// Backstory's manifest asks for the least it needs; README.md justifies each permission.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), matcherDataPlugin()],
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Background cards for the people, organisations and events a page names. Offline and private: no network requests.',
    permissions: ['storage'],
    action: { default_title: 'Backstory' },
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next mention on the page and open its card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backstory@backstory.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
