/**
 * The pages of the load bench, written for it (deterministic: the same page every run): a typical
 * news article, long pages of many blocks, a page with no mention at all, one that arrives slowly,
 * one that grows as the reader scrolls, an article full of empty ad frames; plus two fixtures of the
 * e2e suite (a 200,000-node DOM and a mutation storm) whose timing checks live here now.
 */
import type { Page } from 'playwright-core';
import type { PageServer } from '../page-server';
import { FILLER, makeBenchPage, NAMES, prng } from './make-page';

const PEOPLE = [
  'Alexander Lukashenko',
  'Sviatlana Tsikhanouskaya',
  'Ales Bialiatski',
  'Maria Kalesnikava',
  'Viktar Babaryka',
  'Pavel Latushka',
  'Raman Pratasevich',
  'Andrzej Poczobut',
  'John Coale',
  'Keith Kellogg',
  'Marco Rubio',
  'Donald Trump',
  'Vladimir Putin',
];
const BODIES = ['the U.S. State Department', 'the European Union', 'Viasna', 'Belavia', 'Belaruskali', 'the KGB', 'the United Nations'];
const PLACES = ['Minsk', 'Vilnius', 'Warsaw', 'Brest', 'Hrodna', 'Lithuania', 'Poland', 'Belarus'];
const ARTICLE_FILLER = [
  ...FILLER,
  'the release had been negotiated for months',
  'families waited outside the border crossing since dawn',
  'the decision surprised diplomats in several capitals',
  'the prisoners were driven to the border in two buses',
  'none of the freed prisoners had asked for a pardon',
  'human rights groups said hundreds remain behind bars',
  'the airline had been barred from European airspace since 2021',
  'the potash exports are a large part of the economy',
  'the talks took place behind closed doors',
  'no timetable was given for further releases',
];

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Sentences of news prose; about half name someone the KB knows. */
function newsProse(random: () => number): () => string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const templates: (() => string)[] = [
    () => `${pick(PEOPLE)} said on ${pick(['Monday', 'Tuesday', 'Thursday', 'Friday'])} that ${pick(ARTICLE_FILLER)}.`,
    () => `In ${pick(PLACES)}, ${pick(ARTICLE_FILLER)}, according to ${pick(BODIES)}.`,
    () => `“${capital(pick(ARTICLE_FILLER))},” ${pick(PEOPLE)} told reporters in ${pick(PLACES)}.`,
    () => `${capital(pick(BODIES))} said ${pick(ARTICLE_FILLER)}.`,
    () => `${capital(pick(ARTICLE_FILLER))}, and <a href="#">${pick(PEOPLE)}</a> has not commented.`,
    () => `${capital(pick(ARTICLE_FILLER))}.`,
    () => `${capital(pick(ARTICLE_FILLER))}, while ${pick(ARTICLE_FILLER)}.`,
    () => `${capital(pick(ARTICLE_FILLER))}; ${pick(ARTICLE_FILLER)}.`,
  ];
  return () => pick(templates)();
}

const SITE_HEADER = `<header><a href="/">The Daily Ledger</a><nav>${[
  'World',
  'Europe',
  'Politics',
  'Business',
  'Climate',
  'Technology',
  'Culture',
  'Sport',
  'Opinion',
  'Podcasts',
]
  .map((s) => `<a href="#${s.toLowerCase()}">${s}</a>`)
  .join(' ')}</nav></header>`;

const SITE_FOOTER = `<footer><nav>${['About us', 'Contact', 'Careers', 'Advertise', 'Privacy', 'Terms of use', 'Cookie settings']
  .map((s) => `<a href="#">${s}</a>`)
  .join(' | ')}</nav><p>© 2025 The Daily Ledger. All rights reserved.</p></footer>`;

/** A typical news article: site chrome, a headline, about 30 KB of text, subheads, a quote, related links. */
export function makeArticle(options: { frames?: number; seed?: number } = {}): string {
  const random = prng(options.seed ?? 7);
  const sentence = newsProse(random);
  const body: string[] = [];
  let chars = 0;
  let paragraphs = 0;
  const frames = options.frames ?? 0;
  let framesLeft = frames;
  while (chars < 28_000) {
    paragraphs++;
    if (paragraphs % 9 === 0) body.push(`<h2>${capital(FILLER[paragraphs % FILLER.length]!)}</h2>`);
    if (paragraphs === 14) body.push(`<blockquote><p>“${capital(ARTICLE_FILLER[3]!)}.”</p><cite>${PEOPLE[1]}</cite></blockquote>`);
    if (paragraphs === 20) {
      body.push(`<ul class="facts">${Array.from({ length: 5 }, () => `<li>${sentence()}</li>`).join('')}</ul>`);
    }
    const text = Array.from({ length: 3 + Math.floor(random() * 3) }, sentence).join(' ');
    body.push(`<p>${text}</p>`);
    chars += text.replace(/<[^>]+>/g, '').length;
    // Ad slots: empty frames, as an ad script leaves them until it fills them (issue 16).
    if (framesLeft > 0 && paragraphs % 2 === 0) {
      body.push('<iframe title="Advertisement" width="300" height="250" style="border:0;display:block"></iframe>');
      framesLeft--;
    }
  }
  for (; framesLeft > 0; framesLeft--) body.push('<iframe title="Advertisement" width="300" height="250" style="border:0"></iframe>');
  const related = Array.from({ length: 6 }, () => `<li><a href="#">${sentence().replace(/<[^>]+>/g, '')}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lukashenko frees prisoners as U.S. envoy visits Minsk — The Daily Ledger</title>
<style>body{font:18px/1.5 Georgia,serif;margin:0}header,footer{background:#f4f4f4;padding:8px 24px}nav a{margin-right:12px}
article{max-width:680px;margin:24px auto}figure{margin:0}figure div{height:320px;background:#ccd}aside{max-width:680px;margin:24px auto}</style></head>
<body>${SITE_HEADER}<main><article>
<h1>Lukashenko frees 52 prisoners as U.S. envoy John Coale visits Minsk</h1>
<p class="standfirst">Sviatlana Tsikhanouskaya welcomed the release but said more than a thousand political prisoners remain in Belarus.</p>
<p class="byline">By Anna Reporter in Vilnius · 11 September 2025</p>
<figure><div></div><figcaption>Freed prisoners arrive at the Lithuanian border. Photograph: Agency</figcaption></figure>
${body.join('\n')}
</article><aside><h2>Related</h2><ul>${related}</ul></aside></main>${SITE_FOOTER}</body></html>`;
}

/** 5,000 small sections, each a heading, a paragraph and a list item: a long feed or live blog (about 1 MB). */
export function makeSectionsPage(sections = 5000, seed = 11): string {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sentence = () =>
    random() < 0.08 ? `According to <b>${pick(NAMES)}</b>, ${pick(FILLER)}.` : `${capital(pick(FILLER))}, while ${pick(FILLER)}.`;
  const parts: string[] = [];
  for (let i = 1; i <= sections; i++) {
    parts.push(`<section><h3>Update ${i}: ${capital(pick(FILLER))}</h3><p>${sentence()}</p><ul><li>${sentence()}</li></ul></section>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live updates</title></head><body><main><h1>Live updates</h1>
${parts.join('\n')}
</main></body></html>`;
}

/**
 * A page that grows as the reader scrolls: a few sections at first, twenty more whenever the reader
 * nears the bottom (the page's own script writes them, as a feed does after a fetch).
 */
export function makeInfiniteScrollPage(): string {
  const script = `
    (() => {
      let s = 99;
      const random = () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; s ^= s + Math.imul(s ^ (s >>> 7), 61); return ((s ^ (s >>> 14)) >>> 0) / 4294967296; };
      const names = ${JSON.stringify(NAMES)};
      const filler = ${JSON.stringify(ARTICLE_FILLER)};
      const pick = (list) => list[Math.floor(random() * list.length)];
      const cap = (t) => t.charAt(0).toUpperCase() + t.slice(1);
      const sentence = () => random() < 0.25 ? cap(pick(filler)) + ', according to ' + pick(names) + '.' : cap(pick(filler)) + ', while ' + pick(filler) + '.';
      const feed = document.getElementById('feed');
      let n = 0;
      const more = (count) => {
        const fragment = document.createDocumentFragment();
        for (let i = 0; i < count; i++) {
          const section = document.createElement('section');
          section.innerHTML = '<h3>Story ' + (++n) + ': ' + cap(pick(filler)) + '</h3><p>' + sentence() + ' ' + sentence() + ' ' + sentence() + '</p><ul><li>' + sentence() + '</li></ul>';
          fragment.appendChild(section);
        }
        feed.appendChild(fragment);
      };
      more(15);
      let loading = false;
      addEventListener('scroll', () => {
        if (loading || scrollY + innerHeight < document.documentElement.scrollHeight - 1500) return;
        loading = true;
        // As after a fetch: the next page of stories arrives a moment later.
        setTimeout(() => { more(20); loading = false; }, 30);
      }, { passive: true });
    })();`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Feed</title></head><body>${SITE_HEADER}<main><h1>Latest stories</h1><div id="feed"></div></main><script>${script}</script></body></html>`;
}

/** How the bench drives a page after it has settled (scrolls it, starts its storm), and what it reports. */
export type Drive = (page: Page) => Promise<Record<string, number>>;

/** Quiet time that counts as settled on a page that stopped changing a moment ago: Backstory watches
 * a page that keeps changing with growing delays, of up to 3 s (lib/dom/mutations.ts). */
export const AFTER_CHANGES_MS = 3500;
/** Quiet time that counts as settled on a page that loads once and stays as it is. */
export const STATIC_MS = 500;

export interface LoadPage {
  key: string;
  title: string;
  path: string;
  /** The budget for the extension's JS over the bare pass, if this page has one. */
  jsBudget?: { ratio: number; why: string };
  /** Quiet time that counts as settled after the load. */
  quietMs: number;
  /** What the bench does once the page has settled (scrolls it, starts its storm); then it waits for quiet again. */
  drive?: { run: Drive; quietMs: number };
  /** Measures first marks in the viewport after DOMContentLoaded. */
  firstMarks?: boolean;
  /** Compared with another page of the same text and no frames: the cost of its empty frames. */
  frames?: { count: number; samePageWithout: string };
}

const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);

/** Registers the generated pages on the server and returns the list, in the order they are measured. */
export function loadPages(server: PageServer): LoadPage[] {
  const article = makeArticle();
  const articleFrames = makeArticle({ frames: 20 });
  const sections = makeSectionsPage();
  const dense = makeBenchPage(1_000_000, 1);
  const noMentions = makeBenchPage(1_000_000, 0);
  const slow = makeBenchPage(1_000_000, 0.08, 5);
  const scroll = makeInfiniteScrollPage();
  server.route('/blank.html', html('<!doctype html><html><head><title>blank</title></head><body></body></html>'));
  server.route('/bench/article.html', html(article));
  server.route('/bench/article-frames.html', html(articleFrames));
  server.route('/bench/sections.html', html(sections));
  server.route('/bench/dense.html', html(dense));
  server.route('/bench/no-mentions.html', html(noMentions));
  server.route('/bench/scroll.html', html(scroll));
  // 1 MB in 30 pieces, one every 80 ms: the page is still arriving when Backstory's wait for it ends.
  server.route('/bench/slow.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const pieces = 30;
    const size = Math.ceil(slow.length / pieces);
    let sent = 0;
    const timer = setInterval(() => {
      res.write(slow.slice(sent * size, (sent + 1) * size));
      if (++sent === pieces) {
        clearInterval(timer);
        res.end();
      }
    }, 80);
    res.on('close', () => clearInterval(timer));
  });

  const scrollDown: Drive = async (page) => {
    for (let i = 0; i < 16; i++) {
      await page.mouse.wheel(0, 3000);
      await page.waitForTimeout(100);
    }
    return { sections: await page.evaluate('document.querySelectorAll("#feed section").length') };
  };
  const storm: Drive = async (page) => {
    const updates = (await page.evaluate('window.startStorm(3000)')) as number;
    return { ticks: (await page.evaluate('window.ticks')) as number, updates };
  };
  const onePage = { ratio: 4, why: '1 MB pages' };
  return [
    {
      key: 'article',
      title: 'typical news article',
      path: '/bench/article.html',
      jsBudget: { ratio: 3, why: 'typical article' },
      quietMs: STATIC_MS,
      firstMarks: true,
    },
    {
      key: 'frames',
      title: 'the same article with 20 empty ad frames',
      path: '/bench/article-frames.html',
      jsBudget: { ratio: 3, why: 'typical article' },
      quietMs: STATIC_MS,
      frames: { count: 20, samePageWithout: 'article' },
    },
    { key: 'sections', title: '1 MB: 5,000 small sections', path: '/bench/sections.html', jsBudget: onePage, quietMs: STATIC_MS },
    {
      key: 'dense',
      title: '1 MB: dense (a mention every ~80 characters)',
      path: '/bench/dense.html',
      jsBudget: onePage,
      quietMs: STATIC_MS,
    },
    {
      key: 'no-mentions',
      title: '1 MB: no mention at all',
      path: '/bench/no-mentions.html',
      jsBudget: { ratio: 2, why: 'page without mentions' },
      quietMs: STATIC_MS,
    },
    { key: 'slow', title: '1 MB arriving in 30 pieces over 2.4 s', path: '/bench/slow.html', jsBudget: onePage, quietMs: AFTER_CHANGES_MS },
    {
      key: 'scroll',
      title: 'infinite scroll (16 wheel turns)',
      path: '/bench/scroll.html',
      quietMs: STATIC_MS,
      drive: { run: scrollDown, quietMs: AFTER_CHANGES_MS },
    },
    {
      key: 'huge-dom',
      title: '200,000-node DOM (tests/fixtures/pages/huge-dom.html)',
      path: '/huge-dom.html',
      jsBudget: onePage,
      quietMs: STATIC_MS,
    },
    {
      key: 'storm',
      title: 'mutation storm: text rewritten every 4 ms for 3 s (mutation-storm.html)',
      path: '/mutation-storm.html',
      quietMs: STATIC_MS,
      drive: { run: storm, quietMs: AFTER_CHANGES_MS },
    },
  ];
}
