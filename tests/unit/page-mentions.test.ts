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
