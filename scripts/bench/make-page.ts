/**
 * Generates a long news-like page (about 1 MB of text) for the benchmarks: paragraphs with inline
 * markup, lists, a table and many mentions in several languages. Deterministic: the same page every run.
 */

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s ^= s + Math.imul(s ^ (s >>> 7), 61);
    return ((s ^ (s >>> 14)) >>> 0) / 4294967296;
  };
}

export const FILLER = [
  'officials said the talks would resume after the holiday',
  'the report was published late on Tuesday evening',
  'analysts expect the figures to be revised next quarter',
  'several ministries declined to comment on the matter',
  'the committee met twice before reaching a decision',
  'local newspapers carried the statement in full',
  'trade volumes fell for the third month in a row',
  'the court adjourned the hearing until next week',
  'observers noted a sharp change in tone',
  'the agreement still needs approval from parliament',
];

export const NAMES = [
  'Alexander Lukashenko',
  'Lukashenko',
  'Sviatlana Tsikhanouskaya',
  'Ales Bialiatski',
  'Viasna',
  'Belarus',
  'Minsk',
  'Belavia',
  'the U.S. State Department',
  'Donald Trump',
  'Vladimir Putin',
  'Лукашенко',
  'Łukaszenka',
  'Тихановская',
  'sanctions on Belarus',
  'political prisoners in Belarus',
  'Maria Kalesnikava',
  'John Coale',
  'the European Union',
  'Lithuania',
];

/**
 * `mentionRate`: the share of sentences that name someone. 1 gives a dense page (a mention every
 * ~80 characters); 0.08 is closer to a long news page (about one per 1,000 characters).
 */
export function makeBenchPage(targetChars = 1_000_000, mentionRate = 1, seed = 42): string {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sentence = () => {
    if (random() >= mentionRate) {
      const a = pick(FILLER);
      return `${a.charAt(0).toUpperCase() + a.slice(1)}, while ${pick(FILLER)}.`;
    }
    const name = pick(NAMES);
    const filler = pick(FILLER);
    const capital = filler.charAt(0).toUpperCase() + filler.slice(1);
    return random() < 0.5 ? `${capital}, and <a href="#">${name}</a> was mentioned again.` : `According to <b>${name}</b>, ${filler}.`;
  };
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Benchmark page</title></head><body><main>'];
  let chars = 0;
  let block = 0;
  while (chars < targetChars) {
    block++;
    let html: string;
    if (block % 25 === 0) {
      const rows = Array.from({ length: 5 }, () => `<tr><td>${sentence()}</td><td>${pick(FILLER)}</td></tr>`).join('');
      html = `<table>${rows}</table>`;
    } else if (block % 10 === 0) {
      html = `<ul>${Array.from({ length: 4 }, () => `<li>${sentence()}</li>`).join('')}</ul>`;
    } else {
      html = `<p>${Array.from({ length: 4 + Math.floor(random() * 4) }, sentence).join(' ')}</p>`;
    }
    parts.push(html);
    chars += html.replace(/<[^>]+>/g, '').length;
  }
  parts.push('</main></body></html>');
  return parts.join('\n');
}
