import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../lib/notes/url';

describe('canonical page URLs', () => {
  it('drops tracking parameters and keeps the others in order', () => {
    expect(canonicalUrl('https://news.example/a?utm_source=x&id=7&utm_medium=email&page=2&fbclid=abc')).toBe(
      'https://news.example/a?id=7&page=2',
    );
    expect(
      canonicalUrl('https://news.example/a?gclid=1&mc_cid=2&mc_eid=3&ref=hn&igshid=4&UTM_Campaign=5&msclkid=6&_hsenc=7&q=belarus'),
    ).toBe('https://news.example/a?q=belarus');
  });

  it('drops the fragment, and the "?" when no parameter is left', () => {
    expect(canonicalUrl('https://news.example/a?utm_source=x#comments')).toBe('https://news.example/a');
    expect(canonicalUrl('https://news.example/a#:~:text=Lukashenko')).toBe('https://news.example/a');
  });

  it('keeps parameters exactly as written (no re-encoding), and normalises the host', () => {
    expect(canonicalUrl('https://NEWS.example/a?q=a+b&x=%D0%9C%D1%96%D0%BD%D1%81%D0%BA&utm_term=z')).toBe(
      'https://news.example/a?q=a+b&x=%D0%9C%D1%96%D0%BD%D1%81%D0%BA',
    );
    expect(canonicalUrl('https://news.example/a?reference=1&prefix=2')).toBe('https://news.example/a?reference=1&prefix=2');
  });

  it('is idempotent, and leaves what is not a URL alone', () => {
    const once = canonicalUrl('https://news.example/a?b=1&utm_source=x&c=2#top');
    expect(canonicalUrl(once)).toBe(once);
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});
