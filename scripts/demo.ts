/**
 * npm start: opens Chromium with Backstory on the demo article (served from 127.0.0.1).
 * With no display, or with --screenshot FILE, it hovers "Lukashenko" and writes a PNG of the card instead.
 */
import { resolve } from 'node:path';
import { launchWithExtension } from './launch';
import { startPageServer } from './page-server';

const args = process.argv.slice(2);
const shotIndex = args.indexOf('--screenshot');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const screenshotPath = shotIndex >= 0 ? (args[shotIndex + 1] ?? 'card.png') : hasDisplay ? null : 'card.png';

const server = await startPageServer(resolve('tests/fixtures/pages'));
const browser = await launchWithExtension({ headless: screenshotPath !== null });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(server.url('/demo-article.html'));

if (screenshotPath === null) {
  console.log(`Backstory is running on ${server.url('/demo-article.html')}. Hover a name; close the browser to stop.`);
  await new Promise<void>((done) => browser.context.on('close', () => done()));
} else {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((n) => n.startsWith('backstory-')));
  const target = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf('Alexander Lukashenko');
      if (at < 0) continue;
      (node.parentElement ?? document.body).scrollIntoView({ block: 'start' });
      window.scrollBy(0, -120);
      const range = document.createRange();
      range.setStart(node, at + 10);
      range.setEnd(node, at + 20);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  });
  if (!target) throw new Error('The demo article does not mention Lukashenko');
  await page.mouse.move(target.x - 40, target.y + 30);
  await page.mouse.move(target.x, target.y, { steps: 4 });
  await page.waitForSelector('backstory-card', { state: 'attached' });
  await page.waitForTimeout(200);
  await page.screenshot({ path: screenshotPath });
  console.log(`No display: wrote ${resolve(screenshotPath)} (the demo article with Lukashenko's card open).`);
}
await browser.close();
await server.close();
