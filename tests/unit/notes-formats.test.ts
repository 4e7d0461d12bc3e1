import { describe, expect, it } from 'vitest';
import { exportCsv, exportMarkdown } from '../../lib/notes/export';
import { textFragmentUrl } from '../../lib/notes/text-fragment';
import { exportJsonLd, MAX_IMPORT_ANNOTATIONS, parseImport, toAnnotation } from '../../lib/notes/jsonld';
import { planImport, reportOf } from '../../lib/notes/merge';
import type { Note, Pin } from '../../lib/notes/model';
import { entityNote, passageNote } from '../helpers/notes';

const NOW = '2025-12-01T00:00:00.000Z';
const names = {
  entity: (id: string) =>
    ({ 'ales-bialiatski': 'Ales Bialiatski', viasna: 'Viasna', 'alexander-lukashenko': 'Alexander Lukashenko' })[id] ?? id,
};

function parsed(text: string) {
  const result = parseImport(text, NOW);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** One annotation in a file, with a field changed. */
function fileWith(change: (a: Record<string, unknown>) => unknown): string {
  const a = JSON.parse(JSON.stringify(toAnnotation(passageNote()))) as Record<string, unknown>;
  const changed = change(a);
  return JSON.stringify({ type: 'AnnotationPage', items: [changed === undefined ? a : changed] });
}

function rejection(text: string): string {
  const value = parsed(text);
  expect(value.notes).toHaveLength(0);
  expect(value.rejected).toHaveLength(1);
  return value.rejected[0]!.reason;
}

describe('JSON-LD export', () => {
  it('writes a W3C AnnotationCollection with embedded annotations', () => {
    const note = passageNote();
    const doc = JSON.parse(exportJsonLd([note, entityNote()], [{ entity: 'viasna', pinnedAt: NOW }], NOW, 'urn:uuid:c'));
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(2);
    const a = doc.first.items[0];
    expect(a).toMatchObject({ id: note.id, type: 'Annotation', motivation: 'commenting', created: note.created, modified: note.modified });
    expect(a.target.source).toBe(note.target!.source);
    expect(a.target.selector.map((s: { type: string }) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(a.body[0]).toEqual({ type: 'TextualBody', value: note.body.text, format: 'text/markdown', purpose: 'commenting' });
    expect(a.body.slice(1)).toEqual(note.body.tags.map((t) => ({ type: 'TextualBody', value: t, purpose: 'tagging' })));
    expect(doc.first.items[1].target).toBe('urn:backstory:entity:alexander-lukashenko');
  });

  it('round-trips without loss: export → import gives the same notes and pins', () => {
    const notes: Note[] = [
      passageNote(),
      passageNote({ body: { text: '', format: 'text/plain', tags: [] }, entities: [] }),
      passageNote({
        target: {
          source: 'https://x.example/п?q=1',
          selector: [{ type: 'TextQuoteSelector', exact: 'Лукашэнка\n\nсказаў', prefix: '', suffix: ' "ok"' }],
        },
        title: 'Кірыліца <script>alert(1)</script>',
      }),
      entityNote(),
    ];
    const pins: Pin[] = [
      { entity: 'viasna', pinnedAt: NOW },
      { entity: 'ales-bialiatski', pinnedAt: '2025-01-01T00:00:00.000Z' },
    ];
    const back = parsed(exportJsonLd(notes, pins, NOW, 'urn:uuid:c'));
    expect(back.rejected).toEqual([]);
    expect(back.notes).toEqual(notes);
    expect(back.pins).toEqual(pins);
    // And a second round is identical too.
    expect(exportJsonLd(back.notes, back.pins, NOW, 'urn:uuid:c')).toBe(exportJsonLd(notes, pins, NOW, 'urn:uuid:c'));
  });

  it('reads annotations as other tools write them', () => {
    const other = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://annotations.example/anno/1',
      type: 'Annotation',
      bodyValue: 'A comment from another tool',
      target: [
        'https://elsewhere.example/',
        {
          source: { id: 'https://news.example/p' },
          selector: { type: 'TextQuoteSelector', exact: 'political prisoners', prefix: 'more than 1,100 ', suffix: ' remain' },
        },
      ],
    };
    const value = parsed(JSON.stringify(other));
    expect(value.notes).toHaveLength(1);
    expect(value.notes[0]).toMatchObject({
      id: 'https://annotations.example/anno/1',
      target: { source: 'https://news.example/p', selector: [{ type: 'TextQuoteSelector', exact: 'political prisoners' }] },
      body: { text: 'A comment from another tool', format: 'text/plain', tags: [] },
      created: NOW,
      modified: NOW,
    });
    // Times as Date#toISOString writes them, six-digit years included.
    expect(parsed(JSON.stringify({ ...other, modified: '+010000-01-01T00:00:00.000Z' })).notes[0]!.modified).toBe(
      '+010000-01-01T00:00:00.000Z',
    );
    // A bare list and an AnnotationPage work too.
    expect(parsed(JSON.stringify([other])).notes).toHaveLength(1);
    expect(parsed(JSON.stringify({ type: 'AnnotationPage', items: [other] })).notes).toHaveLength(1);
  });
});

describe('import rejections, one reason each', () => {
  const cases: [string, (a: Record<string, unknown>) => unknown, RegExp][] = [
    ['not an object', () => 42, /not a JSON object/],
    ['wrong type', (a) => void (a.type = 'Note'), /type is not "Annotation"/],
    ['no id', (a) => void delete a.id, /no id/],
    ['id not an IRI', (a) => void (a.id = 'just words'), /id is not an IRI/],
    ['no target', (a) => void delete a.target, /no target/],
    [
      'no text selector',
      (a) => void (a.target = { source: 'https://x.example/', selector: { type: 'CssSelector', value: '#x' } }),
      /no TextQuoteSelector/,
    ],
    ['whole-page target', (a) => void (a.target = 'https://x.example/'), /no TextQuoteSelector/],
    ['no source', (a) => void delete (a.target as Record<string, unknown>).source, /no source/],
    ['javascript: source', (a) => void ((a.target as Record<string, unknown>).source = 'javascript:alert(1)'), /http, https or file URL/],
    ['quote without exact', (a) => void ((a.target as { selector: Record<string, unknown>[] }).selector[0]!.exact = 5), /no "exact" text/],
    [
      'empty quote',
      (a) => void ((a.target as { selector: Record<string, unknown>[] }).selector[0]!.exact = '  '),
      /quoted passage is empty/,
    ],
    [
      'bad position',
      (a) => void ((a.target as { selector: Record<string, unknown>[] }).selector[1]!.start = 500),
      /TextPositionSelector is not a range/,
    ],
    [
      'non-numeric position',
      (a) => void ((a.target as { selector: Record<string, unknown>[] }).selector[1]!.end = '9'),
      /no numeric start and end/,
    ],
    [
      'prefix not text',
      (a) => void ((a.target as { selector: Record<string, unknown>[] }).selector[0]!.prefix = ['x']),
      /prefix or suffix that is not text/,
    ],
    [
      'huge prefix',
      (a) => void ((a.target as { selector: Record<string, unknown>[] }).selector[0]!.prefix = 'x'.repeat(5000)),
      /prefix or suffix is missing or longer/,
    ],
    ['body value not text', (a) => void ((a.body as Record<string, unknown>[])[0]!.value = { evil: true }), /"value" is not text/],
    ['body of a bad kind', (a) => void (a.body = [42]), /neither an object nor a link/],
    ['bodyValue not text', (a) => void (a.bodyValue = 1), /"bodyValue" is not text/],
    ['note too long', (a) => void ((a.body as Record<string, unknown>[])[0]!.value = 'x'.repeat(100_001)), /longer than 100000/],
    [
      'too many tags',
      (a) => void (a.body = Array.from({ length: 51 }, (_, i) => ({ type: 'TextualBody', value: `t${i}`, purpose: 'tagging' }))),
      /more than 50 tags/,
    ],
    [
      'tag too long',
      (a) => void (a.body = [{ type: 'TextualBody', value: 'x'.repeat(101), purpose: 'tagging' }]),
      /tag is longer than 100/,
    ],
    ['bad created', (a) => void (a.created = 'yesterday'), /"created" is not an ISO 8601/],
    ['bad modified', (a) => void (a.modified = 12), /"modified" is not an ISO 8601/],
    ['entities not a list', (a) => void (a['backstory:entities'] = 'viasna'), /not a list of entity ids/],
    ['bad entity id', (a) => void (a['backstory:entities'] = ['Not A Slug']), /entity id is not a kebab-case slug/],
    ['bad entity target', (a) => void (a.target = 'urn:backstory:entity:../../etc'), /not a kebab-case slug/],
    ['title not text', (a) => void (a['backstory:pageTitle'] = { x: 1 }), /pageTitle" is not text/],
    ['title too long', (a) => void (a['backstory:pageTitle'] = 'x'.repeat(2001)), /title is longer than 2000/],
  ];
  it.each(cases)('%s', (_name, change, reason) => {
    expect(rejection(fileWith(change))).toMatch(reason);
  });

  it('a duplicate id in one file', () => {
    const a = toAnnotation(passageNote());
    const value = parsed(JSON.stringify([a, { ...a, bodyValue: 'other' }]));
    expect(value.notes).toHaveLength(1);
    expect(value.rejected).toEqual([{ index: 1, id: a.id, reason: 'the same id appears earlier in the file' }]);
  });

  it('a stored note that is newer than the file (the import never overwrites later edits)', () => {
    const stored = passageNote({ modified: '2025-12-01T00:00:00.000Z' });
    const older = { ...stored, body: { ...stored.body, text: 'old text' }, modified: '2025-11-01T00:00:00.000Z' };
    const plan = planImport(parsed(JSON.stringify([toAnnotation(older)])), new Map([[stored.id, stored]]), []);
    expect(plan.updated).toHaveLength(0);
    expect(plan.rejected).toHaveLength(1);
    expect(plan.rejected[0]!.reason).toMatch(/newer version of this note is stored/);
  });

  it('keeps the good annotations of a file that also has bad ones, and says which were bad', () => {
    const good = toAnnotation(passageNote());
    const value = parsed(JSON.stringify({ type: 'AnnotationPage', items: [good, { type: 'Annotation' }, good.id] }));
    expect(value.notes.map((n) => n.id)).toEqual([good.id]);
    expect(value.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, 'it has no id'],
      [2, 'not a JSON object'],
    ]);
  });
});

describe('files refused as a whole (nothing changes)', () => {
  it.each([
    ['not JSON', 'this is not json {', /not JSON/],
    ['JSON but not annotations', '{"hello": "world"}', /not a W3C Web Annotation/],
    ['a number', '42', /not a W3C Web Annotation/],
    [
      'a collection whose pages are links',
      JSON.stringify({ type: 'AnnotationCollection', first: 'https://evil.example/page1' }),
      /no network requests/,
    ],
    [
      'an empty collection',
      JSON.stringify({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [] } }),
      /holds no annotations/,
    ],
    ['a page without items', JSON.stringify({ type: 'AnnotationPage', items: 'x' }), /no list of items/],
  ])('%s', (_name, text, error) => {
    const result = parseImport(text, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('too many annotations', () => {
    const result = parseImport(JSON.stringify(new Array(MAX_IMPORT_ANNOTATIONS + 1).fill(0)), NOW);
    expect(result.ok).toBe(false);
  });

  it('deeply nested JSON is refused, not a crash', () => {
    const result = parseImport('['.repeat(200_000) + ']'.repeat(200_000), NOW);
    // Either JSON.parse refuses it or it holds no annotation: never an exception.
    if (result.ok) expect(result.value.notes).toHaveLength(0);
  });

  it('hostile keys do not reach the prototype or the notes', () => {
    const a = JSON.parse(JSON.stringify(toAnnotation(passageNote()))) as Record<string, unknown>;
    const text = JSON.stringify({ ...a, extra: 1 }).replace(
      '"extra":1',
      '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}',
    );
    const value = parsed(text);
    expect(value.notes).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value.notes[0]!)).toEqual(['id', 'target', 'body', 'entities', 'title', 'created', 'modified']);
  });
});

describe('merging an import', () => {
  it('counts new, updated, unchanged and rejected, and new pins', () => {
    const same = passageNote();
    const changed = passageNote();
    const fresh = entityNote();
    const stored = new Map([
      [same.id, same],
      [changed.id, { ...changed, body: { ...changed.body, text: 'before' }, modified: '2025-09-12T09:00:00.000Z' }],
    ]);
    const file = exportJsonLd(
      [same, changed, fresh],
      [
        { entity: 'viasna', pinnedAt: NOW },
        { entity: 'ales-bialiatski', pinnedAt: NOW },
      ],
      NOW,
      'urn:uuid:c',
    );
    const plan = planImport(parsed(file), stored, [{ entity: 'viasna', pinnedAt: NOW }]);
    expect(reportOf(plan)).toEqual({ new: 1, updated: 1, unchanged: 1, rejected: [], pins: 1 });
    expect(plan.added[0]!.id).toBe(fresh.id);
    expect(plan.updated[0]!.body.text).toBe(changed.body.text);
  });
});

describe('Markdown export', () => {
  it('groups notes by page with the quote, links and the note', () => {
    const a = passageNote();
    const b = passageNote({ created: '2025-09-14T00:00:00.000Z', body: { text: 'Second note', format: 'text/plain', tags: [] } });
    const md = exportMarkdown([b, entityNote(), a], names, NOW);
    expect(md).toContain('# Backstory notes');
    expect(md.match(/^## \[/gm)).toHaveLength(1);
    expect(md).toContain('## [Belarus frees prisoners — News \\[Example\\]](<https://news.example/belarus/article?id=7>)');
    expect(md).toContain('> Ales Bialiatski was released');
    expect(md).toContain('[Go to passage](<https://news.example/belarus/article?id=7#:~:text=Ales%20Bialiatski%20was%20released>)');
    expect(md).toContain('Tags: #prisoners #to-check · Entities: Ales Bialiatski, Viasna');
    expect(md.indexOf('Check the **date**')).toBeLessThan(md.indexOf('Second note'));
    expect(md).toContain('## Notes on entities');
    expect(md).toContain('### Alexander Lukashenko');
  });

  it('links a long passage by its first and last words', () => {
    const url = textFragmentUrl('https://x.example/', 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen-x');
    expect(url).toBe('https://x.example/#:~:text=one%20two%20three%20four%20five,ten%20eleven%20twelve%20thirteen%20fourteen%2Dx');
  });
});

describe('CSV export', () => {
  it('writes one quoted row per note, safe to open in a spreadsheet', () => {
    const note = passageNote({ body: { text: '=HYPERLINK("http://evil")', format: 'text/plain', tags: ['a', 'b'] } });
    const csv = exportCsv([note]);
    expect(csv.startsWith('\uFEFFid,page_url,page_title,quote,')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(',a; b,');
    expect(row).toContain(',120,148,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
