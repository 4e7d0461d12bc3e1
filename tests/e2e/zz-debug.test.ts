import { it } from 'vitest';
import { useSession } from './harness';
const session = useSession();
const t = (p: Promise<unknown>, ms = 3000) => Promise.race([p, new Promise((r) => setTimeout(() => r('TIMEOUT'), ms))]);
it('debug', async () => {
  const s = session();
  const page = await s.open('/demo-article.html');
  console.log('eval0', await t(page.evaluate(() => scrollY)));
  const r = await s.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return await chrome.tabs.sendMessage(tab!.id!, { id: 1, type: 'showMention', data: 'ales-bialiatski', timestamp: Date.now() }, { frameId: 0 }).then((x) => JSON.stringify(x), (e) => String(e));
  });
  console.log('direct from SW', r);
  console.log('eval1', await t(page.evaluate(() => [scrollY, !!document.querySelector('backstory-card')])));
  const popup = await s.openPopup(page);
  console.log('eval2', await t(page.evaluate(() => [scrollY, !!document.querySelector('backstory-card')])));
  await popup.locator('[data-entity="ales-bialiatski"]').waitFor();
  console.log('eval3', await t(page.evaluate(() => [scrollY, !!document.querySelector('backstory-card')])));
  await popup.close();
  console.log('eval4', await t(page.evaluate(() => [scrollY, !!document.querySelector('backstory-card')])));
}, 30000);
