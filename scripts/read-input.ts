/**
 * Reads a .txt or .html file into the text Backstory would scan, with a one-line error for anything
 * it cannot read (missing, a directory, binary, not UTF-8, too large).
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Window } from 'happy-dom';
import type { Segment } from '../lib/annotate';
import { buildTextIndex } from '../lib/dom/text-index';

export class InputError extends Error {}

/** Larger files are refused rather than read: the command must answer, not hang. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);

/** The text Backstory would scan; for HTML, also its paragraphs, which the content script reads one by one. */
export interface InputDocument {
  text: string;
  segments?: Segment[];
}

export async function readInputText(path: string): Promise<string> {
  return (await readInput(path)).text;
}

export async function readInput(path: string): Promise<InputDocument> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (info.isDirectory()) throw new InputError(`${path}: is a directory, not a file`);
  if (!info.isFile()) throw new InputError(`${path}: not a regular file`);
  if (info.size > MAX_INPUT_BYTES) {
    throw new InputError(`${path}: file is ${(info.size / 2 ** 20).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / 2 ** 20} MiB`);
  }
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  if (bytes.includes(0)) throw new InputError(`${path}: binary file (contains NUL bytes), expected text or HTML`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not valid UTF-8 text`);
  }
  return HTML_EXTENSIONS.has(extname(path).toLowerCase()) ? htmlToScannedDocument(text) : { text };
}

/** The text the content script would scan in this HTML, built by the same text index. */
export function htmlToScannedText(html: string): string {
  return htmlToScannedDocument(html).text;
}

/** The scanned text of this HTML and its paragraphs (with their white-space rule). */
export function htmlToScannedDocument(html: string): InputDocument {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    const root = (doc.body ?? doc.documentElement) as unknown as Node;
    const index = buildTextIndex(root);
    return { text: index.text, segments: index.segments };
  } finally {
    void window.happyDOM.close();
  }
}
