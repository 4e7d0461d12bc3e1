/** The detection engine on real pages: split names, skipped regions, shadow DOM, frames, pages that change. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { hoverText, markedTexts, marks, readCard, useSession, waitForCard, waitForMarks } from './harness';
import type { Page } from 'playwright-core';

const session = useSession();

const count = (texts: string[], text: string) => texts.filter((t) => t === text).length;

async function waitForMarkText(page: Page, text: string, present = true): Promise<void> {
  await expect.poll(async () => (await markedTexts(page)).includes(text), { timeout: 8_000, interval: 100 }).toBe(present);
}

describe('a static page', () => {
  it('finds names split by inline markup, but never across paragraphs', async () => {
    const page = await session().open('/detection.html');
    const texts = await markedTexts(page);
    expect(texts).toContain('Sviatlana Tsikhanouskaya');
    expect(count(texts, 'Ales Bialiatski')).toBe(1); // in #split; "Ales</p><p>Bialiatski" is two paragraphs
    expect(texts).toContain('Bialiatski');
    await page.close();
  });

  it('marks possessives without the suffix, and Cyrillic names in their declined forms', async () => {
    const page = await session().open('/detection.html');
    const texts = await markedTexts(page);
    for (const name of ['Аляксандр Лукашэнка', 'Святлана Ціханоўская', 'Тихановской', 'Лукашенко']) expect(texts).toContain(name);
    await page.close();
  });

  it('skips scripts, styles, form fields, code, editable and hidden regions, and look-alikes', async () => {
    const page = await session().open('/detection.html');
    const texts = await markedTexts(page);
    // Only the two in the possessive paragraph: none from the skipped regions.
    expect(count(texts, 'Lukashenko')).toBe(2);
    for (const lookAlike of ['trump', 'Alexander', 'Wagner']) expect(texts).not.toContain(lookAlike);
    await page.close();
  });

  it('reads open shadow roots and same-origin frames', async () => {
    const page = await session().open('/detection.html');
    const all = await marks(page);
    expect(all.map((m) => m.text)).toContain('Viasna');
    const frame = page.frames().find((f) => f.url().endsWith('/detection-frame.html'))!;
    await waitForMarks(frame as unknown as Page);
    expect(await markedTexts(frame)).toContain('Sviatlana Tsikhanouskaya');
    await page.close();
  });
});

describe('a plain-text file', () => {
  it('is read as text (the browser shows it as one <pre>): names across a line break too, with cards', async () => {
    const page = await session().open('/field-notes.txt');
    const texts = await markedTexts(page);
    for (const name of ['Minsk', 'Viasna', 'Ales Bialiatski']) expect(texts).toContain(name);
    // The file wraps a name over two lines, as plain text often does.
    expect(texts).toContain('Sviatlana\nTsikhanouskaya');
    // A lower-case word in a pasted command is not a mention.
    expect(texts.some((t) => t.toLowerCase() === 'lukashenko')).toBe(false);
    await hoverText(page, 'Viasna');
    await waitForCard(page, 'viasna');
    await page.close();
  });

  it('a <pre> on an HTML page is still left alone, also when it arrives later', async () => {
    const page = await session().open('/detection.html');
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<pre>Sample output: Bialiatski, Viasna</pre>'));
    await page.waitForTimeout(1000);
    expect(await marksInside(page, 'pre')).toBe(0);
    await page.close();
  });
});

/** Marks whose text sits inside an element matching `selector`. */
async function marksInside(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    let found = 0;
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('backstory-')) continue;
      for (const r of highlight as unknown as Iterable<AbstractRange>) if (r.startContainer.parentElement?.closest(selector)) found++;
    }
    return found;
  }, selector);
}

describe('a page that changes', () => {
  it('leaves what a person types into an editor unmarked', async () => {
    const page = await session().open('/detection.html');
    const editor = page.locator('[contenteditable="true"]');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' and Bialiatski, and Viasna', { delay: 20 });
    await expect.poll(() => editor.textContent()).toContain('Viasna');
    await page.waitForTimeout(1000);
    expect(await marksInside(page, '[contenteditable="true"]')).toBe(0);
    await page.close();
  });

  it('marks content added after load, and unmarks text that changes', async () => {
    const page = await session().open('/detection.html');
    await page.click('#load-more');
    await waitForMarkText(page, 'Keith Kellogg');
    expect(count(await markedTexts(page), 'Lukashenko')).toBe(3);
    await page.evaluate(() => {
      document.querySelector('#changing')!.firstChild!.textContent = 'The envoy met nobody at all.';
    });
    await waitForMarkText(page, 'Maria Kalesnikava', false);
    await page.evaluate(() => document.querySelector('#feed')!.replaceChildren());
    await waitForMarkText(page, 'Keith Kellogg', false);
    await page.close();
  });

  it('follows single-page-app navigation', async () => {
    const page = await session().open('/spa.html', { marked: false });
    await page.click('text=Story');
    await waitForMarkText(page, 'Ales Bialiatski');
    await page.click('text=Home');
    await waitForMarkText(page, 'Ales Bialiatski', false);
    await page.close();
  });

  it('hit-tests correctly after scrolling, resizing and zooming', async () => {
    const page = await session().open('/detection.html');
    await page.click('#load-more');
    await waitForMarkText(page, 'Keith Kellogg');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await hoverText(page, 'Kellogg');
    await waitForCard(page, 'keith-kellogg');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 700, height: 600 });
    await page.evaluate(() => ((document.body.style as CSSStyleDeclaration & { zoom: string }).zoom = '1.4'));
    await hoverText(page, 'Tsikhanouskaya');
    await waitForCard(page, 'sviatlana-tsikhanouskaya');
    await page.close();
  });
});

describe('switching Backstory off and on', () => {
  it('removes every mark at once, and brings them back, with no reload', async () => {
    const page = await session().open('/detection.html');
    const before = (await marks(page)).length;
    const setEnabled = (enabled: boolean) =>
      session().serviceWorker.evaluate(async (enabled) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings ?? {}), enabled } });
      }, enabled);
    await setEnabled(false);
    await expect.poll(async () => (await marks(page)).length).toBe(0);
    await setEnabled(true);
    await expect.poll(async () => (await marks(page)).length).toBe(before);
    await page.close();
  });
});

describe('what real pages show: source white space, language menus, honorifics, names inside events', () => {
  /** Switches a topic on or off (undefined: back to its default), as the popup would. */
  const setTopic = (topic: string, on: boolean | undefined) =>
    session().serviceWorker.evaluate(
      async ([topic, on]) => {
        const { settings } = await chrome.storage.local.get('settings');
        const topics = { ...((settings as { topics?: Record<string, boolean> } | undefined)?.topics ?? {}) };
        if (on === undefined) delete topics[topic as string];
        else topics[topic as string] = on as boolean;
        await chrome.storage.local.set({ settings: { ...(settings ?? {}), topics } });
      },
      [topic, on] as const,
    );
  const squash = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, ' '));

  it('reads a name broken over a line of indented source as one name, but not where white space is kept', async () => {
    const page = await session().open('/indented.html');
    await waitForMarkText(page, 'Tsikhanouskaya');
    const texts = await markedTexts(page);
    expect(squash(texts)).toContain('State Department');
    expect(squash(texts)).toContain('Vladimir Putin');
    expect(texts).not.toContain('Putin'); // the whole name, not its last word alone
    expect(squash(texts)).toContain('Maria Kalesnikava');
    // In `white-space: pre` the line break and the indentation are real: the surname is marked alone.
    expect(texts.some((t) => t.includes('Sviatlana'))).toBe(false);
    await page.close();
  });

  it('leaves a language menu alone: "Polski" in a list of languages is not Poland', async () => {
    await setTopic('places', true);
    onTestFinished(() => setTopic('places', undefined));
    const page = await session().open('/language-menu.html');
    await waitForMarkText(page, 'Poland');
    const texts = await markedTexts(page);
    expect(texts).toContain('Lithuania');
    expect(texts).not.toContain('Polski');
    await page.close();
  });

  it('blocks a link when the title does not fit: "Ms. Trump" is not Donald Trump, "Mr. Trump" is', async () => {
    const page = await session().open('/honorific.html');
    const texts = await markedTexts(page);
    expect(texts).toContain('Donald Trump');
    expect(texts.filter((t) => t === 'Trump')).toHaveLength(1);
    expect(texts.some((t) => t.includes('Lukashenko'))).toBe(false); // "Mrs. Lukashenko" is not him
    await hoverText(page, 'Trump', 0); // "Ms. Trump"
    await page.waitForTimeout(1000);
    expect(await readCard(page)).toBeNull();
    await hoverText(page, 'Trump', 2); // "Mr. Trump"
    await waitForCard(page, 'donald-trump');
    await page.close();
  });

  it('draws the event around a name, and lists the name on the page too', async () => {
    await setTopic('places', true);
    onTestFinished(() => setTopic('places', undefined));
    const page = await session().open('/honorific.html');
    await waitForMarkText(page, 'full-scale invasion of Ukraine');
    expect(await markedTexts(page)).not.toContain('Ukraine');
    const popup = await session().openPopup(page);
    await popup.locator('.entity-list [data-entity="russian-invasion-of-ukraine"]').waitFor();
    await popup.locator('.entity-list [data-entity="ukraine"]').waitFor();
    await popup.close();
    await page.close();
  });
});
