/** `npm run bench -- hover`: the card on screen within the hover-intent delay plus one frame (DESIGN). */
import { resolve } from 'node:path';
import { launchWithExtension } from '../launch';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { startPageServer } from '../page-server';
import { median } from './report';

/**
 * Hovers names on the demo article in the real extension and measures, in the page, from the
 * pointer's arrival on a name to the first animation frame that has the card in it; minus the
 * hover delay, that is the time the card adds. Each name is hovered cold (its card never asked for
 * yet), then warm; and once more after the service worker was stopped, as the browser does when idle.
 */
export async function benchHover(): Promise<void> {
  const launched = await launchWithExtension();
  const server = await startPageServer(resolve('tests/fixtures/pages'));
  const page = await launched.context.newPage();
  await page.goto(server.url('/demo-article.html'));
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('backstory-')));
  const delay = DEFAULT_SETTINGS.hoverDelayMs;

  /** Time from arrival on `word` to the first frame with the card, minus the hover delay. */
  const hoverOnce = async (word: string): Promise<number> => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('backstory-card'));
    // Strings, not functions: tsx would wrap inner functions in a helper the page does not have.
    const point = (await page.evaluate(`(() => {
      const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(${JSON.stringify(word)});
        if (at < 0) continue;
        node.parentElement.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + ${word.length});
        const r = range.getClientRects()[0];
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    })()`)) as { x: number; y: number };
    // Armed, not awaited (`void`): the promise settles only once the pointer is on the name.
    await page.evaluate(`void (window.hoverProbe = new Promise((done) => {
      let arrival = 0;
      const onMove = () => (arrival = performance.now());
      addEventListener('mousemove', onMove, true);
      const frame = (now) => {
        if (arrival && document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card')) {
          removeEventListener('mousemove', onMove, true);
          done(now - arrival);
        } else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }))`);
    await page.mouse.move(point.x, point.y);
    return ((await page.evaluate('window.hoverProbe')) as number) - delay;
  };

  const words = ['Lukashenko', 'Tsikhanouskaya', 'Bialiatski', 'Viasna', 'Belavia'];
  const cold: number[] = [];
  const warm: number[] = [];
  for (const word of words) {
    cold.push(await hoverOnce(word));
    warm.push(await hoverOnce(word));
  }
  const cdp = await launched.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.waitForTimeout(1000);
  const asleep = await hoverOnce('Kellogg');
  await launched.close();
  await server.close();

  const frame = 1000 / 60;
  const line = (label: string, value: string, note = '') => console.log(`${label.padEnd(60)} ${value.padStart(10)}  ${note}`);
  console.log(
    `\nhover: from the pointer on a name to the first frame with the card, after the ${delay} ms delay (one frame = ${frame.toFixed(1)} ms)`,
  );
  line(
    '  card not yet asked for (median of 5 names)',
    `${median(cold).toFixed(1)} ms`,
    `slowest ${Math.max(...cold).toFixed(1)} ms; budget: one frame`,
  );
  line(
    '  card asked for before (median)',
    `${median(warm).toFixed(1)} ms`,
    `slowest ${Math.max(...warm).toFixed(1)} ms; budget: one frame`,
  );
  line('  service worker stopped first (one name)', `${asleep.toFixed(1)} ms`, 'the worker starts again to answer');
}
