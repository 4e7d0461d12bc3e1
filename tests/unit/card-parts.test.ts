/** The short hover card's choices: which facts it shows, and the gap a pointer crosses to reach it. */
import { describe, expect, it } from 'vitest';
import { inBridge } from '../../lib/dom/hover-bridge';
import { latestFacts } from '../../lib/kb/card';

describe('latestFacts', () => {
  it('takes the most recent dated facts, newest first, whatever the precision of their dates', () => {
    const facts = [{ date: '2020-08-09' }, { date: '2025' }, { date: '2021-07' }, { date: '2025-06-21' }, { date: '1994-07-20' }];
    expect(latestFacts(facts, 3).map((f) => f.date)).toEqual(['2025-06-21', '2025', '2021-07']);
    expect(latestFacts(facts.slice(0, 2), 3).map((f) => f.date)).toEqual(['2025', '2020-08-09']);
  });
});

describe('inBridge: the gap between a mention and its card', () => {
  const mention = [{ left: 100, top: 100, right: 180, bottom: 118 }];
  const below = { left: 90, top: 124, right: 470, bottom: 400 };
  const above = { left: 90, top: 10, right: 470, bottom: 94 };

  it('is the band between the mention and a card below it, as wide as both', () => {
    expect(inBridge(140, 121, mention, below)).toBe(true);
    expect(inBridge(400, 121, mention, below)).toBe(true);
    expect(inBridge(140, 140, mention, below)).toBe(false); // in the card: the card's own business
    expect(inBridge(60, 121, mention, below)).toBe(false);
    expect(inBridge(140, 60, mention, below)).toBe(false);
  });

  it('or above it; and a card that covers its mention has none', () => {
    expect(inBridge(140, 97, mention, above)).toBe(true);
    expect(inBridge(140, 121, mention, above)).toBe(false);
    expect(inBridge(140, 110, mention, { left: 0, top: 0, right: 300, bottom: 200 })).toBe(false);
  });

  it('uses the line of a wrapped mention nearest the card', () => {
    const wrapped = [
      { left: 400, top: 100, right: 460, bottom: 118 },
      { left: 0, top: 120, right: 40, bottom: 138 },
    ];
    expect(inBridge(20, 141, wrapped, { left: 0, top: 144, right: 380, bottom: 400 })).toBe(true);
  });
});
