/**
 * npm run eval — precision and recall on the labelled documents in tests/eval/, per language, per entity type
 * and per entity. Two parts (the split is described in tests/eval/README.md):
 * - tuning: tests/eval/*.jsonl — what detection is developed against; its differences are listed;
 * - held-out: tests/eval/held-out/*.jsonl — written first and never tuned against: only its figures are shown.
 * `--json` prints the figures as JSON; `--held-out-differences` lists the held-out differences too (for
 * checking labels, never for tuning).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { annotate } from '../lib/annotate';
import { evaluate, precision, recall, type EvalResult, type LabelledDocument, type Score } from '../lib/eval';
import { loadKnowledgeBase } from '../lib/kb';
import { buildMatcherData, Matcher } from '../lib/match';

export const EVAL_DIR = resolve('tests/eval');

function readJsonl(dir: string): LabelledDocument[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LabelledDocument),
    );
}

/** The tuning part: every .jsonl file directly in tests/eval. */
export function loadCorpus(dir = EVAL_DIR): LabelledDocument[] {
  return readJsonl(dir);
}

/** The held-out part: tests/eval/held-out/*.jsonl. */
export function loadHeldOut(dir = EVAL_DIR): LabelledDocument[] {
  return readJsonl(join(dir, 'held-out'));
}

/**
 * The entities the held-out part is labelled for (tests/eval/held-out/labelled-entities.json): the KB of the day it
 * was written. Entities added since are not scored there. The tuning part is kept labelled for the whole KB.
 */
export function loadScope(dir = EVAL_DIR): Set<string> {
  return new Set(JSON.parse(readFileSync(join(dir, 'held-out', 'labelled-entities.json'), 'utf8')) as string[]);
}

export interface EvalRun {
  tuning: EvalResult;
  heldOut: EvalResult;
}

/** Both parts, scored with the bundled KB and the same annotate code as the command. */
export function runEval(dir = EVAL_DIR): EvalRun {
  const kb = loadKnowledgeBase();
  const matcher = new Matcher(buildMatcherData(kb).data);
  const types = new Map(kb.entities.map((e) => [e.id, e.type]));
  const scope = loadScope(dir);
  const annotator = (text: string) => annotate(matcher, text).mentions;
  return {
    tuning: evaluate(annotator, loadCorpus(dir), { types }),
    heldOut: evaluate(annotator, loadHeldOut(dir), { types, scope }),
  };
}

const row = (name: string, s: Score) =>
  `${name.padEnd(30)} ${String(s.truePositives).padStart(5)} ${String(s.falsePositives).padStart(5)} ${String(s.falseNegatives).padStart(5)}  ${precision(s).toFixed(3)}  ${recall(s).toFixed(3)}`;

function table(title: string, scores: Map<string, Score>): string[] {
  const lines = [`${title.padEnd(30)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)}  prec.  recall`];
  for (const [key, s] of [...scores].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(row(key, s));
  return lines;
}

function report(name: string, result: EvalResult, differences: boolean, perEntity: boolean): string[] {
  const lines = [`== ${name}: ${result.documents} documents`, row('ALL', result.total), ''];
  lines.push(...table('language', result.perLanguage), '');
  lines.push(...table('entity type', result.perType), '');
  if (perEntity) lines.push(...table('entity', result.perEntity), '');
  if (result.unscored.size > 0) {
    const list = [...result.unscored].map(([id, n]) => `${id} (${n})`).join(', ');
    lines.push(`not scored (added to the KB after these documents were labelled): ${list}`, '');
  }
  for (const error of result.labelErrors) lines.push(`LABEL ERROR: ${error}`);
  if (differences && result.failures.length > 0) {
    lines.push(`${result.failures.length} documents with a difference:`);
    for (const f of result.failures) {
      lines.push(`- [${f.lang}] ${f.text.replace(/\n+/g, ' ¶ ')}`);
      for (const m of f.missed) lines.push(`    missed      ${m}`);
      for (const u of f.unexpected) lines.push(`    unexpected  ${u}`);
    }
  }
  return lines;
}

const scoreJson = (s: Score) => ({ ...s, precision: +precision(s).toFixed(3), recall: +recall(s).toFixed(3) });
const mapJson = (m: Map<string, Score>) => Object.fromEntries([...m].sort().map(([k, s]) => [k, scoreJson(s)]));
const resultJson = (r: EvalResult) => ({
  documents: r.documents,
  total: scoreJson(r.total),
  perLanguage: mapJson(r.perLanguage),
  perType: mapJson(r.perType),
});

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Set(process.argv.slice(2));
  const run = runEval();
  if (args.has('--json')) {
    console.log(JSON.stringify({ tuning: resultJson(run.tuning), heldOut: resultJson(run.heldOut) }, null, 2));
  } else {
    console.log(report('tuning (tests/eval/*.jsonl)', run.tuning, true, true).join('\n'));
    console.log('');
    console.log(report('held-out (tests/eval/held-out/*.jsonl)', run.heldOut, args.has('--held-out-differences'), false).join('\n'));
  }
}
