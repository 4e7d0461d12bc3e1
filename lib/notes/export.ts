/**
 * Exports for other tools: Markdown (what Obsidian, Logseq and Notion take in: grouped by page, with
 * the quote, a link to the page and to the passage, and the note) and CSV (for spreadsheets). JSON-LD
 * lives in jsonld.ts. Pure.
 */
import { positionOf, quoteOf, type Note } from './model';
import { textFragmentUrl } from './text-fragment';

/** The export formats of the dashboard, as the `exportNotes` message names them. */
export const EXPORT_FORMATS = ['jsonld', 'markdown', 'csv', 'csl', 'ris'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportNames {
  /** Display names of entity ids; an unknown id is shown as the id. */
  entity(id: string): string;
}

const byCreated = (a: Note, b: Note) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1);

/** Markdown link text: brackets and backslashes escaped, one line. */
function linkText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\[\]])/g, '\\$1')
    .trim();
}

/** A link destination that survives spaces and parentheses. */
function linkTarget(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function date(iso: string): string {
  return iso.slice(0, 10);
}

function noteLines(note: Note, names: ExportNames): string[] {
  const lines: string[] = [];
  const quote = quoteOf(note);
  if (quote && note.target) {
    lines.push(blockquote(quote.exact), '', `[Go to passage](${linkTarget(textFragmentUrl(note.target.source, quote))})`, '');
  }
  if (note.body.text.trim()) lines.push(note.body.text.trim(), '');
  const meta: string[] = [];
  if (note.body.tags.length > 0) meta.push(`Tags: ${note.body.tags.map((t) => `#${t.replace(/\s+/g, '-')}`).join(' ')}`);
  if (note.entities.length > 0) meta.push(`Entities: ${note.entities.map((e) => names.entity(e)).join(', ')}`);
  meta.push(`Created ${date(note.created)}${note.modified !== note.created ? `, edited ${date(note.modified)}` : ''}`);
  lines.push(`*${meta.join(' · ')}*`, '');
  return lines;
}

export function exportMarkdown(notes: readonly Note[], names: ExportNames, now: string): string {
  const out: string[] = ['# Backstory notes', '', `Exported ${date(now)}: ${notes.length} note${notes.length === 1 ? '' : 's'}.`, ''];
  const pages = new Map<string, Note[]>();
  const onEntities = new Map<string, Note[]>();
  for (const note of [...notes].sort(byCreated)) {
    if (note.target) {
      const list = pages.get(note.target.source) ?? [];
      list.push(note);
      pages.set(note.target.source, list);
    } else {
      const entity = note.entities[0] ?? '';
      const list = onEntities.get(entity) ?? [];
      list.push(note);
      onEntities.set(entity, list);
    }
  }
  for (const [source, list] of pages) {
    const title = list.find((n) => n.title.trim())?.title ?? source;
    out.push(`## [${linkText(title)}](${linkTarget(source)})`, '');
    for (const note of list) out.push(...noteLines(note, names));
  }
  if (onEntities.size > 0) {
    out.push('## Notes on entities', '');
    for (const [entity, list] of onEntities) {
      out.push(`### ${linkText(names.entity(entity))}`, '');
      for (const note of list) out.push(...noteLines(note, names));
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export const CSV_COLUMNS = [
  'id',
  'page_url',
  'page_title',
  'quote',
  'prefix',
  'suffix',
  'start',
  'end',
  'note',
  'format',
  'tags',
  'entities',
  'created',
  'modified',
] as const;

/**
 * One CSV field (RFC 4180). A field that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * at the start) gets a leading apostrophe, so opening the export can never execute page text.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(notes: readonly Note[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const note of [...notes].sort(byCreated)) {
    const quote = quoteOf(note);
    const position = positionOf(note);
    rows.push(
      [
        note.id,
        note.target?.source ?? '',
        note.title,
        quote?.exact ?? '',
        quote?.prefix ?? '',
        quote?.suffix ?? '',
        position?.start ?? '',
        position?.end ?? '',
        note.body.text,
        note.body.format,
        note.body.tags.join('; '),
        note.entities.join('; '),
        note.created,
        note.modified,
      ]
        .map(csvField)
        .join(','),
    );
  }
  // A byte-order mark, so that spreadsheet programs read Cyrillic and Polish names as UTF-8.
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
