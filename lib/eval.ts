/** Precision and recall of the matcher on labelled sentences. Pure, so `npm run eval` and the tests share it. */
import type { Matcher } from './match/matcher';

export interface LabelledSentence {
  text: string;
  mentions: { entity: string; text: string }[];
}

export interface EntityScore {
  entity: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface EvalResult {
  perEntity: EntityScore[];
  total: EntityScore;
  failures: { text: string; missed: string[]; unexpected: string[] }[];
}

const keyOf = (m: { entity: string; text: string }) => `${m.entity}\u0000${m.text}`;

export function ratio(hits: number, total: number): number {
  return total === 0 ? 1 : hits / total;
}

export function evaluate(matcher: Matcher, sentences: LabelledSentence[]): EvalResult {
  const scores = new Map<string, EntityScore>();
  const score = (entity: string) => {
    let s = scores.get(entity);
    if (!s) {
      s = { entity, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      scores.set(entity, s);
    }
    return s;
  };
  const failures: EvalResult['failures'] = [];
  for (const sentence of sentences) {
    const expected = new Map<string, number>();
    for (const m of sentence.mentions) expected.set(keyOf(m), (expected.get(keyOf(m)) ?? 0) + 1);
    const foundKeys = matcher.scan(sentence.text).map((m) => ({
      entity: matcher.data.entities[m.entity]!.id,
      text: sentence.text.slice(m.start, m.end),
    }));
    const unexpected: string[] = [];
    for (const m of foundKeys) {
      const left = expected.get(keyOf(m)) ?? 0;
      if (left > 0) {
        expected.set(keyOf(m), left - 1);
        score(m.entity).truePositives++;
      } else {
        score(m.entity).falsePositives++;
        unexpected.push(`${m.entity}: "${m.text}"`);
      }
    }
    const missed: string[] = [];
    for (const [key, left] of expected) {
      const [entity, text] = key.split('\u0000') as [string, string];
      for (let i = 0; i < left; i++) {
        score(entity).falseNegatives++;
        missed.push(`${entity}: "${text}"`);
      }
    }
    if (missed.length > 0 || unexpected.length > 0) failures.push({ text: sentence.text, missed, unexpected });
  }
  const perEntity = [...scores.values()].sort((a, b) => a.entity.localeCompare(b.entity));
  const total = perEntity.reduce(
    (t, s) => ({
      entity: 'all',
      truePositives: t.truePositives + s.truePositives,
      falsePositives: t.falsePositives + s.falsePositives,
      falseNegatives: t.falseNegatives + s.falseNegatives,
    }),
    { entity: 'all', truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  );
  return { perEntity, total, failures };
}
