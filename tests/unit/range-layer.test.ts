/** The note layer (lib/dom/marks.ts createRangeLayer) where the Highlight API is missing: wrapped, then undone exactly. */
import { describe, expect, it } from 'vitest';
import { createRangeLayer, MARK_ELEMENT } from '../../lib/dom/marks';
import { documentWith } from '../helpers/dom';

function rangeOver(doc: Document, text: string): Range {
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(text);
    if (at >= 0) {
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return range;
    }
  }
  throw new Error(`no "${text}"`);
}

describe('a range layer without the Highlight API', () => {
  it('wraps exactly the passage, across inline markup, and restores the page exactly', () => {
    const { window, document } = documentWith('<p id="p">Freed on Saturday: <b>Ales</b> Bialiatski, founder of Viasna.</p>');
    const before = document.body.innerHTML;
    const layer = createRangeLayer(window, 'backstory-note');
    const passage = document.createRange();
    passage.setStart(rangeOver(document, 'Saturday').startContainer, 9);
    passage.setEnd(rangeOver(document, 'Bialiatski').endContainer, rangeOver(document, 'Bialiatski').endOffset);
    layer.set([passage]);
    const marks = [...document.querySelectorAll(MARK_ELEMENT)];
    expect(marks.map((m) => m.textContent).join('')).toBe('Saturday: Ales Bialiatski');
    expect(marks.every((m) => m.getAttribute('data-mark') === 'backstory-note')).toBe(true);
    expect(document.getElementById('p')!.textContent).toBe('Freed on Saturday: Ales Bialiatski, founder of Viasna.');

    layer.set([rangeOver(document, 'Viasna')]);
    expect([...document.querySelectorAll(MARK_ELEMENT)].map((m) => m.textContent)).toEqual(['Viasna']);
    layer.clear();
    expect(document.querySelectorAll(MARK_ELEMENT)).toHaveLength(0);
    document.body.normalize();
    expect(document.body.innerHTML).toBe(before);
  });

  it('runs its DOM edits inside the guard, so a watcher can leave them out', () => {
    const { window, document } = documentWith('<p>Viasna counts prisoners.</p>');
    let guarded = 0;
    const layer = createRangeLayer(window, 'backstory-note', (edit) => {
      guarded++;
      return edit();
    });
    layer.set([rangeOver(document, 'prisoners')]);
    layer.clear();
    expect(guarded).toBe(2);
  });
});
