// @vitest-environment happy-dom
/** The popup component, driven through its props as the entrypoint drives it. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '../../components/Popup';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildCard } from '../../lib/kb/card';
import { buildOverview } from '../../lib/kb/overview';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';

const kb = loadKnowledgeBase();
const overview = buildOverview(kb);
const MENTIONS = [
  { entity: 'sviatlana-tsikhanouskaya', count: 6 },
  { entity: 'alexander-lukashenko', count: 4 },
  { entity: 'belarus-political-prisoners', count: 3 },
  { entity: 'belarus-sanctions', count: 3 },
  { entity: 'minsk', count: 3 },
  { entity: 'ales-bialiatski', count: 2 },
  { entity: 'belarus', count: 2 },
  { entity: 'belavia', count: 2 },
  { entity: 'viasna', count: 2 },
  { entity: 'john-coale', count: 1 },
];

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

const flush = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

function mount(overrides: Partial<PopupProps> = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...overrides.settings };
  const props: PopupProps = {
    settings,
    hostname: 'news.example',
    overview,
    mentions: MENTIONS,
    onChange: vi.fn((change: (current: Settings) => Partial<Settings>) => {
      settings = { ...settings, ...change(settings) };
      rerender({ settings });
    }),
    loadCard: vi.fn(async (id: string) => buildCard(kb, id)),
    onShowOnPage: vi.fn(async () => true),
    onOpenNotes: vi.fn(),
    notesHref: '/notes.html',
    ...overrides,
  };
  const rerender = (more: Partial<PopupProps>) => {
    Object.assign(props, more);
    act(() => render(<Popup {...props} />, root));
  };
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Popup {...props} />, root));
  return { props, rerender, settings: () => settings };
}

const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector)!;
const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const click = (el: Element) => act(() => (el as HTMLElement).click());
/** A switch by its accessible name (the text of the element its aria-labelledby points to). */
function switchNamed(name: string): HTMLButtonElement {
  const found = $$('[role="switch"]').find((s) => document.getElementById(s.getAttribute('aria-labelledby')!)?.textContent === name);
  if (!found) throw new Error(`no switch named ${name}`);
  return found as HTMLButtonElement;
}
function type(input: HTMLInputElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('"On this page"', () => {
  it('lists entities by name with their counts, most mentioned first, and the rest on request', () => {
    mount();
    const rows = $$('.entity-list [data-entity]');
    expect(rows).toHaveLength(8);
    expect(rows[0]!.querySelector('.entity-name')!.textContent).toBe('Sviatlana Tsikhanouskaya');
    expect(rows[0]!.querySelector('.count')!.textContent).toBe('6 mentions');
    expect(rows[1]!.getAttribute('data-entity')).toBe('alexander-lukashenko');
    // Plain words ("names", not "entries"), and the list is named by its heading and these counts.
    expect($('.section-heading').textContent).toContain('10 names · 28 mentions');
    const list = $('.entity-list');
    expect(
      list
        .getAttribute('aria-labelledby')!
        .split(' ')
        .map((id) => document.getElementById(id)!.textContent)
        .join(', '),
    ).toBe('On this page, 10 names · 28 mentions');
    click($$('.link-button').find((b) => b.textContent === 'Show all 10')!);
    expect($$('.entity-list [data-entity]')).toHaveLength(10);
  });

  it('says why it is empty', () => {
    mount({ mentions: [] });
    expect(root.textContent).toContain('Nothing from the knowledge base on this page.');
    render(null, root);
    mount({ mentions: null });
    expect(root.textContent).toContain("PDFs and the browser's own pages are out of its reach");
    expect(root.textContent).not.toContain('Allow access to websites');
    render(null, root);
    // Site access switched off in the browser: the page did not answer because Backstory may not read it.
    const { props } = mount({ mentions: null, hostAccess: false, onAllowAccess: vi.fn() });
    expect(root.textContent).toContain('the browser does not let it read websites');
    click($$('button').find((b) => b.textContent === 'Allow access to websites')!);
    expect(props.onAllowAccess).toHaveBeenCalledTimes(1);
    render(null, root);
    // A page that answers is read, whatever the switch says (access to some sites only).
    mount({ hostAccess: false });
    expect(root.textContent).not.toContain('Allow access to websites');
    render(null, root);
    mount({ settings: { ...DEFAULT_SETTINGS, disabledSites: ['news.example'] } });
    expect(root.textContent).toContain('Backstory is off on news.example.');
    expect($$('.entity-list [data-entity]')).toHaveLength(0);
  });

  it('"Show on page" asks the tab to show the entity, and says so', async () => {
    const { props } = mount();
    // The crosshair has a visible word and a name that says which entity it shows.
    const show = $('[data-entity="alexander-lukashenko"] .show-button');
    expect(show.getAttribute('aria-label')).toBe('Show on page: Alexander Lukashenko');
    expect(show.textContent).toBe('Show');
    click(show);
    await flush();
    expect(props.onShowOnPage).toHaveBeenCalledWith('alexander-lukashenko');
    expect($('.toast').textContent).toBe('Showing Alexander Lukashenko on the page');
  });
});

describe('cards in the popup', () => {
  it('opens the full card, follows related entities, and goes back to the list', async () => {
    const { props } = mount();
    click($('[data-entity="alexander-lukashenko"] .entity-open'));
    await flush();
    expect(props.loadCard).toHaveBeenCalledWith('alexander-lukashenko');
    expect($('.popup-card h2').textContent).toBe('Alexander Lukashenko');
    expect($('.popup-home').hidden).toBe(true);
    expect($('.popup-card .primary-button').textContent).toContain('Show on page');

    click($$('.popup-card .chip-related').find((c) => c.textContent === 'Vladimir Putin')!);
    await flush();
    expect($('.popup-card h2').textContent).toBe('Vladimir Putin');
    click($$('button').find((b) => b.textContent === 'Back')!);
    expect($('.popup-card h2').textContent).toBe('Alexander Lukashenko');
    click($$('button').find((b) => b.textContent === 'Back')!);
    expect(root.querySelector('.popup-card')).toBeNull();
    expect($('.popup-home').hidden).toBe(false);
  });

  it('offers no "Show on page" for an entity that is not on the page', async () => {
    mount();
    type($<HTMLInputElement>('input[type="search"]'), 'Kalesnikava');
    click($('[data-result-entity="maria-kalesnikava"] button'));
    await flush();
    expect($('.popup-card').textContent).toContain('Not on this page');
    expect(root.querySelector('.popup-card .primary-button')).toBeNull();
  });
});

describe('search', () => {
  it('finds an entity by a spelling in another script and says which spelling matched', () => {
    mount();
    const input = $<HTMLInputElement>('input[type="search"]');
    expect(input.getAttribute('aria-label')).toBe('Search the knowledge base');
    type(input, 'Лукашенко');
    const first = $('[data-result-entity]');
    expect(first.getAttribute('data-result-entity')).toBe('alexander-lukashenko');
    expect(first.textContent).toContain('Лукашенко');
    // The page sections give way to the results.
    expect(root.querySelector('#on-this-page')).toBeNull();
  });

  it('opens the first result on Enter', async () => {
    const { props } = mount();
    const input = $<HTMLInputElement>('input[type="search"]');
    type(input, 'lukasenka');
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await flush();
    expect(props.loadCard).toHaveBeenCalledWith('alexander-lukashenko');
  });

  it('says when nothing matches, also to screen readers (a live region that stays in the page)', () => {
    mount();
    const status = $('[data-search-status]');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('');
    type($<HTMLInputElement>('input[type="search"]'), 'qwertyuiop');
    expect(root.textContent).toContain('No names in the knowledge base match “qwertyuiop”.');
    expect($('[data-search-status]')).toBe(status);
    expect(status.textContent).toBe('No results for “qwertyuiop”.');
    type($<HTMLInputElement>('input[type="search"]'), 'Minsk');
    expect(status.textContent).toMatch(/^\d+ results? for “Minsk”\.$/);
  });
});

describe('switches and settings', () => {
  it('the master and site switches change the settings', () => {
    const { settings } = mount();
    const site = switchNamed('Backstory on this site');
    expect(site.closest('.switch-row')!.textContent).toContain('news.example');
    click(site);
    expect(settings().disabledSites).toEqual(['news.example']);
    click(switchNamed('Backstory on this site'));
    expect(settings().disabledSites).toEqual([]);
    click(switchNamed('Backstory'));
    expect(settings().enabled).toBe(false);
    expect(switchNamed('Backstory on this site').disabled).toBe(true);
    // Topics look and are announced inactive while Backstory is off.
    const topic = switchNamed('Human rights and political prisoners');
    expect(topic.disabled).toBe(true);
    expect(topic.closest('.switch-row')!.textContent).toContain('Inactive while Backstory is off');
    expect(root.textContent).toContain('Backstory is switched off: no topic is marked');
    click(switchNamed('Backstory'));
    expect(switchNamed('Human rights and political prisoners').disabled).toBe(false);
  });

  it('shows the keyboard shortcuts the browser has, and where to change them', () => {
    const onChangeShortcuts = vi.fn();
    mount({
      shortcuts: [
        { name: 'next-mention', description: 'Go to the next mention on the page and open its card', keys: 'Ctrl+Shift+Y' },
        { name: 'add-note', description: 'Add a note on the selected text', keys: '' },
      ],
      shortcutSettings: { where: 'Chrome: chrome://extensions/shortcuts' },
      onChangeShortcuts,
    });
    const section = $('.shortcuts');
    expect(section.querySelector('h2')!.textContent).toBe('Keyboard');
    const next = section.querySelector('[data-command="next-mention"]')!;
    expect([...next.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Ctrl', 'Shift', 'Y']);
    expect(section.querySelector('[data-command="add-note"]')!.textContent).toContain('no key set');
    expect(section.textContent).toContain('chrome://extensions/shortcuts');
    click([...section.querySelectorAll('button')].find((b) => b.textContent === 'Change shortcuts')!);
    expect(onChangeShortcuts).toHaveBeenCalled();
  });

  it('each topic has a switch and its count on the page', () => {
    const { settings } = mount();
    expect($$('[data-topic]')).toHaveLength(overview.topics.length);
    // Tsikhanouskaya 6 (also "in exile") + Lukashenko 4 + Minsk 3 + Belarus 2.
    expect($('[data-topic="belarus-politics"]').textContent).toContain('15 mentions on this page');
    expect($('[data-topic="places"]').textContent).toContain('Off');
    click(switchNamed('Human rights and political prisoners'));
    expect(settings().topics).toEqual({ 'human-rights': false });
    click(switchNamed('Countries and cities'));
    expect(settings().topics).toEqual({ 'human-rights': false, places: true });
  });

  it('hover delay and mark style', () => {
    const { settings } = mount();
    const range = $<HTMLInputElement>('input[type="range"]');
    expect(range.getAttribute('aria-label')).toBe('Hover delay (ms)');
    expect([range.min, range.max]).toEqual(['100', '2000']);
    act(() => {
      range.value = '650';
      range.dispatchEvent(new Event('input', { bubbles: true }));
      range.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(settings().hoverDelayMs).toBe(650);
    expect($('output').textContent).toBe('650 ms');
    expect($('[role="radiogroup"]').getAttribute('aria-labelledby')).toBe('mark-style-label');
    click($('input[value="background"]'));
    expect(settings().markStyle).toBe('background');
  });

  it('"Mark only the first mention of each name" is a switch that the settings follow', () => {
    const { settings } = mount();
    const first = switchNamed('Mark only the first mention of each name');
    expect(first.getAttribute('aria-checked')).toBe('false');
    click(first);
    expect(settings().firstMentionOnly).toBe(true);
    expect(switchNamed('Mark only the first mention of each name').getAttribute('aria-checked')).toBe('true');
    click(switchNamed('Mark only the first mention of each name'));
    expect(settings().firstMentionOnly).toBe(false);
  });

  it('"Runs on: Sites I choose" turns every site off until it is switched on, and says so', () => {
    const { settings } = mount();
    expect(root.textContent).toContain('Everywhere, except where you switch off');
    click($('input[value="chosen-sites"]'));
    expect(settings().siteMode).toBe('chosen-sites');
    expect(switchNamed('Backstory on this site').getAttribute('aria-checked')).toBe('false');
    expect(root.textContent).toContain('Backstory runs only on the sites you choose: switch it on for news.example above.');
    expect(root.textContent).toContain('0 sites so far');
    click(switchNamed('Backstory on this site'));
    expect(settings().enabledSites).toEqual(['news.example']);
    expect(settings().disabledSites).toEqual([]);
    expect(switchNamed('Backstory on this site').getAttribute('aria-checked')).toBe('true');
    expect(root.textContent).toContain('1 site so far');
    expect(root.textContent).toContain('Alexander Lukashenko');
  });

  it('lists the sites switched off (or chosen), each with a button that takes it off the list', () => {
    const { settings } = mount({ settings: { ...DEFAULT_SETTINGS, disabledSites: ['news.example', 'a.example'] } });
    const list = $('.site-list');
    expect(list.querySelector('summary')!.textContent).toBe('Sites where Backstory is off (2)');
    expect([...list.querySelectorAll('li span')].map((s) => s.textContent)).toEqual(['a.example', 'news.example']);
    click($('[aria-label="Remove a.example"]'));
    expect(settings().disabledSites).toEqual(['news.example']);
    click($('[aria-label="Remove news.example"]'));
    expect(settings().disabledSites).toEqual([]);
    expect(root.querySelector('.site-list')).toBeNull();
    // In "Sites I choose", the list is of the chosen sites.
    click($('input[value="chosen-sites"]'));
    click(switchNamed('Backstory on this site'));
    expect($('.site-list summary').textContent).toBe('Sites Backstory runs on (1)');
    click($('[aria-label="Remove news.example"]'));
    expect(settings().enabledSites).toEqual([]);
  });

  it('"Open notes" asks the entrypoint to open the dashboard', () => {
    const { props } = mount();
    const link = $$('a').find((a) => a.textContent === 'Open notes')!;
    expect(link.getAttribute('href')).toBe('/notes.html');
    click(link);
    expect(props.onOpenNotes).toHaveBeenCalled();
  });
});
