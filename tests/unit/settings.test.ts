/** Settings as stored, and what they decide: where Backstory runs. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isSiteEnabled, switchSite, withDefaults, type Settings } from '../../lib/settings';

const apply = (settings: Settings, change: Partial<Settings>): Settings => ({ ...settings, ...change });

describe('withDefaults', () => {
  it('fills fields that older versions did not store', () => {
    const old = { enabled: false, disabledSites: ['a.example'], topics: { places: true }, hoverDelayMs: 500, markStyle: 'background' };
    expect(withDefaults(old as Partial<Settings>)).toEqual({ ...old, siteMode: 'every-site', enabledSites: [], firstMentionOnly: false });
  });

  it('replaces a damaged field with its default and keeps the others', () => {
    const damaged = {
      enabled: 'yes',
      disabledSites: 'a.example',
      enabledSites: [1, 2],
      siteMode: 'nowhere',
      markStyle: 42,
      hoverDelayMs: 700,
      topics: null,
    };
    expect(withDefaults(damaged as unknown as Partial<Settings>)).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 700 });
    expect(withDefaults(null)).toEqual(DEFAULT_SETTINGS);
    expect(withDefaults('garbage' as unknown as Partial<Settings>)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('where Backstory runs', () => {
  it('every site: on everywhere but the sites switched off', () => {
    let settings = DEFAULT_SETTINGS;
    expect(isSiteEnabled(settings, 'news.example')).toBe(true);
    settings = apply(settings, switchSite(settings, 'news.example', false));
    expect(settings.disabledSites).toEqual(['news.example']);
    expect(isSiteEnabled(settings, 'news.example')).toBe(false);
    expect(isSiteEnabled(settings, 'other.example')).toBe(true);
    // Switching off twice lists the site once; on again removes it.
    settings = apply(settings, switchSite(settings, 'news.example', false));
    expect(settings.disabledSites).toEqual(['news.example']);
    settings = apply(settings, switchSite(settings, 'news.example', true));
    expect(settings.disabledSites).toEqual([]);
  });

  it('chosen sites: off everywhere but the sites switched on; the other list is kept for later', () => {
    let settings = apply(DEFAULT_SETTINGS, { disabledSites: ['blocked.example'], siteMode: 'chosen-sites' });
    expect(isSiteEnabled(settings, 'news.example')).toBe(false);
    settings = apply(settings, switchSite(settings, 'news.example', true));
    expect(settings.enabledSites).toEqual(['news.example']);
    expect(settings.disabledSites).toEqual(['blocked.example']);
    expect(isSiteEnabled(settings, 'news.example')).toBe(true);
    expect(isSiteEnabled(settings, 'other.example')).toBe(false);
    // The master switch wins over both lists.
    expect(isSiteEnabled(apply(settings, { enabled: false }), 'news.example')).toBe(false);
    // Back to every site: the sites switched off before are off again.
    settings = apply(settings, { siteMode: 'every-site' });
    expect(isSiteEnabled(settings, 'blocked.example')).toBe(false);
    expect(isSiteEnabled(settings, 'other.example')).toBe(true);
  });
});
