// @vitest-environment happy-dom
/** A pack's text on a card: markup is shown as text, never as HTML, and the card names the pack it comes from. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { Card } from '../../components/Card';
import { packEntityToKb } from '../../lib/packs/convert';

describe('a card of a pack entity', () => {
  it('shows markup as text and names its pack', () => {
    const entity = packEntityToKb(
      { id: 'evil-pack', asOf: '2026-11-30' },
      {
        id: 'x',
        type: 'person',
        name: '<img src=x onerror="alert(1)">',
        names: [{ text: 'X' }],
        description: '<b>bold</b> <script>alert(2)</script>',
        facts: [{ date: '2026', text: '<a href="javascript:alert(3)">click</a>', source: 'https://example.org/a' }],
        sources: [],
        topics: ['t'],
      },
    );
    const root = document.createElement('div');
    document.body.append(root);
    act(() => render(<Card card={{ entity, topics: [], relatedNames: {}, pack: 'Evil pack' }} />, root));
    expect(root.querySelector('img, b, script, a[href^="javascript"]')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(root.textContent).toContain('<b>bold</b> <script>alert(2)</script>');
    expect(root.querySelector('.card-asof')?.textContent).toBe('As of 30 Nov 2026 · Evil pack');
    render(null, root);
    root.remove();
  });
});
