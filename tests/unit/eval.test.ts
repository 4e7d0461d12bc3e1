/** The labelled corpus (tests/eval/*.jsonl) as a test: detection must stay precise and complete. */
import { describe, expect, it } from 'vitest';
import { evaluate, ratio } from '../../lib/eval';
import { loadKnowledgeBase } from '../../lib/kb';
import { compileMatcherData, Matcher } from '../../lib/match';
import { loadCorpus } from '../../scripts/eval';

describe('detection on the labelled corpus', () => {
  const corpus = loadCorpus();
  const result = evaluate(new Matcher(compileMatcherData(loadKnowledgeBase()).data), corpus);
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = result.total;

  it('has a corpus worth the name', () => {
    expect(corpus.length).toBeGreaterThan(400);
    expect(corpus.filter((s) => s.mentions.length === 0).length).toBeGreaterThan(50); // look-alikes
  });

  it('has precision of at least 0.98 and recall of at least 0.95', () => {
    const report = result.failures.map((f) => `${f.text}\n  missed: ${f.missed.join(', ')}\n  unexpected: ${f.unexpected.join(', ')}`);
    expect(ratio(tp, tp + fp), report.join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(ratio(tp, tp + fn), report.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('covers every entity of the KB', () => {
    const covered = new Set(corpus.flatMap((s) => s.mentions.map((m) => m.entity)));
    const missing = loadKnowledgeBase()
      .entities.map((e) => e.id)
      .filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });
});
