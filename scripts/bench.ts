/**
 * npm run bench — measures Backstory against DESIGN's budgets in real Chromium, as ratios measured
 * side by side in one run (never as absolute times: these machines are shared and noisy). It
 * reports, and exits 0 whatever the figures: the bench is not a test.
 *
 *   npm run bench              every part
 *   npm run bench -- load      the built extension as a reader runs it: the budgets (scripts/bench/load.ts)
 *   npm run bench -- scan      warm, in-page scanning figures: a detail, not the budget
 *   npm run bench -- notes     the notes dashboard with 10,000 notes
 *   npm run bench -- hover     the card on screen after the hover delay
 *   npm run bench -- packs     10,000 entities of the reader's own: compile, start-up and scan, next to the bundled KB
 *
 * For the load part: BENCH_ROUNDS=5 (default 3), BENCH_PAGES=article,frames,dense (some pages only; keys
 * in scripts/bench/pages.ts), BENCH_SAVE_PROFILES=DIR (each load's .cpuprofile, to open in DevTools).
 */
import { benchHover } from './bench/hover';
import { benchLoad } from './bench/load';
import { benchNotesDashboard } from './bench/notes';
import { benchPacks } from './bench/packs';
import { verdictCount } from './bench/report';
import { benchWarm } from './bench/warm';

const PARTS: Record<string, () => Promise<void>> = {
  load: benchLoad,
  scan: benchWarm,
  notes: benchNotesDashboard,
  hover: benchHover,
  packs: benchPacks,
};

const only = process.argv[2];
if (only && !PARTS[only]) {
  console.error(`Unknown part "${only}": one of ${Object.keys(PARTS).join(', ')}, or none for all.`);
  process.exit(1);
}
const took: string[] = [];
for (const [name, part] of Object.entries(PARTS)) {
  if (only && only !== name) continue;
  const started = Date.now();
  await part();
  took.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
const { pass, over } = verdictCount();
console.log(`\n${pass + over ? `Budget lines: ${pass} PASS, ${over} OVER. ` : ''}Time taken: ${took.join(', ')}.`);
