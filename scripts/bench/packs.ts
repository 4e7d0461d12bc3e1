/**
 * `npm run bench -- packs`: 10,000 entities of the reader's own, next to the bundled knowledge base alone. What it
 * costs to compile the matcher data in the service worker (where it runs, never in a page), what a frame's start-up
 * pays for the larger data (reading it from storage, building its matcher), and what scanning a page costs with it.
 * The entities are installed through the dashboard's own message, as an import of a pack file would install them.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildMatcherData } from '../../lib/match';
import type { PublishedMatcherData } from '../../lib/match/tables';
import { mergePacks } from '../../lib/packs/convert';
import { emptyPersonalPack, PERSONAL_TOPIC } from '../../lib/packs/personal';
import type { Pack } from '../../lib/packs/schema';
import { launchWithExtension } from '../launch';
import { startPageServer } from '../page-server';
import { makeBenchPage } from './make-page';
import { line, median, ms, times } from './report';
import { wordFor } from './synthetic-kb';
import { bundleBenchCode } from './warm';

const ENTITIES = 10_000;
const ROUNDS = 5;

/** The reader's own pack with `count` made-up people: a full name each, and every other one a surname alone too. */
export function syntheticPersonalPack(count: number): Pack {
  const pack = emptyPersonalPack('2026-12-02');
  for (let i = 0; i < count; i++) {
    const given = wordFor(i * 7 + 3);
    const surname = `${wordFor(i)}ova`;
    const name = `${given} ${surname}`;
    pack.entities.push({
      id: `person-${i}`,
      type: 'person',
      gender: 'female',
      name,
      names: [{ text: name, lang: 'en' }, ...(i % 2 ? [{ text: surname, lang: 'en', ambiguous: true as const }] : [])],
      description: `A made-up person, number ${i}.`,
      facts: [{ date: '2026-01', text: 'Made up for the bench.', source: `https://example.org/person/${i}` }],
      sources: [],
      topics: [PERSONAL_TOPIC],
    });
  }
  return pack;
}

type BenchApi = {
  barePass(): number;
  backstoryPass(data: PublishedMatcherData): { ms: number; mentions: number };
  startup(data: PublishedMatcherData): number;
};

function api(page: Page) {
  return {
    startup: (data: PublishedMatcherData) =>
      page.evaluate((data) => (window as unknown as { backstoryBench: BenchApi }).backstoryBench.startup(data), data),
    scan: (data: PublishedMatcherData) =>
      page.evaluate((data) => (window as unknown as { backstoryBench: BenchApi }).backstoryBench.backstoryPass(data), data),
  };
}

/** A page that names some of the made-up people among ordinary news text. */
function pageWithPeople(pack: Pack, count: number): string {
  const paragraphs = pack.entities
    .slice(0, count)
    .map((e, i) => `<p>On day ${i + 1}, ${e.name} spoke to reporters outside the court in Hrodna, and the hearing was adjourned.</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>People</title></head><body>${paragraphs.join('')}</body></html>`;
}

export async function benchPacks(): Promise<void> {
  const kb = loadKnowledgeBase();
  const pack = syntheticPersonalPack(ENTITIES);
  const packText = JSON.stringify(pack);

  // Node, for reference: the same pure call the service worker makes.
  let started = performance.now();
  const bundledNode = buildMatcherData(kb).data;
  const nodeBundled = performance.now() - started;
  started = performance.now();
  const bigNode = buildMatcherData(mergePacks(kb, [pack]).kb).data;
  const nodeBig = performance.now() - started;

  const launched = await launchWithExtension();
  const server = await startPageServer(resolve('tests/fixtures/pages'));
  const typical = makeBenchPage(1_000_000, 0.08);
  server.route('/typical.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(typical));
  server.route('/people.html', (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageWithPeople(pack, 40)),
  );
  const sw = launched.serviceWorker;
  type WorkerHooks = {
    backstoryMatcher: { timing(): { version: string; milliseconds: number; cached: boolean } | null; compileBundled(): number };
  };
  try {
    // Compiling the bundled KB in the service worker (the build does it for the bundled KB alone; with packs
    // the worker compiles the bundled entities too).
    const swBundled: number[] = [];
    for (let i = 0; i < 3; i++)
      swBundled.push(await sw.evaluate(() => (globalThis as unknown as WorkerHooks).backstoryMatcher.compileBundled()));

    const dash = await launched.context.newPage();
    await dash.goto(`chrome-extension://${launched.extensionId}/notes.html`);
    const readPublished = () =>
      dash.evaluate(async () => {
        const started = performance.now();
        // As a content script reads it (lib/ext/records.ts matcherDataRecord): the stored string, then parsed.
        const stored = (await chrome.storage.local.get('matcher-data'))['matcher-data'] as { version: string; json: string };
        const data = JSON.parse(stored.json) as PublishedMatcherData;
        return { ms: performance.now() - started, version: stored.version, data, chars: stored.json.length };
      });
    await dash.waitForFunction(async () => !!(await chrome.storage.local.get('matcher-data'))['matcher-data']);
    const bundledReads: number[] = [];
    let bundled = await readPublished();
    for (let i = 0; i < ROUNDS; i++) {
      bundled = await readPublished();
      bundledReads.push(bundled.ms);
    }

    // Install the 10,000 entities as the dashboard does (the dry run, then the import).
    started = Date.now();
    const send = (dryRun: boolean) =>
      dash.evaluate(
        ({ text, dryRun }) =>
          chrome.runtime.sendMessage({ id: Math.random(), type: 'importPack', data: { text, dryRun }, timestamp: Date.now() }),
        { text: packText, dryRun },
      );
    await send(true);
    const dryRunMs = Date.now() - started;
    started = Date.now();
    await send(false);
    await dash.waitForFunction(
      async (built) => {
        const version = (await chrome.storage.local.get('matcher-json-version'))['matcher-json-version'];
        return typeof version === 'string' && version.startsWith(`${built}+`);
      },
      bundled.version,
      { timeout: 120_000, polling: 200 },
    );
    const installMs = Date.now() - started;
    // The worker that compiled (the first one may have been stopped and started again in the meantime).
    const worker = launched.context.serviceWorkers().at(-1) ?? sw;
    const timing = await worker.evaluate(() => (globalThis as unknown as WorkerHooks).backstoryMatcher.timing());
    const bigReads: number[] = [];
    let big = await readPublished();
    for (let i = 0; i < ROUNDS; i++) {
      big = await readPublished();
      bigReads.push(big.ms);
    }

    // The made-up people are marked on a page, by the content script, with the published data.
    const people = await launched.context.newPage();
    await people.goto(server.url('/people.html'));
    await people
      .waitForFunction(() => (CSS.highlights.get('backstory-person') as unknown as Set<Range> | undefined)?.size === 40, undefined, {
        timeout: 30_000,
      })
      .catch(() => undefined);
    const markedPeople = await people.evaluate(() => {
      let count = 0;
      for (const [, highlight] of CSS.highlights) count += (highlight as unknown as Set<Range>).size;
      return count;
    });

    // A frame's start-up (building the matcher from the published data) and a warm scan, in a plain page.
    const code = await bundleBenchCode();
    const bench = await launched.context.newPage();
    await bench.goto(server.url('/typical.html'));
    await bench.addScriptTag({ content: code });
    const run = api(bench);
    await run.startup(bundled.data);
    await run.startup(big.data);
    await run.scan(bundled.data);
    await run.scan(big.data);
    const startBundled: number[] = [];
    const startBig: number[] = [];
    const scanBundled: number[] = [];
    const scanBig: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      startBundled.push(await run.startup(bundled.data));
      startBig.push(await run.startup(big.data));
      scanBundled.push((await run.scan(bundled.data)).ms);
      scanBig.push((await run.scan(big.data)).ms);
    }

    console.log(`\n== ${ENTITIES.toLocaleString()} entities of the reader's own, next to the bundled KB alone ==`);
    console.log(
      `Bundled KB: ${kb.entities.length} entities, ${bundledNode.phraseCount.toLocaleString()} spellings; with the pack: ${(
        kb.entities.length + ENTITIES
      ).toLocaleString()} entities, ${bigNode.phraseCount.toLocaleString()} spellings (declined forms included). Medians of ${ROUNDS} rounds.`,
    );
    line('compile, bundled KB, in the service worker', ms(median(swBundled)), undefined, `Node ${ms(nodeBundled)}`);
    line(
      `compile, bundled + ${ENTITIES.toLocaleString()}, in the service worker`,
      timing ? ms(timing.milliseconds) : '—',
      undefined,
      `Node ${ms(nodeBig)}; never in a page; cached by a hash of the packs`,
    );
    line(
      'import: dry run / install until published',
      `${(dryRunMs / 1000).toFixed(1)} s`,
      undefined,
      `install ${(installMs / 1000).toFixed(1)} s`,
    );
    line(
      'published data, bundled / with the pack',
      `${(bundled.chars / 1024).toFixed(0)} KB`,
      undefined,
      `${(big.chars / 1024).toFixed(0)} KB (${times(big.chars / bundled.chars)})`,
    );
    line(
      'start-up: read the data from storage',
      ms(median(bundledReads)),
      undefined,
      `${ms(median(bigReads))} with the pack (${times(median(bigReads) / median(bundledReads))})`,
    );
    line(
      'start-up: build the matcher from it',
      ms(median(startBundled)),
      undefined,
      `${ms(median(startBig))} with the pack (${times(median(startBig) / median(startBundled))})`,
    );
    line(
      'warm scan + highlight, 1 MB page, with the pack / bundled',
      times(median(scanBig) / median(scanBundled)),
      { text: '<= 1.3x', ok: median(scanBig) / median(scanBundled) <= 1.3 },
      `${ms(median(scanBig))} / ${ms(median(scanBundled))}`,
    );
    line('made-up people marked on a page of 40', String(markedPeople), undefined, 'by the extension, from the published data');
  } finally {
    await server.close();
    await launched.close();
  }
}
