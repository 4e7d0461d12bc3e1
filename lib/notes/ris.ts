/**
 * RIS, the tagged reference format every reference manager imports (Zotero, Mendeley, EndNote). Each
 * reference is a run of `XX  - value` lines, from `TY  - ` to `ER  - `, lines ending in CRLF as the
 * format's specification says. Types and tags follow Zotero's RIS translator, the reader most of our
 * users have: `ELEC` (Zotero's web page), `ENCYC` (encyclopedia article); `TI` title, `T2` website or
 * encyclopedia title, `AB` abstract, `DA` date, `UR` address, `Y2` access date, `N1` one per note, `KW`
 * one per keyword. Pure.
 */
import type { CitationItem } from './citations';

export const RIS_EOL = '\r\n';

/** A one-line value: line breaks and runs of spaces become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A YYYY[-MM[-DD]] date as RIS writes it: YYYY/MM/DD, empty parts left empty. */
export function risDate(date: string): string {
  const [y = '', m = '', d = ''] = date.split('-');
  return `${y}/${m}/${d}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A note as one `N1` line. A plain note of one line is written as it is. A note with line breaks (or
 * with text that looks like markup) is written as one line of HTML, paragraphs and line breaks as
 * `<p>` and `<br>`: Zotero takes an N1 value with markup as a formatted note and shows it as written,
 * whereas continuation lines are read differently by each reader (some join them with spaces, some to
 * the wrong note), and a continued line that starts like a tag would end the note early. Runs of spaces
 * become one (as HTML shows them anyway), so no value holds the tag separator "  - ".
 */
export function risNote(text: string): string {
  const normal = text.replace(/\r\n?/g, '\n').trim();
  if (!normal.includes('\n') && !/<[^>]*>/.test(normal)) return oneLine(normal);
  return normal
    .split(/\n\s*\n/)
    .map(
      (para) =>
        `<p>${para
          .split('\n')
          .map((line) => escapeHtml(line.replace(/\s+/g, ' ').trim()))
          .join('<br>')}</p>`,
    )
    .join('');
}

function line(tag: string, value: string): string {
  return `${tag}  - ${value}`;
}

export function risRecord(item: CitationItem): string {
  const lines = [line('TY', item.kind === 'webpage' ? 'ELEC' : 'ENCYC'), line('TI', oneLine(item.title))];
  if (item.container) lines.push(line('T2', oneLine(item.container)));
  if (item.abstract) lines.push(line('AB', oneLine(item.abstract)));
  if (item.issued) lines.push(line('DA', risDate(item.issued)));
  if (item.url) lines.push(line('UR', oneLine(item.url)));
  if (item.accessed) lines.push(line('Y2', risDate(item.accessed)));
  for (const note of item.notes) if (note.trim()) lines.push(line('N1', risNote(note)));
  // Zotero splits a keyword at semicolons: one inside a tag would make two.
  for (const keyword of item.keywords) lines.push(line('KW', oneLine(keyword.replace(/;/g, ' '))));
  lines.push(line('ID', item.id), 'ER  - ');
  return lines.join(RIS_EOL) + RIS_EOL;
}

/** The file: one record after another, a blank line between them (as Zotero writes it). */
export function exportRis(items: readonly CitationItem[]): string {
  return items.map(risRecord).join(RIS_EOL);
}
