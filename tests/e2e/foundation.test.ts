/** The first promise to a reader: names on a news page light up, and hovering one shows its card. */
import { describe, expect, it } from 'vitest';
import { hoverText, markCount, readCard, screenshot, useSession, waitForCard, waitForNoCard } from './harness';

const session = useSession();

describe('the demo article', () => {
  it('marks the names it mentions', async () => {
    const page = await session().open('/demo-article.html');
    expect(await markCount(page)).toBeGreaterThan(20);
    await page.close();
  });

  it.each([
    ['Lukashenko', 'alexander-lukashenko', /President of Belarus/],
    ['Tsikhanouskaya', 'sviatlana-tsikhanouskaya', /Tsikhanouskaya/],
    ['Bialiatski', 'ales-bialiatski', /Nobel/],
  ])('hovering "%s" shows the card of %s', async (word, entity, content) => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, word, 1);
    const card = await waitForCard(page, entity);
    expect(card.hosts).toBe(1);
    expect(card.text).toMatch(content);
    await screenshot(page, `card-${entity}`);
    await page.close();
  });

  it('hovering a plain word shows no card', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'pragmatic');
    await page.waitForTimeout(900);
    expect(await readCard(page)).toBeNull();
    await page.close();
  });

  it('closes the card on Escape and when the pointer leaves', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    await hoverText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await page.mouse.move(5, 5, { steps: 3 });
    await waitForNoCard(page);
    await page.close();
  });
});

describe('the popup', () => {
  it('renders the master switch and the entities on the page', async () => {
    const page = await session().open('/demo-article.html');
    const popup = await session().openPopup(page);
    const master = popup.getByRole('switch', { name: 'Backstory', exact: true });
    await expect(master.getAttribute('aria-checked')).resolves.toBe('true');
    await popup.locator('[data-entity="alexander-lukashenko"]').waitFor();
    await screenshot(popup, 'popup');
    await master.click();
    await page.waitForFunction(() => ![...CSS.highlights.keys()].some((n) => n.startsWith('backstory-')));
    await master.click();
    await page.waitForFunction(() => [...CSS.highlights.keys()].some((n) => n.startsWith('backstory-')));
    await popup.close();
    await page.close();
  });
});
