/**
 * `npm run bench -- load`: what Backstory costs a page as a reader gets it. The built extension is
 * loaded into Chromium, and each page is loaded from navigation until the marks settle, side by side
 * with an empty extension (the baseline) in alternating rounds. Measured per load:
 *  - Backstory's JS: CPU-profile samples of the page's renderer with one of its functions on the
 *    stack (its own code and the browser functions it calls), against a bare TreeWalker pass over
 *    the same page (the floor) and against the page's own load work;
 *  - the extra main-thread work: CDP Performance.getMetrics TaskDuration (and its script, layout and
 *    style parts) with Backstory minus with the empty extension;
 *  - the main thread's tasks (from a trace): the longest with and without Backstory, those over
 *    50 ms, and Backstory's part in each;
 *  - start-up: Backstory's JS before its first scan; per empty frame on a page of ad slots;
 *  - on the typical article, the first frame with a mark in the viewport after DOMContentLoaded.
 * Times are the page's main-thread thread (CPU) time where the browser gives it (task time, and the
 * profile's samples scaled by their task's thread time over wall time), so that a busy machine does
 * not lengthen them. The numbers are reported next to DESIGN's budgets; nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION_DIR, type LaunchedBrowser, launchWithExtension } from '../launch';
import { type PageServer, startPageServer } from '../page-server';
import { makeEmptyExtension } from './empty-extension';
import { type LoadPage, loadPages, STATIC_MS } from './pages';
import { BARE_PASS, BARE_PASS_NAME, probeScript } from './probe';
import { type CpuProfile, readLoadProfile, type TraceEvent, taskStats } from './profile';
import { line, median, ms, percent, spread, times } from './report';
import { readSourceMap, type SourceMapLookup } from './source-map';

/** Profiler sampling interval, µs (Chromium samples somewhat less often than asked on a busy thread). */
const SAMPLING_US = 200;
const MAX_SETTLE_MS = 30_000;
const CONTENT_SCRIPT = 'content-scripts/content.js';

interface Variant {
  name: 'backstory' | 'empty';
  launched: LaunchedBrowser;
  extensionUrl: string;
}

interface LoadRun {
  /** Backstory's JS (ms of profile samples, in thread time), and the same in wall time. */
  ext: number;
  extWall: number;
  /** Garbage collection on the main thread (ms, thread time). */
  gc: number;
  extSelf: number;
  byFunction: Map<string, number>;
  startup: number | null;
  evaluation: number | null;
  longestTask: number;
  over50: number;
  longestExt: number;
  madeLong: number;
  /** Main-thread time from navigation to settled (ms), from Performance.getMetrics. */
  task: number;
  script: number;
  layout: number;
  style: number;
  marks: number;
  settled: boolean;
  /** DOMContentLoaded after navigation start (ms, wall time). */
  dcl: number;
  /** The first bare pass over the settled page (the floor; also in thread time), the median of five more (warm), its text. */
  bare: { ms: number; cpu: number; warm: number; chars: number; nodes: number } | null;
  driven: Record<string, number>;
}

type Metrics = Record<string, number>;

const metricsOf = (result: { metrics: { name: string; value: number }[] }): Metrics =>
  Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));

/** Builds the extension again with a hidden source map; if its content script is the one measured, its map names the functions. */
function sourceMapFor(measured: Buffer): { map: SourceMapLookup | null; note: string } {
  const out = join(tmpdir(), `backstory-bench-map-${process.pid}`);
  try {
    const built = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/bench/build-with-map.ts'), out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const js = join(out, 'chrome-mv3', CONTENT_SCRIPT);
    if (built.status !== 0 || !existsSync(`${js}.map`)) {
      return { map: null, note: `no source map (the build with one failed: ${(built.stderr || built.stdout).trim().split('\n').at(-1)})` };
    }
    if (!readFileSync(js).equals(measured)) {
      return { map: null, note: 'no source map (the tree changed since `wxt build`: names are the minified ones)' };
    }
    // Sources as paths in the project (the map has them relative to the temporary build's folder).
    const raw = JSON.parse(readFileSync(`${js}.map`, 'utf8')) as { sources: string[] };
    raw.sources = raw.sources.map((source) => relative(process.cwd(), resolve(dirname(js), source)));
    return { map: readSourceMap(JSON.stringify(raw)), note: 'functions named through the source map of an identical build' };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Ends the trace and reads it: only what the bench uses (tasks and thread names) is kept. */
async function endTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) return [];
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  return events.filter((e) => (e.ph === 'X' && e.name === 'RunTask') || (e.ph === 'M' && e.name === 'thread_name'));
}

async function settle(tab: Page, quietMs: number): Promise<{ settled: boolean; marks: number }> {
  return (await tab.evaluate(`window.__bench.settle(${quietMs}, ${MAX_SETTLE_MS})`)) as { settled: boolean; marks: number };
}

async function measureLoad(
  variant: Variant,
  server: PageServer,
  page: LoadPage,
  sourceMap: SourceMapLookup | null,
  withBare: boolean,
): Promise<LoadRun> {
  const { context } = variant.launched;
  const tab = await context.newPage();
  await tab.addInitScript(probeScript({ watchViewport: false }));
  // A same-origin page first: the renderer that will show the page is already there when profiling starts.
  await tab.goto(server.url('/blank.html'));
  const cdp = await context.newCDPSession(tab);
  // Thread time, not wall time: on a shared machine, other processes would otherwise lengthen the page's tasks.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Tracing.start', { categories: '__metadata,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  const before = metricsOf(await cdp.send('Performance.getMetrics'));
  await cdp.send('Profiler.start');

  await tab.goto(server.url(page.path), { waitUntil: 'commit' });
  // Only Backstory waits before it reads changes: the empty extension's page is settled after the usual quiet.
  const quiet = (ms: number) => (variant.name === 'empty' ? Math.min(ms, STATIC_MS) : ms);
  let state = await settle(tab, quiet(page.quietMs));
  let driven: Record<string, number> = {};
  if (page.drive) {
    driven = await page.drive.run(tab);
    state = await settle(tab, quiet(page.drive.quietMs));
  }

  const after = metricsOf(await cdp.send('Performance.getMetrics'));
  const dcl = (await tab.evaluate('window.__bench.dcl')) as number;
  // The first pass over the page is the floor (every reader of the page pays one), taken while the
  // profiler and the trace still run, so that its task's thread time is known; warm passes are a detail.
  const first = withBare ? ((await tab.evaluate(BARE_PASS)) as { ms: number; chars: number; nodes: number }) : null;
  const { profile } = await cdp.send('Profiler.stop');
  const trace = await endTrace(cdp);
  let bare: LoadRun['bare'] = null;
  if (first) {
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(((await tab.evaluate(BARE_PASS)) as { ms: number }).ms);
    bare = { ...first, cpu: first.ms, warm: median(warm) };
  }
  if (process.env.BENCH_SAVE_PROFILES) {
    const name = `${page.key}-${variant.name}-${Date.now()}`;
    mkdirSync(process.env.BENCH_SAVE_PROFILES, { recursive: true });
    writeFileSync(join(process.env.BENCH_SAVE_PROFILES, `${name}.cpuprofile`), JSON.stringify(profile));
    writeFileSync(join(process.env.BENCH_SAVE_PROFILES, `${name}.trace.json`), JSON.stringify({ traceEvents: trace }));
  }
  await cdp.detach();
  await tab.close();

  const read = readLoadProfile(profile as CpuProfile, trace, { extensionUrl: variant.extensionUrl, sourceMap, marker: BARE_PASS_NAME });
  const tasks = taskStats(read.tasks);
  if (bare) bare.cpu = bare.ms * read.markerCpuShare;
  const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return {
    ext: read.extMs,
    extWall: read.extWallMs,
    gc: read.gcMs,
    extSelf: read.extSelfMs,
    byFunction: read.byFunction,
    startup: read.startupMs,
    evaluation: read.evaluationMs,
    longestTask: tasks.longestMs,
    over50: tasks.over50,
    longestExt: tasks.longestExtMs,
    madeLong: tasks.madeLong,
    task: delta('TaskDuration'),
    script: delta('ScriptDuration'),
    layout: delta('LayoutDuration'),
    style: delta('RecalcStyleDuration'),
    marks: state.marks,
    settled: state.settled,
    dcl,
    bare,
    driven,
  };
}

/** The first frame with a mark in the viewport, after DOMContentLoaded (no profiler running). */
async function firstMarks(variant: Variant, server: PageServer, path: string): Promise<number> {
  const tab = await variant.launched.context.newPage();
  await tab.addInitScript(probeScript({ watchViewport: true }));
  await tab.goto(server.url(path), { waitUntil: 'commit' });
  await settle(tab, STATIC_MS);
  const at = (await tab.evaluate('window.__bench.firstMarksInViewport')) as number;
  await tab.close();
  return at < 0 ? Number.POSITIVE_INFINITY : at;
}

const collect = <K extends keyof LoadRun>(runs: LoadRun[], key: K) => runs.map((run) => run[key] as number);

export async function benchLoad(rounds = Number(process.env.BENCH_ROUNDS ?? 3)): Promise<void> {
  const started = Date.now();
  const loadStart = loadavg()[0]!.toFixed(1);
  const contentScript = readFileSync(join(EXTENSION_DIR, CONTENT_SCRIPT));
  const { map, note: mapNote } = sourceMapFor(contentScript);
  const emptyDir = await makeEmptyExtension(EXTENSION_DIR);
  const server = await startPageServer(resolve('tests/fixtures/pages'));
  // BENCH_PAGES=article,dense measures some pages only (the frames page needs the article too).
  const only = process.env.BENCH_PAGES?.split(',');
  const pages = loadPages(server).filter((page) => !only || only.includes(page.key));
  const open = async (name: Variant['name'], extensionDir: string): Promise<Variant> => {
    const launched = await launchWithExtension({ extensionDir });
    return { name, launched, extensionUrl: `chrome-extension://${launched.extensionId}/` };
  };
  const backstory = await open('backstory', EXTENSION_DIR);
  const empty = await open('empty', emptyDir);
  const version = backstory.launched.context.browser()?.version() ?? '?';

  const runs = new Map<string, { backstory: LoadRun[]; empty: LoadRun[] }>(pages.map((p) => [p.key, { backstory: [], empty: [] }]));
  // One load of each kind first, so that no round pays for the browser's first page.
  await measureLoad(backstory, server, pages[0]!, map, false);
  await measureLoad(empty, server, pages[0]!, map, false);
  for (let round = 0; round < rounds; round++) {
    for (const page of pages) {
      const order = round % 2 === 0 ? [backstory, empty] : [empty, backstory];
      for (const variant of order) {
        process.stderr.write(`\rload bench: round ${round + 1} of ${rounds}, ${page.key} (${variant.name})`.padEnd(70));
        runs.get(page.key)![variant.name].push(await measureLoad(variant, server, page, map, variant.name === 'empty'));
      }
    }
  }
  const firstMarkPages = pages.filter((p) => p.firstMarks);
  const firstMarkTimes = new Map<string, number[]>();
  for (const page of firstMarkPages) {
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) times.push(await firstMarks(backstory, server, page.path));
    firstMarkTimes.set(page.key, times);
  }
  process.stderr.write(`\r${''.padEnd(70)}\r`);
  await backstory.launched.close();
  await empty.launched.close();
  await server.close();
  await rm(emptyDir, { recursive: true, force: true });

  const gzipped = gzipSync(contentScript).length / 1024;
  console.log('\n== Load: the built extension as a reader runs it (the budgets) ==');
  console.log(
    `Chromium ${version}, headless, 1280×800; load average ${loadStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end (${cpus().length} cores).\n` +
      'Backstory (.output/chrome-mv3) against an empty extension (a no-op content script with the same matches, frames and run_at).\n' +
      'Each page from navigation until it settles: loaded, marks unchanged and the main thread idle for 0.5 s (3.5 s after the\n' +
      'last change on pages that keep changing, which Backstory watches with delays of up to 3 s).\n' +
      `Medians of ${rounds} alternating rounds, [ranges over rounds]. Times are the main thread's thread (CPU) time, so that other\n` +
      "processes on a busy machine do not count: the page's own load work is its task time with the empty extension (CDP\n" +
      `Performance.getMetrics); Backstory JS is the CPU-profile samples (every ${SAMPLING_US} µs asked) with one of its functions on the stack,\n` +
      "its code and the browser calls it makes, each scaled by its task's thread time over wall time (trace of the main thread);\n" +
      'the bare pass is a TreeWalker reading every text node, the first pass over the settled page, scaled the same way.\n' +
      `Profiles: ${mapNote}.`,
  );
  line(
    'content script, gzipped',
    `${gzipped.toFixed(1)} KB`,
    { text: '<= 60 KB', ok: gzipped <= 60 },
    `raw ${(contentScript.length / 1024).toFixed(1)} KB`,
  );

  let emptyJs = 0;
  for (const page of pages) {
    const { backstory: ours, empty: base } = runs.get(page.key)!;
    emptyJs = Math.max(emptyJs, ...collect(base, 'ext'));
    const bare = base.map((run) => run.bare!.cpu);
    const ext = collect(ours, 'ext');
    const own = collect(base, 'task');
    const extra = ours.map((run, i) => run.task - base[i]!.task);
    const extraShare = extra.map((e, i) => e / own[i]!);
    const stats = base[0]!.bare!;
    const unsettled = [...ours, ...base].filter((run) => !run.settled).length;
    console.log(
      `\n${page.title}: ${(stats.chars / 1000).toFixed(0)} K characters in ${stats.nodes.toLocaleString('en')} text nodes; ` +
        `${median(collect(ours, 'marks')).toLocaleString('en')} marks` +
        (unsettled ? ` (${unsettled} loads did not settle within ${MAX_SETTLE_MS / 1000} s)` : ''),
    );
    const ratio = ext.map((e, i) => e / bare[i]!);
    const budget = page.jsBudget;
    const wall = `wall time ${ms(median(collect(ours, 'extWall')))} / ${ms(median(base.map((run) => run.bare!.ms)))}`;
    line(
      '  Backstory JS / bare pass',
      times(median(ratio)),
      budget && { text: `<= ${budget.ratio}x`, ok: median(ratio) <= budget.ratio },
      `${ms(median(ext))} / ${ms(median(bare))}${spread(ratio, times)}; ${wall}; a warm bare pass ${ms(median(base.map((run) => run.bare!.warm)))}` +
        (budget ? '' : '; no budget for this page'),
    );
    line(
      "  Backstory JS / page's own load work",
      percent(median(ext) / median(own)).replace('+', ''),
      undefined,
      `${ms(median(ext))} of ${ms(median(own))}; self time in its own functions ${ms(median(collect(ours, 'extSelf')))}; ` +
        `not counted: garbage collection ${ms(median(collect(ours, 'gc')))} against ${ms(median(collect(base, 'gc')))}`,
    );
    const part = (key: 'script' | 'layout' | 'style') => ms(median(ours.map((run, i) => run[key] - base[i]![key])));
    line(
      "  extra main-thread work / page's own",
      percent(median(extraShare)),
      { text: '<= 10%', ok: median(extraShare) <= 0.1 },
      `${ms(median(extra))} more${spread(extraShare, percent)}; of it script ${part('script')}, layout ${part('layout')}, style ${part('style')}`,
    );
    const worstExt = Math.max(...collect(ours, 'longestExt'));
    const madeLong = Math.max(...collect(ours, 'madeLong'));
    line(
      '  longest Backstory JS in one task (worst load)',
      ms(worstExt),
      { text: '<= 50 ms', ok: worstExt <= 50 && madeLong === 0 },
      `tasks it made long (over 50 ms, and not without its part): ${madeLong}`,
    );
    line(
      '  tasks over 50 ms, with / without Backstory',
      `${median(collect(ours, 'over50'))} / ${median(collect(base, 'over50'))}`,
      undefined,
      `longest task ${ms(median(collect(ours, 'longestTask')))} / ${ms(median(collect(base, 'longestTask')))}`,
    );
    line(
      '  DOMContentLoaded, with / without',
      `${median(collect(ours, 'dcl')).toFixed(0)} / ${median(collect(base, 'dcl')).toFixed(0)} ms`,
      undefined,
      'after navigation start, wall time',
    );
    if (page.firstMarks) {
      const startup = ours.map((run) => run.startup ?? Number.NaN);
      line(
        '  start-up: Backstory JS before its first scan',
        ms(median(startup)),
        { text: '<= 5 ms', ok: median(startup) <= 5 },
        `of which evaluating the script ${ms(median(ours.map((run) => run.evaluation ?? Number.NaN)))}${spread(startup, ms)}`,
      );
      const at = firstMarkTimes.get(page.key)!;
      line(
        '  first marks in viewport after DOMContentLoaded',
        ms(median(at)),
        { text: '<= 100 ms', ok: median(at) <= 100 },
        `the first frame with one, wall time; ${rounds} loads without the profiler${spread(at, ms)}`,
      );
    }
    if (page.frames && runs.has(page.frames.samePageWithout)) {
      const without = collect(runs.get(page.frames.samePageWithout)!.backstory, 'ext');
      const perFrame = ext.map((e, i) => (e - without[i]!) / page.frames!.count);
      line(
        '  Backstory JS per empty frame',
        ms(median(perFrame)),
        { text: '<= 1 ms', ok: median(perFrame) <= 1 },
        `(with ${page.frames.count} frames − without) / ${page.frames.count}: ${ms(median(ext))} against ${ms(median(without))}${spread(perFrame, ms)}`,
      );
    }
    if (page.key === 'storm') {
      const ticks = ours.map((run) => run.driven.ticks!);
      const ticksWithout = base.map((run) => run.driven.ticks!);
      line(
        '  ticks of the 4 ms timer in 3 s, with / without',
        `${median(ticks)} / ${median(ticksWithout)}`,
        undefined,
        `${percent(median(ticks) / median(ticksWithout) - 1)} with Backstory` +
          (rounds > 1 ? `; rounds: with${spread(ticks, String)}, without${spread(ticksWithout, String)}` : ''),
      );
    }
    if (page.key === 'scroll') console.log(`  (the feed grew to ${median(ours.map((run) => run.driven.sections!))} sections)`);
    const total = new Map<string, number>();
    for (const run of ours) for (const [name, time] of run.byFunction) total.set(name, (total.get(name) ?? 0) + time / ours.length);
    const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(`  top self time per load: ${top.map(([name, time]) => `${name} ${ms(time)}`).join('; ')}`);
  }
  console.log(
    `\n(The empty extension's content script: at most ${ms(emptyJs)} of JS on any load. The load part took ${((Date.now() - started) / 1000).toFixed(0)} s.)`,
  );
}
