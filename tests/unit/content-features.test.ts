/**
 * Page features register one way (entrypoints/content/feature.ts), as refined-github's meta-tests keep
 * its features honest: every file in features/ is a defineFeature listed in FEATURES, a feature that
 * throws does not stop the others, and a feature can be tested against a fake session.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineFeature, startFeatures } from '../../entrypoints/content/feature';
import { FEATURES } from '../../entrypoints/content/features';
import popupBridge from '../../entrypoints/content/features/popup-bridge';
import type { PageSession } from '../../entrypoints/content/session';

const FOLDER = resolve(__dirname, '../../entrypoints/content/features');

beforeEach(() => fakeBrowser.reset());

describe('the page features', () => {
  it('every file in features/ is one feature, listed once in FEATURES', async () => {
    const files = readdirSync(FOLDER).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const exported = await Promise.all(files.map(async (f) => (await import(`${FOLDER}/${f}`)).default));
    expect(exported.every((feature) => typeof feature?.id === 'string' && typeof feature.init === 'function')).toBe(true);
    expect([...FEATURES].sort((a, b) => a.id.localeCompare(b.id))).toEqual(exported.sort((a, b) => a.id.localeCompare(b.id)));
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(FEATURES.length);
  });

  it('a feature that throws is reported, and the others still start; top-frame features skip frames', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const started: string[] = [];
    const features = [
      defineFeature({ id: 'first', init: () => void started.push('first') }),
      defineFeature({
        id: 'throws',
        init() {
          throw new Error('boom');
        },
      }),
      defineFeature({ id: 'after', init: () => void started.push('after') }),
      defineFeature({ id: 'top', topFrameOnly: true, init: () => void started.push('top') }),
    ];
    startFeatures({} as PageSession, features, false);
    expect(started).toEqual(['first', 'after']);
    expect(warn).toHaveBeenCalledWith('Backstory: feature throws failed:', expect.any(Error));
    warn.mockRestore();
  });
});

describe('the popup bridge, against a fake session', () => {
  /** A session holding three mentions: two of Viasna, one of Lukashenko. */
  function fakeSession(): PageSession {
    const mention = (entity: string) => ({ entity }) as never;
    const mentions = [mention('viasna'), mention('alexander-lukashenko'), mention('viasna')];
    const controller = new AbortController();
    return {
      signal: controller.signal,
      ctx: { onInvalidated: (fn: () => void) => controller.signal.addEventListener('abort', fn), signal: controller.signal },
      card: null,
      page: {
        mentions: () => mentions,
        entityId: (m: { entity: string }) => m.entity,
      },
    } as unknown as PageSession;
  }

  it('counts the mentions per entity, most mentioned first, for the popup', async () => {
    popupBridge.init(fakeSession());
    const answer = await new Promise<{ res?: unknown }>((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(
        { id: 1, type: 'getPageMentions', timestamp: 0 },
        { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') } as never,
        resolve as never,
      );
    });
    expect(answer.res).toEqual([
      { entity: 'viasna', count: 2 },
      { entity: 'alexander-lukashenko', count: 1 },
    ]);
  });
});
