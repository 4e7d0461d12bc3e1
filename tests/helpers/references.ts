/**
 * Reads exported references back with citation-js (a well-kept library that reference tools build on),
 * so the tests check the files as another program reads them, not as Backstory meant them.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { expect } from 'vitest';

export type CslRecord = Record<string, unknown>;

/** CSL-JSON as citation-js takes it in: its own idea of each item, bookkeeping removed. */
export function readCsl(text: string): CslRecord[] {
  const parsed = JSON.parse(text) as unknown;
  expect(plugins.input.type(parsed)).toBe('@csl/list+object');
  return new Cite(parsed).data.map(({ _graph, ...item }) => item);
}

/** A RIS file as citation-js reads it: CSL items, and the raw records tag by tag. */
export function readRis(text: string): { items: CslRecord[]; records: Record<string, string | string[]>[] } {
  expect(plugins.input.type(text)).toBe('@ris/file');
  return {
    items: new Cite(text).data.map(({ _graph, ...item }) => item),
    records: plugins.input.chainLink(text) as Record<string, string | string[]>[],
  };
}

/** What a reader of an HTML note (Zotero) shows: paragraphs and line breaks back to text, entities decoded. */
export function noteAsText(note: string): string {
  if (!note.startsWith('<p>')) return note;
  return note
    .replace(/^<p>|<\/p>$/g, '')
    .split('</p><p>')
    .map((p) => p.replace(/<br>/g, '\n'))
    .join('\n\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
