/** Page mentions with the fallback renderer (no Highlight API): wrapping is exact and reversible. */
import { describe, expect, it } from 'vitest';
import { PageMentions } from '../../lib/dom/page-mentions';
import { WrapRenderer, MARK_ELEMENT } from '../../lib/dom/marks';
import { outermost } from '../../lib/dom/mutations';
import { entity, matcherFor } from '../helpers/kb';
import { documentWith } from '../helpers/dom';

const matcher = matcherFor([
  entity('bialiatski', ['Ales Bialiatski', 'Bialiatski']),
  entity('viasna', ['Viasna'], { type: 'organisation' }),
]);

function setup(html: string) {
  const { window, document } = documentWith(html);
  const page = new PageMentions(window, matcher, new WrapRenderer(document));
  for (const _ of page.scan(document.body));
  return { page, document };
}

describe('fallback marks by wrapping', () => {
  it('wraps each mention, across inline markup, and unwraps to the same text', () => {
    const html = '<p>Founder <b>Ales</b> Bialiatski of Viasna.</p><p>Viasna again.</p>';
    const { page, document } = setup(html);
    page.show();
    const wrapped = [...document.querySelectorAll(MARK_ELEMENT)].map((m) => m.textContent);
    expect(wrapped).toEqual(['Ales', ' Bialiatski', 'Viasna', 'Viasna']);
    expect(document.body.textContent).toBe('Founder Ales Bialiatski of Viasna.Viasna again.');
    page.hide();
    expect(document.querySelectorAll(MARK_ELEMENT).length).toBe(0);
    expect(document.body.textContent).toBe('Founder Ales Bialiatski of Viasna.Viasna again.');
    page.show(); // and once more: the index survived the splits
    expect(document.querySelectorAll(MARK_ELEMENT).length).toBe(4);
  });

  it('honours the active-entity mask', () => {
    const { page, document } = setup('<p>Bialiatski and Viasna.</p>');
    page.show();
    page.setActiveEntities([false, true]);
    expect([...document.querySelectorAll(MARK_ELEMENT)].map((m) => m.textContent)).toEqual(['Viasna']);
    expect(page.mentions().map((m) => page.entityId(m))).toEqual(['viasna']);
  });

  it('rescans a changed block, and forgets text that is gone', () => {
    const { page, document } = setup('<p id="a">Viasna</p><p id="b">Bialiatski</p>');
    page.show();
    document.getElementById('b')!.textContent = 'Nobody';
    document.getElementById('a')!.remove();
    for (const _ of page.rescan([document.body]));
    expect(page.mentions()).toEqual([]);
  });
});

describe('outermost', () => {
  it('keeps only nodes not inside another', () => {
    const { document } = documentWith('<div id="a"><p id="b"><span id="c"></span></p></div><p id="d"></p>');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => document.getElementById(id)!);
    expect(outermost([c!, b!, d!, a!, c!])).toEqual([d!, a!]);
  });
});

describe('the page as one document (context model)', () => {
  const kbMatcher = matcherFor(
    [
      entity('kalesnikava', ['Maria Kalesnikava', 'Maria Kolesnikova', { text: 'Kolesnikova', ambiguous: true }], { gender: 'female' }),
      entity('trump', ['Donald Trump', 'Trump'], { gender: 'male' }),
      entity('state-department', ['State Department'], { type: 'organisation' }),
      entity('ukraine', ['Ukraine'], { type: 'place' }),
      entity('invasion', ['Russian invasion of Ukraine'], {
        type: 'event',
        triggers: [{ text: 'full-scale invasion of Ukraine', case: 'any' }],
      }),
    ],
    [],
    { honorifics: [{ lang: 'en', gender: 'female', words: ['Ms', 'Mrs'] }] },
  );
  const load = (html: string) => {
    const { window, document } = documentWith(html);
    const page = new PageMentions(window, kbMatcher, new WrapRenderer(document));
    for (const _ of page.scan(document.body));
    page.show();
    return { page, document };
  };
  const marked = (document: Document) => [...document.querySelectorAll(MARK_ELEMENT)].map((m) => m.textContent);

  it('marks a surname read before the full name that licenses it, once that name is read', () => {
    expect(marked(load('<p>Kolesnikova spoke.</p><p>Other news.</p>').document)).toEqual([]);
    const filler = '<p>Other news.</p>'.repeat(40);
    const { document } = load(`<p>Kolesnikova spoke.</p>${filler}<p>Maria Kolesnikova was freed.</p><p>Kolesnikova again.</p>`);
    expect(marked(document)).toEqual(['Kolesnikova', 'Maria Kolesnikova', 'Kolesnikova']);
  });

  it('takes the marks away when the text that licensed them goes, and puts them back when it returns', () => {
    const { page, document } = load('<p>Kolesnikova spoke.</p><div id="bio"><p>Maria Kolesnikova was freed.</p></div>');
    const bio = document.getElementById('bio')!;
    bio.innerHTML = '<p>Nothing here.</p>';
    for (const _ of page.rescan([bio]));
    expect(marked(document)).toEqual([]);
    bio.innerHTML = '<p>Maria Kolesnikova again.</p>';
    for (const _ of page.rescan([bio]));
    expect(marked(document)).toEqual(['Kolesnikova', 'Maria Kolesnikova']);
  });

  it('lists a name inside an event as a mention, and draws only the event', () => {
    const { page, document } = load('<p>Since the full-scale invasion of Ukraine, trade fell.</p>');
    expect(marked(document)).toEqual(['full-scale invasion of Ukraine']);
    expect(page.mentions().map((m) => page.entityId(m))).toEqual(['invasion', 'ukraine']);
    // With the event's topic off, the name inside it is drawn.
    page.setActiveEntities([true, true, true, true, false]);
    expect(marked(document)).toEqual(['Ukraine']);
  });

  it('leaves a surname after a title that does not fit unmarked ("Ms. Trump")', () => {
    const { document } = load('<p>The fund is close to Ms. Trump and her husband.</p><p>Mr. Trump defended it.</p>');
    expect(marked(document)).toEqual(['Trump']);
  });

  it('reads a name broken over a line of indented source as one name', () => {
    const { document } = load(`<p>her State
                            Department colleagues</p><pre>the State
                            Department</pre>`);
    expect(marked(document)).toEqual(['State\n                            Department']);
  });
});

describe('first-mention mode (the setting "Mark only the first mention of each name")', () => {
  const marked = (document: Document) => [...document.querySelectorAll(MARK_ELEMENT)].map((m) => m.textContent);

  it('marks the first mention of each entity only, and every mention again when switched off', () => {
    const { page, document } = setup('<p>Viasna and Bialiatski.</p><p>Bialiatski founded Viasna.</p><p>Viasna</p>');
    page.show();
    page.setFirstMentionOnly(true);
    expect(marked(document)).toEqual(['Viasna', 'Bialiatski']);
    expect(page.marked().map((m) => page.entityId(m))).toEqual(['viasna', 'bialiatski']);
    // The keyboard route and the popup still count every mention.
    expect(page.mentions().length).toBe(5);
    page.setFirstMentionOnly(false);
    expect(marked(document)).toEqual(['Viasna', 'Bialiatski', 'Bialiatski', 'Viasna', 'Viasna']);
  });

  it('moves the mark up when text arrives above the first mention, and down when the first one goes', () => {
    const { page, document } = setup('<div id="top"></div><p id="a">Bialiatski, twice: Bialiatski.</p><p id="b">Bialiatski again.</p>');
    page.show();
    page.setFirstMentionOnly(true);
    expect(page.marked().map((m) => m.paragraph.text.slice(m.match.start, m.match.end))).toEqual(['Bialiatski']);
    expect(marked(document)).toEqual(['Bialiatski']);
    expect(document.getElementById('a')!.querySelector(MARK_ELEMENT)).not.toBeNull();

    const top = document.getElementById('top')!;
    top.innerHTML = '<p>Viasna and Bialiatski</p>';
    for (const _ of page.rescan([top]));
    expect(top.querySelectorAll(MARK_ELEMENT).length).toBe(2);
    expect(document.getElementById('a')!.querySelector(MARK_ELEMENT)).toBeNull();

    top.remove();
    for (const _ of page.rescan([document.body]));
    expect(document.getElementById('a')!.querySelectorAll(MARK_ELEMENT).length).toBe(1);
    expect(document.getElementById('b')!.querySelector(MARK_ELEMENT)).toBeNull();
  });

  it('follows the topic switches: the first mention of an entity switched back on is marked', () => {
    const { page, document } = setup('<p>Bialiatski of Viasna.</p><p>Viasna, Bialiatski.</p>');
    page.show();
    page.setFirstMentionOnly(true);
    page.setActiveEntities([false, true]);
    expect(marked(document)).toEqual(['Viasna']);
    page.setActiveEntities([true, true]);
    expect(marked(document)).toEqual(['Bialiatski', 'Viasna']);
  });
});

describe('markCountUnder', () => {
  it('counts the marks a change of active entities would leave, in either mode', () => {
    const { page } = setup('<p>Viasna and Bialiatski.</p><p>Bialiatski founded Viasna.</p>');
    page.show();
    expect(page.markCountUnder([true, true])).toBe(4);
    expect(page.markCountUnder([false, true])).toBe(2);
    page.setFirstMentionOnly(true);
    expect(page.markCountUnder([true, true])).toBe(2);
    expect(page.markCountUnder([true, false])).toBe(1);
  });
});
