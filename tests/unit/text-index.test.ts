import { describe, expect, it } from 'vitest';
import { buildTextIndex, domSpan, paragraphsOf } from '../../lib/dom/text-index';
import { documentWith } from '../helpers/dom';

const paragraphs = (html: string) =>
  [...paragraphsOf(documentWith(html).document.body)].filter((p) => p !== null).map((p) => p!.text.trim());

describe('the page text index', () => {
  it('joins inline markup and splits at blocks', () => {
    expect(paragraphs('<p>The laureate <b>Ales</b> Bialiatski <a href="#">spoke</a>.</p><p>Next</p>')).toEqual([
      'The laureate Ales Bialiatski spoke.',
      'Next',
    ]);
    expect(paragraphs('<div>before<p>inside</p>after</div>')).toEqual(['before', 'inside', 'after']);
    expect(paragraphs('<div>Ales<hr>Bialiatski</div>')).toEqual(['Ales', 'Bialiatski']);
  });

  it('turns <br> into a line break inside the paragraph', () => {
    expect(paragraphs('<p>Ales<br>Bialiatski</p>')).toEqual(['Ales\nBialiatski']);
  });

  it('skips scripts, styles, form fields, code, hidden and editable regions, and its own card', () => {
    const html = `<p>kept</p><script>no1</script><style>no2</style><textarea>no3</textarea>
      <pre><code>no4</code></pre><div hidden><p>no5</p></div><div contenteditable="true">no6</div>
      <div contenteditable="false">kept too</div><backstory-card>no7</backstory-card><p>kept <code>no8</code> end</p>`;
    expect(paragraphs(html)).toEqual(['kept', 'kept too', 'kept  end']);
  });

  it('reads nothing when asked again for a block inside (or being) a skipped region', () => {
    // What the mutation watcher asks after a change: the block of the changed text.
    const { document } = documentWith(`<div contenteditable="true"><p id="typed">Lukashenko typed here</p></div>
      <pre id="pre">Bialiatski in a pre</pre><div hidden><p id="hidden">Viasna</p></div><p id="open">Viasna</p>`);
    const read = (id: string) => [...paragraphsOf(document.getElementById(id)!)].filter((p) => p !== null).map((p) => p!.text);
    expect(read('typed')).toEqual([]);
    expect(read('pre')).toEqual([]);
    expect(read('hidden')).toEqual([]);
    expect(read('open')).toEqual(['Viasna']);
  });

  it('maps text offsets back to DOM positions across nodes', () => {
    const { document } = documentWith('<p>Hello <b>Ales</b> Bialiatski</p><p>Second</p>');
    const index = buildTextIndex(document.body);
    expect(index.text).toBe('Hello Ales Bialiatski\n\nSecond');
    const start = index.text.indexOf('Ales');
    const span = domSpan(index, start, start + 'Ales Bialiatski'.length);
    expect(span.startContainer.data).toBe('Ales');
    expect(span.startOffset).toBe(0);
    expect(span.endContainer.data).toBe(' Bialiatski');
    expect(span.endOffset).toBe(' Bialiatski'.length);
  });

  it('flags a paragraph whose collapsible white space holds a long run (indented source), not one in <pre>', () => {
    const { document } = documentWith(`<p id="p">her State
                            Department</p><p>short one</p><div style="white-space: pre-wrap">kept
                            as is</div>`);
    const read = [...paragraphsOf(document.body)].filter((p) => p !== null);
    expect(read.map((p) => p!.collapse === true)).toEqual([true, false, false]);
    expect(buildTextIndex(document.body).segments.map((s) => s.collapse === true)).toEqual([true, false, false]);
  });

  it('skips language switchers: links with hreflang, and a list of entries in other languages than the page', () => {
    const { document } = documentWith(`<nav><ul>
        <li><a href="/en/" lang="en">English</a></li><li><a href="/pl/" lang="pl">Polski</a></li><li><a href="/ru/" lang="ru">Русский</a></li>
      </ul></nav>
      <ul class="interlanguage"><li><a href="https://pl.example.org/" hreflang="pl">Polski</a></li></ul>
      <p>Wiadomości z Polski.</p>
      <ul><li lang="be">Жыве Беларусь!</li><li>A slogan of the protests.</li></ul>`);
    document.documentElement.setAttribute('lang', 'en');
    const read = [...paragraphsOf(document.body)].filter((p) => p !== null).map((p) => p!.text.trim());
    expect(read).toEqual(['English', 'Wiadomości z Polski.', 'Жыве Беларусь!', 'A slogan of the protests.']);
  });
});
