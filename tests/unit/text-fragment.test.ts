/**
 * Text fragment links (#:~:text=) for passages a reader selected: the terms the browser will look for,
 * and their encoding, read back the way the spec's parser reads them.
 */
import { describe, expect, it } from 'vitest';
import { textDirectiveTerms, textFragmentUrl } from '../../lib/notes/text-fragment';

/** Parses a text directive as the spec does: split on ',', a trailing '-' marks the prefix, a leading one the suffix. */
function readDirective(url: string): { prefix?: string; start: string; end?: string; suffix?: string } {
  const directive = url.split(':~:text=')[1]!;
  expect(directive).not.toMatch(/[^A-Za-z0-9%_.!~*'()\-,]/);
  const parts = directive.split(',');
  const out: { prefix?: string; start: string; end?: string; suffix?: string } = { start: '' };
  if (parts[0]!.endsWith('-')) out.prefix = decodeURIComponent(parts.shift()!.slice(0, -1));
  if (parts.at(-1)!.startsWith('-')) out.suffix = decodeURIComponent(parts.pop()!.slice(1));
  out.start = decodeURIComponent(parts[0]!);
  if (parts[1] !== undefined) out.end = decodeURIComponent(parts[1]);
  expect(parts.length).toBeLessThanOrEqual(2);
  return out;
}

describe('text fragment links', () => {
  it('encodes the characters the directive syntax uses: commas, dashes and ampersands', () => {
    const exact = 'Minsk, Brest & Hrodna — the so-called "border" towns, 2020-2021';
    const url = textFragmentUrl('https://news.example/a', exact);
    expect(url).toBe(
      'https://news.example/a#:~:text=Minsk%2C%20Brest%20%26%20Hrodna%20%E2%80%94%20the%20so%2Dcalled%20%22border%22%20towns%2C%202020%2D2021',
    );
    expect(readDirective(url)).toEqual({ start: exact });
  });

  it('keeps quotes, apostrophes and non-Latin letters, percent-encoded as UTF-8', () => {
    const exact = 'Святлана Ціханоўская заявіла: «Мы не спынімся»';
    const url = textFragmentUrl('https://nashaniva.example/news', exact);
    expect(url).toContain('#:~:text=%D0%A1%D0%B2%D1%8F%D1%82');
    expect(readDirective(url)).toEqual({ start: exact });
    expect(readDirective(textFragmentUrl('https://x.example/', "Łukaszenka's 'last dictator' label"))).toEqual({
      start: "Łukaszenka's 'last dictator' label",
    });
  });

  it('names a long passage by its first and last five words (textStart,textEnd)', () => {
    const exact = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const terms = readDirective(textFragmentUrl('https://x.example/', exact));
    expect(terms).toEqual({ start: 'word0 word1 word2 word3 word4', end: 'word55 word56 word57 word58 word59' });
    // The link stays short however long the passage is.
    expect(textFragmentUrl('https://x.example/', `${exact} ${exact} ${exact}`).length).toBeLessThan(200);
  });

  it('names a passage across paragraphs by its ends, each inside its own paragraph', () => {
    const exact = 'The verdict came on Friday.\n\nViasna said the trial was closed to the press.';
    expect(textDirectiveTerms({ exact })).toEqual({ start: 'The verdict came on Friday.', end: 'was closed to the press.' });
  });

  it('adds the words around a short passage, which a page may repeat, from the stored context', () => {
    const terms = textDirectiveTerms({ exact: 'Lukashenko', prefix: 'ber 2025, Alexander ', suffix: ' pardoned 52 prisoners, among' });
    expect(terms).toEqual({ prefix: '2025, Alexander', start: 'Lukashenko', suffix: 'pardoned 52 prisoners,' });
    const url = textFragmentUrl('https://x.example/', {
      exact: 'Lukashenko',
      prefix: 'ber 2025, Alexander ',
      suffix: ' pardoned 52 prisoners, among',
    });
    expect(url).toBe('https://x.example/#:~:text=2025%2C%20Alexander-,Lukashenko,-pardoned%2052%20prisoners%2C');
    expect(readDirective(url)).toEqual(terms);
    // Context from another paragraph would not match: it is left out.
    expect(textDirectiveTerms({ exact: 'Viasna', prefix: 'Heading\n\n', suffix: '\n\nNext' })).toEqual({ start: 'Viasna' });
    // A passage of four words or more stands alone.
    expect(textDirectiveTerms({ exact: 'Ales Bialiatski was released', prefix: 'the laureate ', suffix: ' after' })).toEqual({
      start: 'Ales Bialiatski was released',
    });
  });

  it('widens a selection that starts or ends inside a word to the whole word', () => {
    expect(textDirectiveTerms({ exact: 'ukashenko met the envoy', prefix: 'Alexander L', suffix: 's on Friday' })).toEqual({
      start: 'Lukashenko met the envoys',
    });
  });

  it('keeps a fragment the page address already has, and leaves an address without words alone', () => {
    expect(textFragmentUrl('https://x.example/page#section-2', 'the full text of the ruling')).toBe(
      'https://x.example/page#section-2:~:text=the%20full%20text%20of%20the%20ruling',
    );
    expect(textFragmentUrl('https://x.example/', '   ')).toBe('https://x.example/');
  });

  it('never throws on a quote cut inside a surrogate pair', () => {
    const url = textFragmentUrl('https://x.example/', { exact: 'emoji \uD83D end of it all here', prefix: '\uDE00 the ' });
    expect(readDirective(url).start).toBe('emoji \uFFFD end of it all here');
  });
});
