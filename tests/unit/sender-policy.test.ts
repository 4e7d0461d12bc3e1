/**
 * The sender policy (lib/ext/messages.ts, lib/ext/sender-policy.ts): one table says who may send each
 * message, one check enforces it, and every handler is registered through that check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleToBackground, handleToContent, toBackgroundSenders, toContentSenders } from '../../lib/ext/messages';
import { checkSender, SenderRefused, senderKind } from '../../lib/ext/sender-policy';

const own = () => ({ id: fakeBrowser.runtime.id, origin: fakeBrowser.runtime.getURL('/') });
const extensionPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/notes.html') });
const contentScript = () => ({ id: fakeBrowser.runtime.id, url: 'https://news.example/story', tab: { id: 7 } });
const webPage = { url: 'https://news.example/story', tab: { id: 7 } };
const otherExtension = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };

/** Delivers a message the way @webext-core/messaging sends it, from `sender`; returns the handler's answer. */
async function deliver(type: string, data: unknown, sender: object): Promise<{ res?: unknown; err?: { message: string } }> {
  return new Promise((answer) => {
    void fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender as never, answer as never);
  });
}

beforeEach(() => fakeBrowser.reset());

describe('who sent a message', () => {
  it('tells Backstory pages from its content scripts, and refuses everything else', () => {
    expect(senderKind(extensionPage(), own())).toBe('extension');
    expect(senderKind({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') }, own())).toBe('extension');
    expect(senderKind(contentScript(), own())).toBe('content');
    expect(senderKind(webPage, own())).toBeNull();
    expect(senderKind(otherExtension, own())).toBeNull();
    // A page whose URL merely contains Backstory's origin is still a content script's page.
    expect(senderKind({ id: fakeBrowser.runtime.id, url: `https://evil.example/?${own().origin}` }, own())).toBe('content');
  });
});

describe('the policy table', () => {
  const pageOnly = [
    'getDraft',
    'newDraft',
    'saveNote',
    'deleteNote',
    'restoreNote',
    'exportNotes',
    'importNotes',
    'openPassage',
    'getDiagnostics',
  ] as const;

  it('a content script cannot save, delete, export, import or read drafts: only Backstory pages can', () => {
    for (const type of pageOnly) {
      expect(() => checkSender(toBackgroundSenders, type, contentScript(), own()), type).toThrow(SenderRefused);
      expect(checkSender(toBackgroundSenders, type, extensionPage(), own())).toBe('extension');
    }
  });

  it('web pages and other extensions can send nothing, in either direction', () => {
    for (const type of Object.keys(toBackgroundSenders) as (keyof typeof toBackgroundSenders)[]) {
      expect(() => checkSender(toBackgroundSenders, type, webPage, own())).toThrow(/outside Backstory/);
      expect(() => checkSender(toBackgroundSenders, type, otherExtension, own())).toThrow(SenderRefused);
    }
    for (const type of Object.keys(toContentSenders) as (keyof typeof toContentSenders)[]) {
      expect(() => checkSender(toContentSenders, type, webPage, own())).toThrow(SenderRefused);
      // One content script never commands another page's: only the popup and the worker talk to pages.
      expect(() => checkSender(toContentSenders, type, contentScript(), own())).toThrow(/content script/);
    }
  });
});

describe('handlers behind the check', () => {
  it('a refused sender never reaches the handler, and is told why', async () => {
    const save = vi.fn(() => ({ ok: true }) as never);
    handleToBackground('saveNote', save);
    const refused = await deliver('saveNote', { body: { text: 'stolen' } }, contentScript());
    expect(save).not.toHaveBeenCalled();
    expect(refused.err?.message).toMatch(/"saveNote" does not take messages from a content script/);
    const accepted = await deliver('saveNote', { body: { text: 'mine' } }, extensionPage());
    expect(save).toHaveBeenCalledTimes(1);
    expect(accepted.res).toEqual({ ok: true });
  });

  it('a content script answers the popup, never the page it runs in', async () => {
    const mentions = vi.fn(() => []);
    handleToContent('getPageMentions', mentions);
    expect((await deliver('getPageMentions', undefined, webPage)).err?.message).toMatch(/outside Backstory/);
    expect(mentions).not.toHaveBeenCalled();
    expect((await deliver('getPageMentions', undefined, extensionPage())).res).toEqual([]);
  });

  it('no source file registers a handler any other way', () => {
    const root = resolve(__dirname, '../..');
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
      );
    const direct = ['lib', 'entrypoints', 'components']
      .flatMap(files)
      .filter(
        (f) =>
          f !== 'lib/ext/messages.ts' &&
          /\b(toBackground|toContent)\.onMessage\(|runtime\.onMessage\./.test(readFileSync(join(root, f), 'utf8')),
      );
    expect(direct).toEqual([]);
  });
});
