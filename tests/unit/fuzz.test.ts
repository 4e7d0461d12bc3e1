/**
 * Property-based tests (fast-check) of the two places where arbitrary outside input meets Backstory's
 * code: the matcher reading any page text, and the notes import reading any file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildMatcherData, Matcher } from '../../lib/match';
import { IGNORABLE } from '../../lib/match/fold';
import { wordValue } from '../../lib/match/tokens';
import { parseImport } from '../../lib/notes/jsonld';
import { isPageUrl, noteProblems } from '../../lib/notes/model';

const kb = loadKnowledgeBase();
const matcher = new Matcher(buildMatcherData(kb).data);
const NOW = '2026-01-01T00:00:00.000Z';

/** Any UTF-16 code unit, lone surrogates included: what a page's text nodes may hold. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Text that looks more like names: letters of the KB's scripts, spaces, apostrophes, hyphens, marks, newlines. */
const nameish = fc.constantFrom(..."LukashenkoŁukaszenaТихановскаяЛукашэнкаBialiatskiViasna Minsk'’-—. \n\u0301\u200b\u00ad🇧🇾𝐋".split(''));
const anyText = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: nameish, maxLength: 300 }),
);

const isWordUnit = (text: string, i: number) => {
  const value = wordValue(text, i);
  return value > 0 || value === IGNORABLE;
};
/** Whether the word character at `i` continues a word from before it (skipping invisible marks). */
function joinsBefore(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && wordValue(text, i) === IGNORABLE) i--;
  return i >= 0 && wordValue(text, i) > 0;
}
function joinsAfter(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && wordValue(text, i) === IGNORABLE) i++;
  return i < text.length && wordValue(text, i) > 0;
}

function checkMatches(text: string): void {
  const matches = matcher.scan(text);
  let previousEnd = 0;
  for (const m of matches) {
    expect(Number.isInteger(m.start) && Number.isInteger(m.end)).toBe(true);
    expect(m.start).toBeGreaterThanOrEqual(previousEnd); // sorted, never overlapping
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(text.length);
    expect(matcher.data.entities[m.entity]).toBeDefined();
    // On word boundaries: a mention never starts or ends inside a word ("Minsker" holds no "Minsk").
    expect(isWordUnit(text, m.start)).toBe(true);
    expect(joinsBefore(text, m.start)).toBe(false);
    if (isWordUnit(text, m.end - 1)) expect(joinsAfter(text, m.end)).toBe(false);
    previousEnd = m.end;
  }
}

/** Spellings that the matcher finds on their own, whole, without needing context. */
const standalone = kb.entities.flatMap((entity) =>
  entity.names
    .map((name) => name.text)
    .filter((text) => {
      const matches = matcher.scan(text);
      return matches.length === 1 && matches[0]!.start === 0 && matches[0]!.end === text.length;
    })
    .map((text) => ({ text, entity: entity.id })),
);

describe('the matcher on arbitrary text', () => {
  it('never throws, and every match is in bounds, sorted, non-overlapping and on word boundaries', () => {
    fc.assert(
      fc.property(anyText, (text) => checkMatches(text)),
      { numRuns: 3000 },
    );
  });

  it('finds a known spelling spliced into random text, between spaces, as its own entity', () => {
    expect(standalone.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(anyText, fc.constantFrom(...standalone), anyText, (before, name, after) => {
        const text = `${before} ${name.text} ${after}`;
        checkMatches(text);
        const at = before.length + 1;
        const hit = matcher.scan(text).find((m) => m.start <= at && m.end >= at + name.text.length);
        expect(hit, `"${name.text}" in ${JSON.stringify(text)}`).toBeDefined();
        expect(matcher.data.entities[hit!.entity]!.id).toBe(name.entity);
      }),
      { numRuns: 2000 },
    );
  });

  it('glued to other text (letters, combining marks, zero-width characters), a spelling is found only on word boundaries', () => {
    const glue = fc.constantFrom('', ' ', 'x', 'я', '7', '\u0301', '\u200b', '\u00ad', "'", '’', '-', '.', '\n\n', '𝐋');
    fc.assert(
      fc.property(anyText, glue, fc.constantFrom(...standalone), glue, anyText, (before, left, name, right, after) => {
        checkMatches(`${before}${left}${name.text}${right}${after}`);
      }),
      { numRuns: 3000 },
    );
  });

  // Pathological backtracking would run for minutes and trip the test's timeout; how fast the matcher
  // is belongs to `npm run bench`, not to an assertion on a shared machine's clock.
  it('finishes on long runs of one character (no pathological backtracking)', () => {
    for (const unit of ['a', ' ', '.', '\u0301', '\ud800', 'Л', "'", '-']) checkMatches(unit.repeat(200_000));
  });
});

describe('the notes import on arbitrary input', () => {
  /** What any import result must satisfy: a reason for every refusal, and only sound notes accepted. */
  function checkImport(text: string): void {
    const result = parseImport(text, NOW);
    if (!result.ok) {
      expect(typeof result.error).toBe('string');
      expect(result.error.length).toBeGreaterThan(0);
      return;
    }
    const { notes, rejected, positions } = result.value;
    expect(positions).toHaveLength(notes.length);
    for (const rejection of rejected) {
      expect(typeof rejection.reason).toBe('string');
      expect(rejection.reason.length).toBeGreaterThan(0);
    }
    for (const note of notes) {
      expect(noteProblems(note)).toEqual([]);
      if (note.target) expect(isPageUrl(note.target.source)).toBe(true);
    }
  }

  it('random text that is not JSON: refused as a whole, with a reason', () => {
    fc.assert(
      fc.property(anyText, (text) => checkImport(text)),
      { numRuns: 1000 },
    );
  });

  it('random JSON: never throws, never accepts garbage, gives a reason for each refusal', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => checkImport(text)),
      { numRuns: 2000 },
    );
  });

  it('random annotation-shaped JSON: every note accepted is sound, every rejection has a reason', () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
    const url = fc.oneof(
      fc.webUrl(),
      fc.constantFrom('javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://x.org/'),
      fc.string(),
    );
    const selector = fc.record({
      type: fc.constantFrom('TextQuoteSelector', 'TextPositionSelector', 'oa:TextQuoteSelector', 'CssSelector'),
      exact: fc.oneof(fc.string(), anyJson),
      prefix: maybe(fc.oneof(fc.string(), anyJson)),
      suffix: maybe(fc.string()),
      start: maybe(fc.oneof(fc.integer(), fc.double(), anyJson)),
      end: maybe(fc.oneof(fc.integer(), fc.double())),
    });
    const target = fc.oneof(
      fc.record({ source: fc.oneof(url, anyJson), selector: fc.oneof(selector, fc.array(selector, { maxLength: 3 }), anyJson) }),
      fc.constantFrom('urn:backstory:entity:alexander-lukashenko', 'urn:backstory:entity:Not A Slug', 'https://example.org/'),
      anyJson,
    );
    const body = fc.oneof(
      fc.record({
        type: fc.constant('TextualBody'),
        value: fc.oneof(fc.string(), anyJson),
        purpose: maybe(fc.constantFrom('tagging', 'commenting')),
        format: maybe(fc.string()),
      }),
      fc.string(),
      anyJson,
    );
    const annotation = fc.record({
      type: fc.oneof(fc.constantFrom('Annotation', 'oa:Annotation', ['Annotation', 'x']), anyJson),
      id: maybe(fc.oneof(fc.constantFrom('urn:uuid:1', 'urn:uuid:2', 'https://example.org/anno/1'), fc.string(), anyJson)),
      target: maybe(fc.oneof(target, fc.array(target, { maxLength: 3 }))),
      body: maybe(fc.oneof(body, fc.array(body, { maxLength: 3 }))),
      bodyValue: maybe(fc.oneof(fc.string(), anyJson)),
      created: maybe(fc.oneof(fc.constantFrom('2025-01-01T00:00:00Z', 'yesterday'), fc.string(), anyJson)),
      modified: maybe(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
      'backstory:entities': maybe(fc.oneof(fc.array(fc.constantFrom('viasna', 'Not-A-Slug', ''), { maxLength: 3 }), anyJson)),
      'backstory:pageTitle': maybe(fc.oneof(fc.string(), anyJson)),
    });
    // A sound annotation among the random ones, so that every run also exercises the accepting path.
    const sound = fc.constant({
      type: 'Annotation',
      id: 'urn:uuid:3b241101-e2bb-4255-8caf-4136c566a962',
      target: {
        source: 'https://example.org/news/belarus',
        selector: [
          { type: 'TextQuoteSelector', exact: 'Viasna counted', prefix: 'In September ', suffix: ' political prisoners' },
          { type: 'TextPositionSelector', start: 13, end: 27 },
        ],
      },
      body: [{ type: 'TextualBody', value: 'The count to watch.', purpose: 'commenting' }],
      created: '2025-09-12T10:00:00Z',
      modified: '2025-09-12T10:00:00Z',
    });
    const file = fc.oneof(
      sound,
      annotation,
      fc.array(annotation, { maxLength: 5 }),
      fc.record({ type: fc.constant('AnnotationCollection'), first: fc.record({ items: fc.array(annotation, { maxLength: 5 }) }) }),
      fc.record({ type: fc.constant('AnnotationPage'), items: fc.oneof(fc.array(annotation, { maxLength: 5 }), anyJson) }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(file, (value) => {
        const text = JSON.stringify(value);
        checkImport(text);
        const result = parseImport(text, NOW);
        if (result.ok) accepted += result.value.notes.length;
      }),
      { numRuns: 2000 },
    );
    // The generator does reach accepted notes, so the soundness check above is exercised.
    expect(accepted).toBeGreaterThan(0);
  });
});
