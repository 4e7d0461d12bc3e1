/**
 * CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): the reference format of
 * citation processors, which Zotero imports as items. Pages are `webpage` items, entities
 * `entry-encyclopedia` (see citations.ts). The researcher's notes go in `note`, one after another with a
 * line between them: Zotero keeps `note` (in the item's Extra field) where it would drop `annote`. Pure.
 */
import type { CitationItem } from './citations';

export interface CslDate {
  'date-parts': [number[]];
}

export interface CslItem {
  id: string;
  type: 'webpage' | 'entry-encyclopedia';
  title: string;
  'container-title'?: string;
  URL?: string;
  accessed?: CslDate;
  issued?: CslDate;
  abstract?: string;
  keyword?: string;
  note?: string;
}

/** A YYYY[-MM[-DD]] date as CSL date parts; undefined when there is none. */
export function cslDate(date: string): CslDate | undefined {
  const parts = date.split('-').filter(Boolean).map(Number);
  if (parts.length === 0 || parts.some((n) => !Number.isInteger(n))) return undefined;
  return { 'date-parts': [parts] };
}

/** Between two notes in the one `note` field. */
export const CSL_NOTE_SEPARATOR = '\n\n———\n\n';

export function toCslItem(item: CitationItem): CslItem {
  const csl: CslItem = { id: item.id, type: item.kind === 'webpage' ? 'webpage' : 'entry-encyclopedia', title: item.title };
  if (item.container) csl['container-title'] = item.container;
  if (item.url) csl.URL = item.url;
  const accessed = cslDate(item.accessed);
  if (accessed) csl.accessed = accessed;
  const issued = cslDate(item.issued);
  if (issued) csl.issued = issued;
  if (item.abstract) csl.abstract = item.abstract;
  // CSL keeps keywords as one string; Zotero and citeproc split it at commas.
  if (item.keywords.length > 0) csl.keyword = item.keywords.map((k) => k.replace(/,/g, ' ')).join(', ');
  if (item.notes.length > 0) csl.note = item.notes.join(CSL_NOTE_SEPARATOR);
  return csl;
}

export function exportCslJson(items: readonly CitationItem[]): string {
  return `${JSON.stringify(items.map(toCslItem), null, 2)}\n`;
}
