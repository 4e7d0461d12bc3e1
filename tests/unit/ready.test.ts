/** When a frame is worth reading: an empty frame (ads, trackers, empty embeds) waits for text before Backstory loads anything. */
import { describe, expect, it } from 'vitest';
import { holdsText, whenTextArrives } from '../../lib/dom/ready';
import { documentWith } from '../helpers/dom';

describe('a frame with nothing to read', () => {
  it('white space, styles, scripts and templates are not text to read', () => {
    for (const html of [
      '',
      '   \n ',
      '<style>p{color:red}</style>',
      '<script>var x = "Lukashenko"</script>',
      '<div> </div><template>Viasna</template>',
    ]) {
      expect(holdsText(documentWith(html).document), JSON.stringify(html)).toBe(false);
    }
    expect(holdsText(documentWith('<div><span>Viasna</span></div>').document)).toBe(true);
  });

  it('waits until text arrives, and not for styles or blank nodes', async () => {
    const { document } = documentWith('');
    let arrived = false;
    const controller = new AbortController();
    const waiting = whenTextArrives(document, controller.signal).then(() => {
      arrived = true;
    });
    document.body.append(document.createElement('style'), document.createTextNode('  '));
    await new Promise((r) => setTimeout(r, 20));
    expect(arrived).toBe(false);
    const p = document.createElement('p');
    p.textContent = 'Loaded later: Maria Kalesnikava.';
    document.body.append(p);
    await waiting;
    expect(arrived).toBe(true);
  });

  it('a document that already holds text is read at once', async () => {
    await whenTextArrives(documentWith('<p>Viasna</p>').document, new AbortController().signal);
  });
});
