/** The popup's sections: what is on this page, search results, topics and settings. Props in, callbacks out. */
import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PageMentionCount } from '../lib/ext/messages';
import type { OverviewEntity, OverviewTopic } from '../lib/kb/overview';
import type { SearchHit } from '../lib/kb/search';
import { isTopicEnabled, type Settings } from '../lib/settings';
import { plural, TYPE_LABELS } from './format';
import { ChevronIcon, LocateIcon } from './popup-icons';
import { Switch } from './Switch';

/** How many entities "On this page" lists before "Show all". */
export const LIST_PREVIEW = 8;

export const HOVER_DELAY_MIN = 100;
export const HOVER_DELAY_MAX = 2000;
const HOVER_DELAY_STEP = 50;

function VisuallyHidden({ children }: { children: string }) {
  return <span class="visually-hidden">{children}</span>;
}

export interface OnThisPageProps {
  /** undefined while the page is being asked; null when Backstory cannot read it. */
  mentions: PageMentionCount[] | null | undefined;
  /** Why nothing is marked, when Backstory is switched off for this page. */
  offReason: string | null;
  /** The browser does not let Backstory read every site: a page that cannot be read may be one of those. */
  noAccess?: boolean;
  onAllowAccess?(): void;
  entities: ReadonlyMap<string, OverviewEntity>;
  onOpen(id: string): void;
  onShow(id: string): void;
}

export function OnThisPage({ mentions, offReason, noAccess, onAllowAccess, entities, onOpen, onShow }: OnThisPageProps) {
  const [showAll, setShowAll] = useState(false);
  const total = mentions?.reduce((sum, m) => sum + m.count, 0) ?? 0;
  let body: ComponentChild;
  if (offReason) body = <p class="muted empty">{offReason}</p>;
  else if (mentions === undefined) body = <p class="muted empty">Reading the page…</p>;
  else if (mentions === null && noAccess)
    body = (
      <div class="empty no-access">
        <p class="muted">Backstory cannot read this page: the browser does not let it read websites (its site access was switched off).</p>
        <button type="button" class="primary-button" onClick={() => onAllowAccess?.()}>
          Allow access to websites
        </button>
      </div>
    );
  else if (mentions === null)
    body = <p class="muted empty">Backstory cannot read this page: PDFs and the browser's own pages are out of its reach.</p>;
  else if (mentions.length === 0) body = <p class="muted empty">Nothing from the knowledge base on this page.</p>;
  else {
    const shown = showAll ? mentions : mentions.slice(0, LIST_PREVIEW);
    body = (
      <>
        {/* A list named by its heading and its counts: a screen reader says "On this page, 10 names · 28 mentions, list, 8 items". */}
        <ul class="entity-list" aria-labelledby="on-this-page on-this-page-counts">
          {shown.map((m) => {
            const entity = entities.get(m.entity);
            const name = entity?.name ?? m.entity;
            return (
              <li key={m.entity} data-entity={m.entity} class="entity-row">
                <button type="button" class="entity-open" onClick={() => onOpen(m.entity)}>
                  <span class="entity-text">
                    <span class="entity-name">{name}</span>
                    {entity && (
                      <span class="entity-type" data-type={entity.type}>
                        {TYPE_LABELS[entity.type] ?? entity.type}
                      </span>
                    )}
                  </span>
                  <span class="count" title={plural(m.count, 'mention', 'mentions')}>
                    {m.count}
                    <VisuallyHidden>{m.count === 1 ? ' mention' : ' mentions'}</VisuallyHidden>
                  </span>
                </button>
                <button
                  type="button"
                  class="show-button"
                  aria-label={`Show on page: ${name}`}
                  title={`Show ${name} on the page`}
                  onClick={() => onShow(m.entity)}
                >
                  <LocateIcon />
                  <span aria-hidden="true">Show</span>
                </button>
              </li>
            );
          })}
        </ul>
        {mentions.length > LIST_PREVIEW && (
          <button type="button" class="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show fewer' : `Show all ${mentions.length}`}
          </button>
        )}
      </>
    );
  }
  return (
    <section class="popup-section" aria-labelledby="on-this-page">
      <div class="section-heading">
        <h2 id="on-this-page">On this page</h2>
        {mentions && mentions.length > 0 && !offReason && (
          <span class="muted small" id="on-this-page-counts">
            {plural(mentions.length, 'name', 'names')} · {plural(total, 'mention', 'mentions')}
          </span>
        )}
      </div>
      {body}
    </section>
  );
}

export interface SearchResultsProps {
  query: string;
  hits: SearchHit[];
  entities: ReadonlyMap<string, OverviewEntity>;
  counts: ReadonlyMap<string, number>;
  onOpen(id: string): void;
}

/** What a screen reader hears after a search: the number of results, or that there are none. */
export function searchStatus(query: string, hits: number): string {
  if (!query.trim()) return '';
  return hits === 0 ? `No results for “${query.trim()}”.` : `${plural(hits, 'result', 'results')} for “${query.trim()}”.`;
}

export function SearchResults({ query, hits, entities, counts, onOpen }: SearchResultsProps) {
  return (
    <section class="popup-section" aria-labelledby="search-results">
      <div class="section-heading">
        <h2 id="search-results">Search results</h2>
        {/* Not a live region: the popup announces the outcome of each search once, in its own (searchStatus). */}
        <span class="muted small" id="search-results-count">
          {hits.length === 0 ? '' : plural(hits.length, 'result', 'results')}
        </span>
      </div>
      {hits.length === 0 ? (
        <div class="empty no-results">
          <p>No names in the knowledge base match “{query.trim()}”.</p>
          <p class="muted small">Try another spelling, the name in Belarusian or Russian, or part of a name.</p>
        </div>
      ) : (
        <ul class="entity-list" aria-labelledby="search-results search-results-count">
          {hits.map((hit) => {
            const entity = entities.get(hit.id);
            const count = counts.get(hit.id) ?? 0;
            return (
              <li key={hit.id} class="entity-row" data-result-entity={hit.id}>
                <button type="button" class="entity-open" onClick={() => onOpen(hit.id)}>
                  <span class="entity-text">
                    <span class="entity-name">{hit.name}</span>
                    <span class="entity-type" data-type={entity?.type}>
                      {entity ? (TYPE_LABELS[entity.type] ?? entity.type) : ''}
                      {hit.matched && (
                        <>
                          {' · '}
                          <span class="entity-matched">{hit.matched}</span>
                        </>
                      )}
                      {hit.byDescription && entity && ` · ${entity.description}`}
                    </span>
                  </span>
                  {count > 0 && (
                    <span class="count" title={`${plural(count, 'mention', 'mentions')} on this page`}>
                      {count}
                      <VisuallyHidden>{` on this page`}</VisuallyHidden>
                    </span>
                  )}
                  <ChevronIcon />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export interface TopicListProps {
  topics: readonly OverviewTopic[];
  /** The packs the topics come from, bundled first: with more than one, topics are listed under their pack's title. */
  packs?: readonly { id: string; title: string }[];
  settings: Settings;
  /** Mentions per topic on the page; null when the page cannot be read. */
  counts: Record<string, number> | null;
  onToggle(topicId: string, on: boolean): void;
}

function TopicSwitches({ topics, settings, counts, onToggle, label }: Omit<TopicListProps, 'packs'> & { label?: string }) {
  const inactive = !settings.enabled;
  return (
    <ul class="topic-list" aria-label={label}>
      {topics.map((topic) => {
        const on = isTopicEnabled(settings, topic.id, topic.defaultEnabled);
        const count = counts?.[topic.id] ?? 0;
        const description = inactive
          ? `Inactive while Backstory is off${on ? '' : ' (and off itself)'}`
          : !on
            ? 'Off: not marked on pages'
            : counts === null
              ? ''
              : count === 0
                ? 'None on this page'
                : `${plural(count, 'mention', 'mentions')} on this page`;
        return (
          <li key={topic.id} data-topic={topic.id} title={topic.description}>
            <Switch
              label={topic.name}
              description={description || undefined}
              checked={on}
              disabled={inactive}
              onChange={(next) => onToggle(topic.id, next)}
            />
          </li>
        );
      })}
    </ul>
  );
}

export function TopicList({ topics, packs = [], settings, counts, onToggle }: TopicListProps) {
  // With Backstory switched off no topic is marked: the switches say so, and wait for it to come back on.
  const inactive = !settings.enabled;
  const groups = packs
    .map((pack) => ({ pack, topics: topics.filter((t) => t.pack === pack.id) }))
    .filter((group) => group.topics.length > 0);
  const grouped = groups.length > 1;
  return (
    <section class="popup-section" aria-labelledby="topics-heading">
      <h2 id="topics-heading">Topics</h2>
      {inactive && <p class="muted small topics-inactive">Backstory is switched off: no topic is marked until you switch it on.</p>}
      {grouped ? (
        groups.map(({ pack, topics: own }) => (
          <div key={pack.id} class="topic-pack" data-pack={pack.id}>
            <h3 class="topic-pack-title">{pack.title}</h3>
            <TopicSwitches topics={own} settings={settings} counts={counts} onToggle={onToggle} label={`Topics of ${pack.title}`} />
          </div>
        ))
      ) : (
        <TopicSwitches topics={topics} settings={settings} counts={counts} onToggle={onToggle} />
      )}
    </section>
  );
}

export interface SettingsPanelProps {
  settings: Settings;
  onHoverDelay(ms: number): void;
  onMarkStyle(style: Settings['markStyle']): void;
  onFirstMentionOnly(on: boolean): void;
  onSiteMode(mode: Settings['siteMode']): void;
  /** Takes a site off the list of the current mode (switched off, or chosen). */
  onRemoveSite(hostname: string): void;
}

const SITE_MODES: { mode: Settings['siteMode']; label: string }[] = [
  { mode: 'every-site', label: 'Every site' },
  { mode: 'chosen-sites', label: 'Sites I choose' },
];

/** The sites of the current mode's list, each with a button that takes it off. */
function SiteList({ settings, onRemove }: { settings: Settings; onRemove(hostname: string): void }) {
  const chosen = settings.siteMode === 'chosen-sites';
  const sites = [...(chosen ? settings.enabledSites : settings.disabledSites)].sort();
  if (sites.length === 0) return null;
  const label = chosen ? 'Sites Backstory runs on' : 'Sites where Backstory is off';
  return (
    <details class="setting site-list">
      <summary>
        {label} ({sites.length})
      </summary>
      <ul aria-label={label}>
        {sites.map((site) => (
          <li key={site}>
            <span>{site}</span>
            <button type="button" class="icon-button" aria-label={`Remove ${site}`} title="Remove" onClick={() => onRemove(site)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SettingsPanel({ settings, onHoverDelay, onMarkStyle, onFirstMentionOnly, onSiteMode, onRemoveSite }: SettingsPanelProps) {
  // The slider moves freely; the setting is written when the user lets go (or per key press).
  const [delay, setDelay] = useState(settings.hoverDelayMs);
  useEffect(() => setDelay(settings.hoverDelayMs), [settings.hoverDelayMs]);
  const clamp = (value: number) => Math.min(HOVER_DELAY_MAX, Math.max(HOVER_DELAY_MIN, Math.round(value / 10) * 10 || HOVER_DELAY_MIN));
  return (
    <section class="popup-section" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <div class="setting">
        <div class="setting-label">
          <label for="hover-delay">Hover delay</label>
          <output for="hover-delay" class="setting-value">
            {delay} ms
          </output>
        </div>
        <input
          id="hover-delay"
          type="range"
          min={HOVER_DELAY_MIN}
          max={HOVER_DELAY_MAX}
          step={HOVER_DELAY_STEP}
          value={delay}
          aria-label="Hover delay (ms)"
          aria-valuetext={`${delay} milliseconds`}
          onInput={(e) => setDelay(clamp(Number(e.currentTarget.value)))}
          onChange={(e) => onHoverDelay(clamp(Number(e.currentTarget.value)))}
        />
        <p class="muted small setting-hint">How long to rest the pointer on a name before its card opens.</p>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a fieldset of radio buttons is a radio group; the role makes screen readers say so. */}
      <fieldset class="setting segmented" role="radiogroup" aria-labelledby="mark-style-label">
        <legend id="mark-style-label" class="setting-label">
          Mark style
        </legend>
        <div class="segments">
          {(['underline', 'background'] as const).map((style) => (
            <label key={style} class="segment">
              <input
                type="radio"
                name="mark-style"
                value={style}
                checked={settings.markStyle === style}
                onChange={() => onMarkStyle(style)}
              />
              <span class={`mark-sample mark-sample-${style}`} aria-hidden="true">
                Abc
              </span>
              <span>{style === 'underline' ? 'Underline' : 'Background'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="setting">
        <Switch
          label="Mark only the first mention of each name"
          description="A calmer page: later mentions are not underlined (the list above still counts them all)."
          checked={settings.firstMentionOnly}
          onChange={onFirstMentionOnly}
        />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a fieldset of radio buttons is a radio group; the role makes screen readers say so. */}
      <fieldset class="setting segmented" role="radiogroup" aria-labelledby="site-mode-label" aria-describedby="site-mode-hint">
        <legend id="site-mode-label" class="setting-label">
          Runs on
        </legend>
        <div class="segments">
          {SITE_MODES.map(({ mode, label }) => (
            <label key={mode} class="segment">
              <input type="radio" name="site-mode" value={mode} checked={settings.siteMode === mode} onChange={() => onSiteMode(mode)} />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <p id="site-mode-hint" class="muted small setting-hint">
          {settings.siteMode === 'chosen-sites'
            ? `Only where you switch on “Backstory on this site” (${plural(settings.enabledSites.length, 'site', 'sites')} so far).`
            : 'Everywhere, except where you switch off “Backstory on this site”.'}
        </p>
      </fieldset>
      <SiteList settings={settings} onRemove={onRemoveSite} />
    </section>
  );
}
