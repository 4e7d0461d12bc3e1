/**
 * The canonical form of a page address, so that a note made on a link with tracking parameters is
 * found again on the same page without them. Pure.
 */

/** Query parameters that say who sent the reader, never which page it is. */
const TRACKING_EXACT = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'igshid',
  'igsh',
  'si',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  '_openstat',
  'spm',
  'scid',
  'cmpid',
  's_cid',
  'ito',
  'ocid',
  'sr_share',
  'at_medium',
  'at_campaign',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'ga_', '_ga'];

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_EXACT.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Drops the fragment and the tracking parameters, keeps every other parameter in its order (they may
 * well choose the page: `?id=42`, `?page=2`). An address that does not parse comes back unchanged.
 */
export function canonicalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = '';
  if (parsed.search) {
    // Rebuild by hand: URLSearchParams would re-encode the parameters it keeps ("a b" → "a+b").
    const kept = parsed.search
      .slice(1)
      .split('&')
      .filter((pair) => {
        if (!pair) return false;
        const name = pair.split('=')[0]!;
        let decoded = name;
        try {
          decoded = decodeURIComponent(name.replace(/\+/g, ' '));
        } catch {
          // keep the raw name
        }
        return !isTrackingParam(decoded);
      });
    parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  }
  return parsed.href;
}
