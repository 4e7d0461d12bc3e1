/** The first-run page opens after a real install only: not on update, not for an unpacked copy, not under automation. */
import { describe, expect, it } from 'vitest';
import { shouldWelcome } from '../../lib/ext/first-run';

describe('shouldWelcome', () => {
  it('opens after an install from a store or a packed file', () => {
    expect(shouldWelcome('install', 'normal', false)).toBe(true);
    expect(shouldWelcome('install', 'sideload', false)).toBe(true);
    expect(shouldWelcome('install', undefined, false)).toBe(true);
  });

  it('stays shut after an update, for a developer’s unpacked copy, and in a browser driven by automation', () => {
    expect(shouldWelcome('update', 'normal', false)).toBe(false);
    expect(shouldWelcome('install', 'development', false)).toBe(false);
    expect(shouldWelcome('install', 'normal', true)).toBe(false);
  });
});
