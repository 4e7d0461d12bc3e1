import { it } from 'vitest';
import { useSession } from './harness';
const session = useSession();
it('debug', async () => {
  const s = session();
  const page = await s.open('/demo-article.html');
  const popup = await s.openPopup(page);
  await popup.locator('[data-entity="ales-bialiatski"]').waitFor();
  console.log(await popup.evaluate(() => ['.entity-name', '.entity-type', '.switch-text span', '.switch-description', 'h1', '.popup', 'body', 'html'].map((sel) => { const e = document.querySelector(sel)!; const cs = getComputedStyle(e); return sel + ' ' + cs.fontSize + ' ' + cs.fontFamily + ' ' + cs.zoom; }).join('\n')));
  console.log(await popup.evaluate(() => devicePixelRatio));
}, 40000);
