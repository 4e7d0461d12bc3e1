/** The toolbar icon's state: grey, with a title that says why, wherever Backstory is off for the tab's site. */
import { describe, expect, it } from 'vitest';
import { toolbarState } from '../../lib/ext/toolbar-icon';
import { DEFAULT_SETTINGS } from '../../lib/settings';

describe('toolbarState', () => {
  it('is on for a site Backstory runs on, and for a tab whose site is not known', () => {
    expect(toolbarState(DEFAULT_SETTINGS, 'news.example')).toEqual({ off: false, title: 'Backstory' });
    expect(toolbarState(DEFAULT_SETTINGS, null)).toEqual({ off: false, title: 'Backstory' });
  });

  it('is off, and says where, on a site switched off or not chosen', () => {
    expect(toolbarState({ ...DEFAULT_SETTINGS, disabledSites: ['news.example'] }, 'news.example')).toEqual({
      off: true,
      title: 'Backstory (off on news.example)',
    });
    expect(toolbarState({ ...DEFAULT_SETTINGS, siteMode: 'chosen-sites' }, 'news.example').off).toBe(true);
    expect(toolbarState({ ...DEFAULT_SETTINGS, siteMode: 'chosen-sites', enabledSites: ['news.example'] }, 'news.example').off).toBe(false);
  });

  it('is off everywhere when Backstory is switched off', () => {
    expect(toolbarState({ ...DEFAULT_SETTINGS, enabled: false }, 'news.example')).toEqual({ off: true, title: 'Backstory (switched off)' });
    expect(toolbarState({ ...DEFAULT_SETTINGS, enabled: false }, null).off).toBe(true);
  });
});
