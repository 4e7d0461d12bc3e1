/**
 * The popup: the switches, what Backstory found on the current page, search over the whole knowledge
 * base, and the full card of any entry, right here. Props in, callbacks out: the entrypoint does the
 * storage and messaging.
 */
import { Diagnostics, type DiagnosticsProps } from './Diagnostics';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EntityCard, KnowledgeBaseOverview, PageMentionCount } from '../lib/ext/messages';
import type { Shortcut, ShortcutSettings } from '../lib/ext/shortcuts';
import { topicMentionCounts, type OverviewEntity } from '../lib/kb/overview';
import { KnowledgeBaseSearch } from '../lib/kb/search';
import { isSiteAllowed, switchSite, type Settings } from '../lib/settings';
import { formatPartialDate } from './format';
import { PopupCard } from './popup-card';
import { NotesIcon, SearchIcon } from './popup-icons';
import { OnThisPage, SearchResults, SettingsPanel, searchStatus, TopicList } from './popup-sections';
import { Shortcuts } from './Shortcuts';
import { Switch } from './Switch';

export interface PopupProps {
  settings: Settings;
  /** Hostname of the current tab; empty where Backstory cannot run (browser pages). */
  hostname: string;
  /** Topics and entity names from the KB; null when the background could not be reached. */
  overview: KnowledgeBaseOverview | null;
  /** Mentions on the current page: undefined while asking, null when the page cannot be asked. */
  mentions: PageMentionCount[] | null | undefined;
  /** False when the browser does not let Backstory read every site (the user took access away). */
  hostAccess?: boolean;
  /** Asks the browser for access to websites again (from the user's click). */
  onAllowAccess?(): void;
  /** Applies a change to the current settings (it receives the settings as stored, not as last rendered). */
  onChange(change: (current: Settings) => Partial<Settings>): void;
  loadCard(id: string): Promise<EntityCard | null>;
  /** Scrolls the tab to the entity's next mention and opens its card there; false when it is not found. */
  onShowOnPage(id: string): Promise<boolean>;
  onOpenNotes(): void;
  notesHref: string;
  /** Puts the cursor in the search box when the popup opens. */
  autoFocusSearch?: boolean;
  /** The "Diagnostics" disclosure under the settings (the last errors recorded). */
  diagnostics?: DiagnosticsProps;
  /** Backstory's keyboard shortcuts as the browser has them now, and where to change them. */
  shortcuts?: readonly Shortcut[];
  shortcutSettings?: ShortcutSettings;
  onChangeShortcuts?(): void;
}

const SEARCH_LIMIT = 20;
const STATUS_MS = 2600;

export function Popup(props: PopupProps) {
  const { settings, hostname, overview, mentions, onChange } = props;
  const [query, setQuery] = useState('');
  const [stack, setStack] = useState<string[]>([]);
  const [cards, setCards] = useState<Record<string, EntityCard | null>>({});
  const [status, setStatus] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const opener = useRef<{ element: Element | null; selector: string | null; scroll: number }>({ element: null, selector: null, scroll: 0 });

  const entities = useMemo(() => new Map<string, OverviewEntity>((overview?.entities ?? []).map((e) => [e.id, e])), [overview]);
  const search = useMemo(() => (overview ? new KnowledgeBaseSearch(overview.entities) : null), [overview]);
  const hits = useMemo(() => (search && query.trim() ? search.search(query, SEARCH_LIMIT) : []), [search, query]);
  const counts = useMemo(() => new Map((mentions ?? []).map((m) => [m.entity, m.count])), [mentions]);

  const siteOn = isSiteAllowed(settings, hostname);
  const offReason = !settings.enabled
    ? 'Backstory is switched off.'
    : hostname && !siteOn
      ? settings.siteMode === 'chosen-sites'
        ? `Backstory runs only on the sites you choose: switch it on for ${hostname} above.`
        : `Backstory is off on ${hostname}.`
      : null;
  const topicCounts = overview && mentions && !offReason ? topicMentionCounts(overview, mentions) : null;

  const current = stack[stack.length - 1];

  useEffect(() => {
    if (props.autoFocusSearch) searchRef.current?.focus();
  }, []);

  // Moving between the list and a card: the card starts at its top and takes the focus (so a screen
  // reader reads its name); back on the list, the scroll position and the focus are where they were.
  // A layout effect, so the focus moves in the same frame as the view: never a frame with focus on nothing.
  const shownBefore = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    if (shownBefore.current === current) return;
    const wasCard = shownBefore.current !== undefined;
    shownBefore.current = current;
    if (current !== undefined) {
      window.scrollTo(0, 0);
      cardRef.current?.focus({ preventScroll: true });
    } else if (wasCard) {
      window.scrollTo(0, opener.current.scroll);
      // The list may have been drawn again meanwhile (it follows the page): find the same control anew.
      let element = opener.current.element;
      if (!element?.isConnected && opener.current.selector) element = document.querySelector(opener.current.selector);
      if (element instanceof HTMLElement && element.isConnected) element.focus({ preventScroll: true });
    }
  }, [current]);

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const nameOf = (id: string) => entities.get(id)?.name ?? cards[id]?.entity.name ?? id;

  function openCard(id: string) {
    if (stack.length === 0)
      opener.current = { element: document.activeElement, selector: selectorOf(document.activeElement), scroll: window.scrollY };
    if (stack[stack.length - 1] === id) return;
    setStack((s) => [...s, id]);
    if (!(id in cards)) {
      props
        .loadCard(id)
        .catch(() => null)
        .then((card) => setCards((c) => ({ ...c, [id]: card })));
    }
  }

  async function showOnPage(id: string) {
    const found = await props.onShowOnPage(id).catch(() => false);
    setStatus(found ? `Showing ${nameOf(id)} on the page` : `${nameOf(id)} is not on the page any more`);
  }

  /** Arrow keys move between the rows of a list, and from the search box into its results. */
  function onListKeys(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const target = event.target as HTMLElement;
    const scope = target.closest('.popup-home');
    if (!scope) return;
    const rows = [...scope.querySelectorAll<HTMLElement>('.entity-list:not([hidden]) .entity-open')];
    if (target === searchRef.current) {
      if (event.key === 'ArrowDown' && rows[0]) {
        event.preventDefault();
        rows[0].focus();
      }
      return;
    }
    const at = rows.indexOf(target);
    if (at < 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? rows[at + 1] : at === 0 && query ? searchRef.current : rows[at - 1];
    next?.focus();
  }

  const searching = query.trim() !== '';
  return (
    <main class="popup" onKeyDown={onListKeys}>
      <header class="popup-header">
        <h1>
          <img class="logo" src="/icons/icon-32.png" alt="" width={22} height={22} />
          Backstory
        </h1>
        <Switch label="Backstory" checked={settings.enabled} onChange={(enabled) => onChange(() => ({ enabled }))} />
      </header>

      {current !== undefined && (
        <PopupCard
          id={current}
          card={cards[current]}
          count={counts.get(current) ?? 0}
          backTo={stack.length > 1 ? nameOf(stack[stack.length - 2]!) : searching ? 'search results' : 'the list'}
          onBack={() => setStack((s) => s.slice(0, -1))}
          onShow={(id) => void showOnPage(id)}
          onSelectRelated={openCard}
          regionRef={cardRef}
        />
      )}

      <div class="popup-home" hidden={current !== undefined}>
        {hostname && (
          <section class="popup-row">
            <Switch
              label="Backstory on this site"
              description={hostname}
              checked={siteOn}
              disabled={!settings.enabled}
              onChange={(on) => onChange((now) => switchSite(now, hostname, on))}
            />
          </section>
        )}

        {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is not in Preact's JSX types yet; the role says the same. */}
        <div class="search" role="search">
          <SearchIcon />
          <input
            ref={searchRef}
            type="search"
            aria-label="Search the knowledge base"
            placeholder="Search people, places, events…"
            autocomplete="off"
            spellcheck={false}
            value={query}
            disabled={!search}
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && hits[0]) {
                e.preventDefault();
                openCard(hits[0].id);
              }
            }}
          />
        </div>

        {searching ? (
          <SearchResults query={query} hits={hits} entities={entities} counts={counts} onOpen={openCard} />
        ) : (
          <>
            <OnThisPage
              mentions={mentions}
              offReason={offReason}
              noAccess={props.hostAccess === false}
              onAllowAccess={props.onAllowAccess}
              entities={entities}
              onOpen={openCard}
              onShow={(id) => void showOnPage(id)}
            />
            {overview && (
              <TopicList
                topics={overview.topics}
                packs={overview.packs}
                settings={settings}
                counts={topicCounts}
                onToggle={(id, on) => onChange((now) => ({ topics: { ...now.topics, [id]: on } }))}
              />
            )}
            <SettingsPanel
              settings={settings}
              onHoverDelay={(hoverDelayMs) => onChange(() => ({ hoverDelayMs }))}
              onMarkStyle={(markStyle) => onChange(() => ({ markStyle }))}
              onFirstMentionOnly={(firstMentionOnly) => onChange(() => ({ firstMentionOnly }))}
              onSiteMode={(siteMode) => onChange(() => ({ siteMode }))}
              onRemoveSite={(site) => onChange((now) => switchSite(now, site, now.siteMode !== 'chosen-sites'))}
            />
            {props.shortcuts && props.shortcuts.length > 0 && props.shortcutSettings && (
              <div class="popup-section">
                <Shortcuts
                  shortcuts={props.shortcuts}
                  settings={props.shortcutSettings}
                  onChangeShortcuts={props.onChangeShortcuts}
                  headingId="keyboard-heading"
                />
              </div>
            )}
            {props.diagnostics && <Diagnostics {...props.diagnostics} />}
          </>
        )}

        <footer class="popup-footer">
          <a
            href={props.notesHref}
            class="footer-link"
            onClick={(e) => {
              e.preventDefault();
              props.onOpenNotes();
            }}
          >
            <NotesIcon />
            Open notes
          </a>
          {overview && <span class="muted small">Knowledge base as of {formatPartialDate(overview.asOf)}</span>}
        </footer>
      </div>

      {/* The outcome of a search, said once by screen readers (the results list itself is not live). */}
      <p class="visually-hidden" role="status" data-search-status>
        {current === undefined ? searchStatus(query, hits.length) : ''}
      </p>

      <p class={status ? 'toast toast-visible' : 'toast'} role="status" aria-live="polite">
        {status}
      </p>
    </main>
  );
}

/** A selector that finds a list control again after the list is drawn anew: its row's entity and its class. */
function selectorOf(element: Element | null): string | null {
  const row = element?.closest('[data-entity]');
  const id = row?.getAttribute('data-entity');
  if (!element || !id || !/^[a-z0-9-]+$/.test(id)) return null;
  const cls = element.classList[0];
  return `[data-entity="${id}"]${element === row ? '' : ` ${cls ? `.${CSS.escape(cls)}` : element.localName}`}`;
}
