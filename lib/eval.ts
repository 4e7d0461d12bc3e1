/**
 * Precision and recall of the matcher on labelled documents. Pure, so `npm run eval` and the tests share it.
 *
 * A labelled document is one line of tests/eval/**.jsonl: a sentence or a short article (paragraphs joined by
 * a blank line), annotated as one document, so page-level evidence (a full name licensing its surname three
 * paragraphs later) is scored too. Labels are listed in text order, an inner name right after the phrase that
 * holds it. Names (people, organisations, places) must match the label's span exactly; events and concepts,
 * whose phrases have no one right boundary, count when the spans overlap.
 */

export interface LabelledMention {
  entity: string;
  text: string;
}

export interface LabelledDocument {
  /** BCP 47 language of the text; guessed from its letters when absent (older lines). */
  lang?: string;
  text: string;
  mentions: LabelledMention[];
}

/** A mention the system under test reports. */
export interface FoundMention {
  entity: string;
  start: number;
  end: number;
}

export type Annotator = (text: string) => FoundMention[];

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface EvalOptions {
  /** Entity id → type (person, organisation, place, event, concept). */
  types: ReadonlyMap<string, string>;
  /**
   * The entities the documents are labelled for. A found mention of any other entity (one added to the KB after the
   * documents were labelled) is not scored, only counted, and neither is a label of one; so a growing KB cannot turn
   * right answers into errors.
   */
  scope?: ReadonlySet<string>;
}

export interface Failure {
  lang: string;
  text: string;
  missed: string[];
  unexpected: string[];
}

export interface EvalResult {
  documents: number;
  total: Score;
  perEntity: Map<string, Score>;
  perLanguage: Map<string, Score>;
  perType: Map<string, Score>;
  /** Found mentions of entities outside the scope, by entity. */
  unscored: Map<string, number>;
  failures: Failure[];
  /** Labels that could not be placed in their text, or name an entity the KB does not have. */
  labelErrors: string[];
}

export function ratio(hits: number, total: number): number {
  return total === 0 ? 1 : hits / total;
}

export const precision = (s: Score): number => ratio(s.truePositives, s.truePositives + s.falsePositives);
export const recall = (s: Score): number => ratio(s.truePositives, s.truePositives + s.falseNegatives);

const EXACT_TYPES = new Set(['person', 'organisation', 'place']);

/** A rough language guess for lines written before labels carried one. */
export function guessLanguage(text: string): string {
  if (/[\u0400-\u04ff]/.test(text)) {
    if (/[ўЎ]/.test(text) || (/[іІ]/.test(text) && /[ыэЫЭ]/.test(text))) return 'be';
    if (/[їєґЇЄҐ]/.test(text) || (/[іІ]/.test(text) && /[иИ]/.test(text))) return 'uk';
    if (/[іІ]/.test(text)) return 'be';
    return 'ru';
  }
  if (/[ėųįūĖŲĮŪ]/.test(text)) return 'lt';
  if (/[łąęźżńŁĄĘŹŻŃ]/.test(text) || /\b(się|jest|nie|oraz|wobec)\b/.test(text)) return 'pl';
  if (/[äöüßÄÖÜ]/.test(text) || /\b(der|die|und|nicht|mit|gegen)\b/.test(text)) return 'de';
  if (/[ñ¿¡]/.test(text) || /\b(el|los|del|las|según)\b/.test(text)) return 'es';
  if (/[éèêàçœ]/.test(text) || /\b(le|les|des|et|une)\b/.test(text)) return 'fr';
  return 'en';
}

const emptyScore = (): Score => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });

function bump(map: Map<string, Score>, key: string, field: keyof Score): void {
  let score = map.get(key);
  if (!score) {
    score = emptyScore();
    map.set(key, score);
  }
  score[field]++;
}

interface PlacedLabel extends LabelledMention {
  start: number;
  end: number;
  used: boolean;
}

const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);

/**
 * Places each label in the text: the first whole-word occurrence at or after the previous label's start that is
 * not taken already and does not lie inside an earlier label of the same entity ("Kolesnikova" after "Maria
 * Kolesnikova" is the next one, not the surname inside the full name).
 */
function placeLabels(doc: LabelledDocument, errors: string[]): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  let cursor = 0;
  for (const label of doc.mentions) {
    const taken = (at: number) =>
      !isLetter(doc.text[at - 1]) &&
      !isLetter(doc.text[at + label.text.length]) &&
      !placed.some(
        (p) =>
          (p.start === at && p.text === label.text && p.entity === label.entity) ||
          (p.entity === label.entity && p.start <= at && at + label.text.length <= p.end),
      );
    let at = label.text === '' ? -1 : doc.text.indexOf(label.text, cursor);
    while (at >= 0 && !taken(at)) at = doc.text.indexOf(label.text, at + 1);
    if (at < 0) {
      errors.push(`label ${label.entity} "${label.text}" not found (in order) in: ${doc.text.slice(0, 80)}`);
      continue;
    }
    placed.push({ ...label, start: at, end: at + label.text.length, used: false });
    cursor = at;
  }
  return placed;
}

export function evaluate(annotate: Annotator, docs: LabelledDocument[], options: EvalOptions): EvalResult {
  const { types, scope } = options;
  const result: EvalResult = {
    documents: docs.length,
    total: emptyScore(),
    perEntity: new Map(),
    perLanguage: new Map(),
    perType: new Map(),
    unscored: new Map(),
    failures: [],
    labelErrors: [],
  };
  const count = (lang: string, entity: string, field: keyof Score) => {
    result.total[field]++;
    bump(result.perEntity, entity, field);
    bump(result.perLanguage, lang, field);
    bump(result.perType, types.get(entity) ?? 'unknown', field);
  };
  for (const doc of docs) {
    const lang = doc.lang ?? guessLanguage(doc.text);
    for (const label of doc.mentions) {
      if (!types.has(label.entity)) result.labelErrors.push(`label names unknown entity "${label.entity}"`);
    }
    const labels = placeLabels(doc, result.labelErrors).filter((l) => !scope || scope.has(l.entity));
    const found = annotate(doc.text);
    const missed: string[] = [];
    const unexpected: string[] = [];
    for (const mention of found) {
      if (scope && !scope.has(mention.entity)) {
        result.unscored.set(mention.entity, (result.unscored.get(mention.entity) ?? 0) + 1);
        continue;
      }
      const exact = EXACT_TYPES.has(types.get(mention.entity) ?? '');
      const hit = labels.find(
        (l) =>
          !l.used &&
          l.entity === mention.entity &&
          (exact ? l.start === mention.start && l.end === mention.end : l.start < mention.end && mention.start < l.end),
      );
      if (hit) {
        hit.used = true;
        count(lang, mention.entity, 'truePositives');
      } else {
        count(lang, mention.entity, 'falsePositives');
        unexpected.push(`${mention.entity}: "${doc.text.slice(mention.start, mention.end)}"`);
      }
    }
    for (const label of labels) {
      if (label.used) continue;
      count(lang, label.entity, 'falseNegatives');
      missed.push(`${label.entity}: "${label.text}"`);
    }
    if (missed.length > 0 || unexpected.length > 0) result.failures.push({ lang, text: doc.text, missed, unexpected });
  }
  return result;
}
