/** npm run eval — precision and recall per entity on the labelled corpus in tests/eval/. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluate, ratio, type LabelledSentence } from '../lib/eval';
import { loadKnowledgeBase } from '../lib/kb';
import { compileMatcherData, Matcher } from '../lib/match';

export function loadCorpus(dir = resolve('tests/eval')): LabelledSentence[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LabelledSentence),
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = loadCorpus();
  const matcher = new Matcher(compileMatcherData(loadKnowledgeBase()).data);
  const result = evaluate(matcher, corpus);
  const row = (name: string, s: { truePositives: number; falsePositives: number; falseNegatives: number }) =>
    `${name.padEnd(32)} ${String(s.truePositives).padStart(5)} ${String(s.falsePositives).padStart(5)} ${String(s.falseNegatives).padStart(5)}  ${ratio(s.truePositives, s.truePositives + s.falsePositives).toFixed(3)}  ${ratio(s.truePositives, s.truePositives + s.falseNegatives).toFixed(3)}`;
  console.log(`${corpus.length} labelled sentences\n`);
  console.log(`${'entity'.padEnd(32)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)}  prec.  recall`);
  for (const s of result.perEntity) console.log(row(s.entity, s));
  console.log(row('ALL', result.total));
  if (result.failures.length > 0) {
    console.log(`\n${result.failures.length} sentences with a difference:`);
    for (const f of result.failures) {
      console.log(`- ${f.text}`);
      for (const m of f.missed) console.log(`    missed      ${m}`);
      for (const u of f.unexpected) console.log(`    unexpected  ${u}`);
    }
  }
}
