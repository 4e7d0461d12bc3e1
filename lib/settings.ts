/** User settings and the decisions that follow from them. Pure: the storage item lives in lib/ext. */
import type { MatcherData } from './match/data';

export interface Settings {
  /** The master switch. */
  enabled: boolean;
  /** Hostnames where Backstory is switched off. */
  disabledSites: string[];
  /** Topic switches the user changed; topics not listed keep their KB default. */
  topics: Record<string, boolean>;
  /** Hover-intent delay before a card opens, in milliseconds. */
  hoverDelayMs: number;
  markStyle: 'underline' | 'background';
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  topics: {},
  hoverDelayMs: 300,
  markStyle: 'underline',
};

/** Settings as stored may predate a field or be damaged; fill what is missing from the defaults. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname);
}

export function isTopicEnabled(settings: Settings, topicId: string, defaultEnabled: boolean): boolean {
  return settings.topics[topicId] ?? defaultEnabled;
}

/**
 * Which entities may be marked: an entity shows only while every one of its topics is on, so that
 * switching a topic off ("Hide topic") hides all of it, and a place filed under the off-by-default
 * "places" topic stays quiet even when it also belongs to a topic that is on.
 */
export function activeEntities(data: MatcherData, settings: Settings): boolean[] {
  const topicOn = data.topics.map((t) => isTopicEnabled(settings, t.id, t.defaultEnabled));
  return data.entities.map((e) => e.topics.every((t) => topicOn[t] === true));
}
