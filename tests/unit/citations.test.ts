/**
 * CSL-JSON and RIS exports of notes and pinned entities, read back with citation-js: every field a
 * reference manager takes in arrives as Backstory wrote it, and page text cannot break a record.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../lib/kb';
import { citedEntity } from '../../lib/kb/cited';
import { citationItems, citationNoteText, type CitationItem } from '../../lib/notes/citations';
import { CSL_NOTE_SEPARATOR, exportCslJson } from '../../lib/notes/csl';
import type { Pin } from '../../lib/notes/model';
import { exportRis } from '../../lib/notes/ris';
import { entityNote, passageNote } from '../helpers/notes';
import { noteAsText, readCsl, readRis } from '../helpers/references';

const kb = loadKnowledgeBase();
const PAGE = 'https://news.example/belarus/article?id=7';
const OTHER = 'https://www.nashaniva.example/be/news/1';

const first = passageNote({ created: '2025-09-12T08:30:00.000Z' });
const second = passageNote({
  created: '2025-09-14T09:00:00.000Z',
  body: { text: 'One line, with "quotes" & a <b>tag</b>-like bit.', format: 'text/plain', tags: ['to check', 'a;b'] },
});
const cyrillic = passageNote({
  created: '2025-10-02T10:00:00.000Z',
  title: 'Лукашэнка памілаваў\n52 палітвязні',
  target: {
    source: OTHER,
    selector: [{ type: 'TextQuoteSelector', exact: 'Алесь Бяляцкі застаецца ў калоніі', prefix: 'Нобелеўскі лаўрэат ', suffix: '.' }],
  },
  body: { text: 'Праверыць.\nTY  - JOUR\nER  - \n\nA second paragraph.', format: 'text/plain', tags: [] },
  entities: ['ales-bialiatski'],
});
const onBialiatski = entityNote({ entities: ['ales-bialiatski'], created: '2025-11-01T12:00:00.000Z' });
const onViasna = entityNote({ entities: ['viasna'], body: { text: 'Unpinned, but noted.', format: 'text/plain', tags: [] } });
const pins: Pin[] = [
  { entity: 'ales-bialiatski', pinnedAt: '2025-12-01T09:00:00.000Z' },
  { entity: 'alexander-lukashenko', pinnedAt: '2025-12-02T09:00:00.000Z' },
  { entity: 'retired-entity', pinnedAt: '2025-12-03T09:00:00.000Z' },
];
const items = citationItems({
  notes: [onViasna, cyrillic, second, onBialiatski, first],
  pins,
  entity: (id) => citedEntity(kb, id),
});
/** A note as a reader of HTML shows it: each line's runs of spaces as one (RIS notes are written so). */
const asShown = (note: string) =>
  note
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n');
const byId = (id: string) => items.find((i) => i.id === id)!;
const page = items[0]!;

describe('references from notes and pins', () => {
  it('makes one web page per page, its notes attached, and one entry per pinned or noted entity', () => {
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['webpage', 'Belarus frees prisoners — News [Example]'],
      ['webpage', 'Лукашэнка памілаваў 52 палітвязні'],
      ['entity', 'Ales Bialiatski'],
      ['entity', 'Alexander Lukashenko'],
      ['entity', 'retired-entity'],
      ['entity', 'Viasna Human Rights Centre'],
    ]);
    expect(page).toMatchObject({
      container: 'news.example',
      url: PAGE,
      accessed: '2025-09-12',
      keywords: ['prisoners', 'to check', 'a;b'],
    });
    expect(page.notes).toHaveLength(2);
    expect(page.notes[0]).toBe(
      '“Ales Bialiatski was released”\n\nCheck the **date** against Viasna.\nSecond line, "quoted", commas.\n\n' +
        'Passage: https://news.example/belarus/article?id=7#:~:text=Ales%20Bialiatski%20was%20released',
    );
    expect(items[1]!.container).toBe('nashaniva.example');
    const ales = byId('backstory-entity-ales-bialiatski');
    expect(ales).toMatchObject({
      container: 'Backstory knowledge base',
      accessed: '2025-12-01',
      issued: kb.entities.find((e) => e.id === 'ales-bialiatski')!.asOf,
    });
    expect(ales.url).toMatch(/^https:\/\//);
    expect(ales.abstract).toContain('\n\n');
    expect(ales.notes[0]).toBe('Ask about the 2020 protests.');
    expect(ales.notes.at(-1)).toMatch(/^Other sources:\n- /);
    // An entity from an installed pack is an entry of that pack.
    const fromPack = citationItems({ notes: [], pins: [pins[0]!], entity: (id) => citedEntity(kb, id, 'Court watch pack') });
    expect(fromPack[0]!.container).toBe('Court watch pack');
    // An entity the knowledge base no longer has is still exported, under its id.
    expect(byId('backstory-entity-retired-entity')).toMatchObject({ url: '', issued: '', notes: [] });
    // The same page gets the same id in every export.
    expect(citationItems({ notes: [first], pins: [], entity: () => null })[0]!.id).toBe(page.id);
  });
});

describe('CSL-JSON', () => {
  const text = exportCslJson(items);

  it('round-trips every field through citation-js', () => {
    const read = readCsl(text);
    expect(read).toEqual(JSON.parse(text));
    expect(read).toHaveLength(items.length);
    expect(read[0]).toEqual({
      id: page.id,
      type: 'webpage',
      title: 'Belarus frees prisoners — News [Example]',
      'container-title': 'news.example',
      URL: PAGE,
      accessed: { 'date-parts': [[2025, 9, 12]] },
      keyword: 'prisoners, to check, a;b',
      note: page.notes.join(CSL_NOTE_SEPARATOR),
    });
    const ales = read.find((r) => r.id === 'backstory-entity-ales-bialiatski')!;
    const asOf = byId('backstory-entity-ales-bialiatski').issued.split('-').map(Number);
    expect(ales).toMatchObject({
      type: 'entry-encyclopedia',
      title: 'Ales Bialiatski',
      'container-title': 'Backstory knowledge base',
      accessed: { 'date-parts': [[2025, 12, 1]] },
      issued: { 'date-parts': [asOf] },
    });
    expect(ales.abstract).toBe(byId('backstory-entity-ales-bialiatski').abstract);
    expect(String(ales.keyword)).toContain('Human rights');
  });

  it('keeps page text with line breaks, quotes and non-Latin letters as it was', () => {
    const nn = readCsl(text)[1]!;
    expect(nn.title).toBe('Лукашэнка памілаваў 52 палітвязні');
    expect(String(nn.note)).toContain('“Алесь Бяляцкі застаецца ў калоніі”\n\nПраверыць.\nTY  - JOUR\nER  - \n\nA second paragraph.');
  });
});

describe('RIS', () => {
  const text = exportRis(items);

  it('writes every line as `XX  - value`, CRLF, each record from TY to ER', () => {
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^(?:[A-Z][A-Z0-9] {2}- .*|ER {2}- |)$/);
    expect(lines.filter((l) => l.startsWith('TY  - '))).toHaveLength(items.length);
    expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(items.length);
    expect(text.startsWith('TY  - ELEC\r\nTI  - Belarus frees prisoners — News [Example]\r\n')).toBe(true);
  });

  it('round-trips every field through citation-js, tag by tag and as CSL', () => {
    const { items: read, records } = readRis(text);
    // Page text that looks like RIS ("TY  - JOUR", "ER  - ") did not start or end a record.
    expect(records).toHaveLength(items.length);
    expect(read).toHaveLength(items.length);
    items.forEach((item: CitationItem, i) => {
      const record = records[i]!;
      const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
      expect(record.TY).toBe(item.kind === 'webpage' ? 'ELEC' : 'ENCYC');
      expect(record.TI).toBe(item.title);
      expect(record.T2).toBe(item.container);
      expect(record.UR).toBe(item.url || undefined);
      expect(record.Y2).toBe(item.accessed.replaceAll('-', '/'));
      expect(record.ID).toBe(item.id);
      expect(list(record.N1).map(noteAsText)).toEqual(item.notes.map(asShown));
      expect(list(record.KW)).toEqual(item.keywords.map((k) => k.replace(/;/g, ' ')));
      expect(record.AB).toBe(item.abstract ? item.abstract.replace(/\s+/g, ' ') : undefined);
      // The same file as citation-js maps it to CSL.
      const csl = read[i]!;
      expect(csl.type).toBe(item.kind === 'webpage' ? 'webpage' : 'entry-encyclopedia');
      expect(csl.title).toBe(item.title);
      expect(csl.id).toBe(item.id);
      if (item.url) expect(csl.URL).toBe(item.url);
      expect(list(csl.note as string | string[] | undefined).map(noteAsText)).toEqual(item.notes.map(asShown));
      if (item.issued) expect(csl.issued).toEqual({ 'date-parts': [item.issued.split('-').map(Number)] });
    });
  });

  it('writes a one-line note as it is, and a note with line breaks or markup as one line of HTML', () => {
    const { records } = readRis(text);
    const [multi, markup] = records[0]!.N1 as string[];
    expect(multi).toBe(
      '<p>“Ales Bialiatski was released”</p><p>Check the **date** against Viasna.<br>Second line, &quot;quoted&quot;, commas.</p>' +
        '<p>Passage: https://news.example/belarus/article?id=7#:~:text=Ales%20Bialiatski%20was%20released</p>',
    );
    expect(noteAsText(markup!)).toBe(citationNoteText(second));
    expect((records[5]!.N1 as string[])[0]).toBe('Unpinned, but noted.');
  });

  it('dates partial as-of dates as RIS does (YYYY/MM/)', () => {
    const one = exportRis([{ ...byId('backstory-entity-alexander-lukashenko'), issued: '2025-12', accessed: '2025-12-02' }]);
    expect(one).toContain('\r\nDA  - 2025/12/\r\n');
    expect(readRis(one).items[0]!.issued).toEqual({ 'date-parts': [[2025, 12]] });
  });
});
