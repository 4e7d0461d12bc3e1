/** Notes for tests: a passage note and an entity note with every field set, and a builder. */
import type { Note } from '../../lib/notes/model';

let counter = 0;

export function passageNote(overrides: Partial<Note> = {}): Note {
  counter++;
  return {
    id: `urn:uuid:00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    target: {
      source: 'https://news.example/belarus/article?id=7',
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: 'Ales Bialiatski was released',
          prefix: 'In September 2025 the Nobel laureate ',
          suffix: ' after four years in prison.',
        },
        { type: 'TextPositionSelector', start: 120, end: 148 },
      ],
    },
    body: {
      text: 'Check the **date** against Viasna.\nSecond line, "quoted", commas.',
      format: 'text/markdown',
      tags: ['prisoners', 'to check'],
    },
    entities: ['ales-bialiatski', 'viasna'],
    title: 'Belarus frees prisoners — News [Example]',
    created: '2025-09-12T08:30:00.000Z',
    modified: '2025-09-13T10:00:00.000Z',
    ...overrides,
  };
}

export function entityNote(overrides: Partial<Note> = {}): Note {
  counter++;
  return {
    id: `urn:uuid:00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`,
    target: null,
    body: { text: 'Ask about the 2020 protests.', format: 'text/plain', tags: [] },
    entities: ['alexander-lukashenko'],
    title: '',
    created: '2025-10-01T12:00:00.000Z',
    modified: '2025-10-01T12:00:00.000Z',
    ...overrides,
  };
}
