/** User settings and the decisions that follow from them. Pure: the storage item lives in lib/ext. */
import type { MatcherInfo } from './match/data';

export interface Settings {
  /** The master switch. */
  enabled: boolean;
  /** Where Backstory runs: on every site but those switched off, or only on the sites switched on. */
  siteMode: 'every-site' | 'chosen-sites';
  /** Hostnames where Backstory is switched off (every-site mode). */
  disabledSites: string[];
  /** Hostnames where Backstory is switched on (chosen-sites mode). */
  enabledSites: string[];
  /** Topic switches the user changed; topics not listed keep their KB default. */
  topics: Record<string, boolean>;
  /** Hover-intent delay before a card opens, in milliseconds. */
  hoverDelayMs: number;
  markStyle: 'underline' | 'background';
  /** Mark only the first mention of each name on a page (a calmer page; the popup still lists them all). */
  firstMentionOnly: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  siteMode: 'every-site',
  disabledSites: [],
  enabledSites: [],
  topics: {},
  hoverDelayMs: 300,
  markStyle: 'underline',
  firstMentionOnly: false,
};

/** The settings that are one of a few named choices. */
const CHOICES: Partial<Record<keyof Settings, readonly string[]>> = {
  siteMode: ['every-site', 'chosen-sites'] satisfies Settings['siteMode'][],
  markStyle: ['underline', 'background'] satisfies Settings['markStyle'][],
};

/** Settings as stored may predate a field or be damaged; fill what is missing from the defaults. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object') {
    for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
      const value = (stored as Record<string, unknown>)[key];
      // A damaged field (another type, a list with something else than names in it, a choice that
      // does not exist) falls back alone.
      const choices = CHOICES[key as keyof Settings];
      const usable = choices
        ? choices.includes(value as string)
        : Array.isArray(fallback)
          ? Array.isArray(value) && value.every((v) => typeof v === 'string')
          : typeof value === typeof fallback && value !== null && !Array.isArray(value);
      if (usable) settings[key] = value;
    }
  }
  return settings as unknown as Settings;
}

/** The site's own switch, whatever the master switch says. */
export function isSiteAllowed(settings: Settings, hostname: string): boolean {
  return settings.siteMode === 'chosen-sites' ? settings.enabledSites.includes(hostname) : !settings.disabledSites.includes(hostname);
}

export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  return settings.enabled && isSiteAllowed(settings, hostname);
}

/** The change that switches Backstory on or off for one site, in the current site mode. */
export function switchSite(settings: Settings, hostname: string, on: boolean): Partial<Settings> {
  const without = (sites: string[]) => sites.filter((h) => h !== hostname);
  return settings.siteMode === 'chosen-sites'
    ? { enabledSites: on ? [...without(settings.enabledSites), hostname] : without(settings.enabledSites) }
    : { disabledSites: on ? without(settings.disabledSites) : [...without(settings.disabledSites), hostname] };
}

export function isTopicEnabled(settings: Settings, topicId: string, defaultEnabled: boolean): boolean {
  return settings.topics[topicId] ?? defaultEnabled;
}

/**
 * Which entities may be marked: an entity shows only while every one of its topics is on, so that
 * switching a topic off ("Hide topic") hides all of it, and a place filed under the off-by-default
 * "places" topic stays quiet even when it also belongs to a topic that is on.
 */
export function activeEntities(data: MatcherInfo, settings: Settings): boolean[] {
  const topicOn = data.topics.map((t) => isTopicEnabled(settings, t.id, t.defaultEnabled));
  return data.entities.map((e) => e.topics.every((t) => topicOn[t] === true));
}
