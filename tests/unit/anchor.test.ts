import { describe, expect, it } from 'vitest';
import { anchorPassage, CONTEXT_CHARS, describePassage, trimSpan } from '../../lib/anchor';
import { anchorNotes, describeRange, offsetsOfRange, rangeOfOffsets } from '../../lib/dom/passage';
import { buildTextIndex } from '../../lib/dom/text-index';
import { documentWith } from '../helpers/dom';

const PAGE = [
  'Minsk, 11 September 2025. The authorities released 52 political prisoners on Thursday.',
  'Among them was the Nobel laureate Ales Bialiatski, the founder of Viasna, after four years in prison.',
  'The United States eased sanctions on Belavia, the national airline, in return.',
  'Human rights groups said more than 1,100 political prisoners remain behind bars.',
].join('\n\n');

const passage = (text: string, exact: string, occurrence = 0) => {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(exact, at + 1);
  return describePassage(text, at, at + exact.length);
};

describe('describing a passage', () => {
  it('keeps the quote, 32 characters of context and the offsets', () => {
    const { quote, position } = passage(PAGE, 'Ales Bialiatski, the founder of Viasna');
    expect(quote.exact).toBe('Ales Bialiatski, the founder of Viasna');
    expect(quote.prefix).toHaveLength(CONTEXT_CHARS);
    expect(quote.prefix.endsWith('Nobel laureate ')).toBe(true);
    expect(quote.suffix).toHaveLength(CONTEXT_CHARS);
    expect(PAGE.slice(position.start, position.end)).toBe(quote.exact);
  });

  it('cuts the context short at the start and end of the text', () => {
    const { quote } = passage('Short text here.', 'Short');
    expect(quote.prefix).toBe('');
    expect(quote.suffix).toBe(' text here.');
  });

  it('trims whitespace a drag-selection takes along', () => {
    expect(trimSpan('  hello world \n', 0, 15)).toEqual({ start: 2, end: 13 });
  });
});

describe('anchoring a passage again', () => {
  const { quote, position } = passage(PAGE, 'eased sanctions on Belavia');

  it('finds an unchanged page by position', () => {
    expect(anchorPassage(PAGE, quote, position)).toMatchObject({ start: position.start, end: position.end, method: 'position', score: 1 });
  });

  it('finds moved text by its exact quote', () => {
    const moved = `BREAKING: a new paragraph at the top of the page.\n\n${PAGE}`;
    const hit = anchorPassage(moved, quote, position)!;
    expect(hit.method).toBe('quote');
    expect(moved.slice(hit.start, hit.end)).toBe('eased sanctions on Belavia');
  });

  it('finds slightly edited text by fuzzy matching with its context', () => {
    const edited = PAGE.replace('eased sanctions on Belavia', 'eased the sanctions on Belavia').replace('The United States', 'The US');
    const hit = anchorPassage(edited, quote, position)!;
    expect(hit.method).toBe('fuzzy');
    expect(edited.slice(hit.start, hit.end)).toMatch(/^eased (the )?sanctions on Belavia$/);
    expect(hit.score).toBeGreaterThan(0.7);
  });

  it('picks the right one of several identical quotes by context', () => {
    const second = passage(PAGE, 'political prisoners', 1);
    expect(second.position.start).toBeGreaterThan(PAGE.indexOf('political prisoners'));
    // The page changed so the position no longer holds; the context decides.
    const shifted = `Update.\n\n${PAGE}`;
    const hit = anchorPassage(shifted, second.quote, second.position)!;
    expect(hit.start).toBe(shifted.lastIndexOf('political prisoners'));
    // Without a position, the context still decides.
    expect(anchorPassage(shifted, second.quote)!.start).toBe(shifted.lastIndexOf('political prisoners'));
    const first = passage(PAGE, 'political prisoners', 0);
    expect(anchorPassage(shifted, first.quote)!.start).toBe(shifted.indexOf('political prisoners'));
  });

  it('gives up (orphaned) when the passage is gone', () => {
    const gone = PAGE.replace(/The United States.*in return\./, 'Nothing about airlines here.');
    expect(anchorPassage(gone, quote, position)).toBeNull();
    expect(anchorPassage('', quote, position)).toBeNull();
  });

  it('does not accept a match that is mostly different', () => {
    const q = { type: 'TextQuoteSelector' as const, exact: 'completely unrelated sentence about weather', prefix: '', suffix: '' };
    expect(anchorPassage(PAGE, q)).toBeNull();
  });
});

describe('passages in the DOM', () => {
  const html =
    '<h1>Prisoners freed</h1><p>Among them was the Nobel laureate <b>Ales</b> Bialiatski, the founder of <a href="#">Viasna</a>.</p><p>Second paragraph<br>with a break.</p>';

  it('turns a selection into selectors and back into the same range', () => {
    const { document } = documentWith(html);
    const index = buildTextIndex(document.body);
    const p = document.querySelector('p')!;
    const range = document.createRange();
    range.setStart(p.firstChild!, 'Among them was the Nobel laureate '.length - 1); // starts on the space: trimmed
    range.setEnd(p.querySelector('a')!.firstChild!, 6);
    const draft = describeRange(index, range, { url: 'https://x.example/', title: 'T' }, () => ['ales-bialiatski'])!;
    expect(draft.exact).toBe('Ales Bialiatski, the founder of Viasna');
    expect(draft.prefix.endsWith('Nobel laureate ')).toBe(true);
    expect(draft.entities).toEqual(['ales-bialiatski']);
    const back = rangeOfOffsets(index, draft.start, draft.end, document)!;
    expect(back.toString()).toBe('Ales Bialiatski, the founder of Viasna');
  });

  it('reads a selection made of whole elements (a triple click)', () => {
    const { document } = documentWith(html);
    const index = buildTextIndex(document.body);
    const range = document.createRange();
    range.setStart(document.body.children[1]!, 0);
    range.setEnd(document.body.children[2]!, 0);
    const span = offsetsOfRange(index, range)!;
    expect(index.text.slice(span.start, span.end)).toBe('Among them was the Nobel laureate Ales Bialiatski, the founder of Viasna.');
  });

  it('places offsets that fall between paragraphs onto text', () => {
    const { document } = documentWith(html);
    const index = buildTextIndex(document.body);
    const start = index.text.indexOf('Prisoners freed') + 'Prisoners freed'.length; // on the separator
    const end = index.text.indexOf('Among them') + 5;
    expect(rangeOfOffsets(index, start, end, document)!.toString()).toBe('Among');
  });

  it('anchors notes in a page and reports the ones it cannot find', () => {
    const { document } = documentWith(html);
    const index = buildTextIndex(document.body);
    const { quote, position } = passage(index.text, 'with a break');
    const found = anchorNotes(
      index,
      [
        { id: 'a', selector: [quote, position] },
        { id: 'b', selector: [{ type: 'TextQuoteSelector', exact: 'not on this page at all, no', prefix: '', suffix: '' }] },
      ],
      document,
    );
    expect(found.anchored.map((a) => [a.id, a.range.toString(), a.method])).toEqual([['a', 'with a break', 'position']]);
    expect(found.orphaned).toEqual(['b']);
  });
});
