/**
 * `npm run bench -- scan`: warm, in-page figures, a detail and not the budget. The scanning code is
 * bundled into a plain page (no extension) and a warm PageMentions.scan() is timed against a bare
 * TreeWalker pass, with the bundled KB and a 10,000-name KB; plus mark.js on the same page for scale.
 * What a reader pays (start-up, every frame, the page still loading) is the load part's (load.ts).
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildMatcherData } from '../../lib/match';
import type { PublishedMatcherData } from '../../lib/match/tables';
import { requireChromium } from '../chromium';
import { QUIET_CHROMIUM_ARGS } from '../launch';
import { startPageServer } from '../page-server';
import { makeBenchPage } from './make-page';
import { line, median, times } from './report';
import { withSyntheticNames } from './synthetic-kb';

const ROUNDS = 5;

/** The in-page bench code (scripts/bench/page-entry.ts), bundled to inject into a page. */
export async function bundleBenchCode(): Promise<string> {
  const result = await build({
    entryPoints: [resolve('scripts/bench/page-entry.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome120',
  });
  return result.outputFiles[0]!.text;
}

type BenchApi = {
  barePass(): number;
  backstoryPass(data: PublishedMatcherData): { ms: number; mentions: number };
  slicedPass(data: PublishedMatcherData): Promise<{ longestSliceMs: number; slices: number }>;
};

async function timeBare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const api = (window as unknown as { backstoryBench: BenchApi }).backstoryBench;
    const started = performance.now();
    api.barePass();
    return performance.now() - started;
  });
}

async function timeBackstory(page: Page, data: PublishedMatcherData): Promise<{ ms: number; mentions: number }> {
  return page.evaluate((data) => (window as unknown as { backstoryBench: BenchApi }).backstoryBench.backstoryPass(data), data);
}

export async function benchWarm(): Promise<void> {
  const kb = loadKnowledgeBase();
  const bundled = buildMatcherData(kb).data;
  const big = buildMatcherData(withSyntheticNames(kb, 10_000)).data;
  const pages = { typical: makeBenchPage(1_000_000, 0.08), dense: makeBenchPage(1_000_000, 1) };
  const code = await bundleBenchCode();

  const server = await startPageServer(resolve('tests/fixtures/pages'));
  for (const [name, html] of Object.entries(pages)) {
    server.route(`/${name}.html`, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  }
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: QUIET_CHROMIUM_ARGS,
  });
  const measure = async (name: string) => {
    const page = await browser.newPage();
    await page.goto(server.url(`/${name}.html`));
    await page.addScriptTag({ content: code });
    const stats = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let textNodes = 0;
      while (walker.nextNode()) textNodes++;
      return { textChars: document.body.innerText.length, textNodes, elements: document.body.getElementsByTagName('*').length };
    });
    // Warm up both paths (JIT, style), then alternate them so that noise hits both alike.
    await timeBare(page);
    await timeBackstory(page, bundled);
    await timeBackstory(page, big);
    const bare: number[] = [];
    const ours: number[] = [];
    const oursBig: number[] = [];
    let mentions = 0;
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await timeBare(page));
      const run = await timeBackstory(page, bundled);
      ours.push(run.ms);
      mentions = run.mentions;
      oursBig.push((await timeBackstory(page, big)).ms);
    }
    const sliced = await page.evaluate(
      (data) => (window as unknown as { backstoryBench: BenchApi }).backstoryBench.slicedPass(data),
      bundled,
    );
    const slicedBig = await page.evaluate(
      (data) => (window as unknown as { backstoryBench: BenchApi }).backstoryBench.slicedPass(data),
      big,
    );
    await page.close();
    return { name, stats, mentions, bare: median(bare), ours: median(ours), big: median(oursBig), sliced, slicedBig };
  };
  const results = [await measure('typical'), await measure('dense')];

  // mark.js on the same page (a fresh copy), with the same kind of names.
  const markPage = await browser.newPage();
  await markPage.goto(server.url('/dense.html'));
  await markPage.addScriptTag({ path: resolve('node_modules/mark.js/dist/mark.min.js') });
  const keywords = [...new Set(kb.entities.flatMap((e) => e.names.map((n) => n.text)))].slice(0, 40);
  // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
  const markMs = (await markPage.evaluate(`new Promise((done) => {
    const started = performance.now();
    new window.Mark(document.body).mark(${JSON.stringify(keywords)}, {
      separateWordSearch: false,
      accuracy: 'exactly',
      done: () => done(performance.now() - started),
    });
  })`)) as number;

  console.log('\n== Warm, in-page (a detail, not the budget) ==');
  console.log(
    'The scanning code bundled into a plain page (no extension): a warm PageMentions.scan() plus drawing, against a bare\n' +
      `TreeWalker pass in the same page. Bundled KB: ${bundled.phraseCount} spellings; large KB: ${big.phraseCount}. Medians of ${ROUNDS} alternating rounds.`,
  );
  for (const r of results) {
    console.log(
      `\n${r.name} page: ${(r.stats.textChars / 1e6).toFixed(2)} M characters of text, ${r.stats.textNodes} text nodes, ${r.stats.elements} elements, ${r.mentions} mentions`,
    );
    line(
      '  warm scan + highlight / bare TreeWalker pass',
      times(r.ours / r.bare),
      undefined,
      `${r.ours.toFixed(1)} ms / ${r.bare.toFixed(1)} ms`,
    );
    line(
      '  10,000-name KB / bundled KB',
      `${(r.big / r.ours).toFixed(2)}x`,
      { text: '<= 1.3x', ok: r.big / r.ours <= 1.3 },
      `${r.big.toFixed(1)} ms with 10,000 names`,
    );
    line('  longest warm slice, bundled KB', `${r.sliced.longestSliceMs.toFixed(1)} ms`, undefined, `${r.sliced.slices} slices`);
    line('  longest warm slice, 10,000-name KB', `${r.slicedBig.longestSliceMs.toFixed(1)} ms`, undefined, `${r.slicedBig.slices} slices`);
  }
  const dense = results[1]!;
  console.log('');
  line(
    `mark.js (${keywords.length} names) / Backstory (${bundled.phraseCount}), dense`,
    times(markMs / dense.ours),
    undefined,
    `mark.js ${markMs.toFixed(0)} ms, for scale`,
  );

  await browser.close();
  await server.close();
}
