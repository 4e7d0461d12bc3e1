/**
 * The page's reading text, paragraph by paragraph, with a map back to its text nodes. It follows
 * block structure: inline markup joins ("<b>Ales</b> Bialiatski" reads "Ales Bialiatski"), while a
 * block boundary ends the paragraph, so no name can span two. DOM only: it runs in the page, in tests
 * under happy-dom, and in the annotate command.
 */

/** Backstory's card host; on a page that took that name for itself, the card uses `backstory-card-<random>`. */
export const CARD_ELEMENT = 'backstory-card';
export const isCardElement = (localName: string): boolean => localName === CARD_ELEMENT || localName.startsWith(`${CARD_ELEMENT}-`);

/** Elements whose text is not reading text, or is not ours to touch. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'code',
  'pre',
  'kbd',
  'samp',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'head',
  'title',
  'backstory-card',
  'backstory-mark-host',
]);

/** Elements that do not break the flow of text. Anything else (custom elements aside) starts a block. */
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'backstory-mark',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'label',
  'mark',
  'nobr',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

/** How paragraphs are joined into one text (the annotate command's offsets count these characters). */
export const PARAGRAPH_SEPARATOR = '\n\n';

export interface Paragraph {
  text: string;
  nodes: Text[];
  /** Offset in `text` at which each node's data starts. */
  starts: number[];
  /**
   * True when the paragraph's white space is collapsible (CSS `white-space` other than pre, pre-wrap and
   * break-spaces) and it holds a run that matters: a name broken over a line of indented source is one name.
   * Set only for paragraphs with a long run of white space; elsewhere the difference cannot show.
   */
  collapse?: boolean;
}

/** A run of white space that a matcher would take differently if it collapses: longer than a gap, or a blank line. */
const LONG_WHITE_SPACE = /[ \t\r\n\f\u00a0]{9,}|\n[ \t\r\f\u00a0]*\n/;

/** Whether the browser collapses the white space of text in `element` (per its computed `white-space`). */
export function collapsesWhiteSpace(element: Element): boolean {
  const win = element.ownerDocument.defaultView;
  const style = win?.getComputedStyle(element) as (CSSStyleDeclaration & { whiteSpaceCollapse?: string }) | undefined;
  const collapse = style?.whiteSpaceCollapse;
  if (collapse) return collapse === 'collapse' || collapse === 'preserve-breaks';
  const whiteSpace = style?.whiteSpace;
  if (whiteSpace) return whiteSpace !== 'pre' && whiteSpace !== 'pre-wrap' && whiteSpace !== 'break-spaces';
  // No computed style (a DOM without CSS, as in the annotate command): the elements that keep white space by default.
  return element.closest('pre, textarea, listing, xmp, plaintext') === null;
}

/** The elements that hold a language switcher: a link list, a menu, a select. */
const LIST_LIKE = 'nav, ul, ol, menu, select, [role="navigation"], [role="menu"], [role="menubar"], [role="listbox"]';

function primaryLanguage(tag: string | null): string {
  return (tag ?? '').split('-')[0]!.trim().toLowerCase();
}

/**
 * A language switcher's entry, which is navigation and not reading text ("Polski" in a list of languages is not
 * Poland): a link with `hreflang`, or an element in another language than the page that sits in a list or menu
 * whose entries are in at least two languages.
 */
export function isLanguageSwitch(element: Element): boolean {
  if (element.localName === 'a' && element.hasAttribute('hreflang')) return true;
  if (!element.hasAttribute('lang')) return false;
  const own = primaryLanguage(element.getAttribute('lang'));
  const page = primaryLanguage(element.ownerDocument.documentElement?.getAttribute('lang') ?? null);
  if (own === '' || own === page) return false;
  const list = element.parentElement?.closest(LIST_LIKE);
  if (!list) return false;
  const languages = new Set<string>();
  for (const entry of list.querySelectorAll('[lang]')) {
    languages.add(primaryLanguage(entry.getAttribute('lang')));
    if (languages.size >= 2) return true;
  }
  return false;
}

/** Skipped by its name alone. A plain-text file is shown as one <pre>: that one is reading text. */
function skippedByName(element: Element): boolean {
  if (isCardElement(element.localName)) return true;
  if (!SKIPPED.has(element.localName)) return false;
  return !(
    element.localName === 'pre' &&
    element.ownerDocument.contentType === 'text/plain' &&
    element.parentNode === element.ownerDocument.body
  );
}

export function isSkipped(element: Element): boolean {
  if (skippedByName(element)) return true;
  if (element.hasAttribute('hidden')) return true;
  if (isLanguageSwitch(element)) return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

export function isBlock(element: Element): boolean {
  // Custom elements are usually inline wrappers (<x-name>); treating them as inline keeps names whole.
  return !INLINE.has(element.localName) && !element.localName.includes('-');
}

/** The nearest block element that contains `node` (or `node` itself), within `root`. */
export function blockOf(node: Node, root: Node): Node {
  let current: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (current && current !== root) {
    if (current.nodeType === 1 && isBlock(current as Element)) return current;
    if (current.nodeType === 11) return current; // a shadow root is its own block
    current = current.parentNode;
  }
  return root;
}

/** True when `node` or one of its ancestors (across shadow roots to their hosts) is skipped. */
export function isInSkippedRegion(node: Node): boolean {
  for (let current: Node | null = node; current; ) {
    if (current.nodeType === 1 && isSkipped(current as Element)) return true;
    current = current.nodeType === 11 ? ((current as ShadowRoot).host ?? null) : current.parentNode;
  }
  return false;
}

/** A marker the walker yields every so many nodes, so a caller can pause on a huge page. */
export const PAUSE = null;
const NODES_PER_PAUSE = 2000;

interface Container {
  skipped: boolean;
  /** The nearest block element (or the root): text nodes with different blocks are in different paragraphs. */
  block: Node;
}

/**
 * Yields the paragraphs under `root` in document order (PAUSE now and then), then those of the open
 * shadow roots inside it, each reported to `onShadowRoot`. The browser's own TreeWalker visits the
 * text nodes; each element is looked at once, when a text node first needs it. No recursion, so a
 * page nested ten thousand levels deep cannot overflow the stack.
 */
export function* paragraphsOf(root: Node, onShadowRoot?: (shadow: ShadowRoot) => void): Generator<Paragraph | typeof PAUSE, void, void> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  // A block read again after a change may itself be, or sit in, a region that is not reading text.
  if (isInSkippedRegion(root)) return;
  const containers = new Map<Node, Container>();
  containers.set(root, { skipped: false, block: root });
  // One native query finds the elements whose attributes may hide them or make them editable.
  const scope = root as ParentNode;
  const flagged = new Set<Node>(scope.querySelectorAll ? scope.querySelectorAll('[hidden],[contenteditable],a[hreflang],[lang]') : []);

  const containerOf = (parent: Node): Container => {
    const chain: Node[] = [];
    let node: Node | null = parent;
    while (node && !containers.has(node)) {
      chain.push(node);
      node = node.parentNode;
    }
    let base = node ? containers.get(node)! : containers.get(root)!;
    for (let i = chain.length - 1; i >= 0; i--) {
      const element = chain[i]!;
      if (!base.skipped && element.nodeType === 1) {
        const el = element as Element;
        if (skippedByName(el) || (flagged.has(el) && isSkipped(el))) base = { skipped: true, block: base.block };
        else if (isBlock(el)) base = { skipped: false, block: el };
      }
      containers.set(element, base);
    }
    return base;
  };

  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let hasLetters = false;
  let block: Node | null = null;
  let last: Text | null = null;
  const take = (): Paragraph | null => {
    let paragraph: Paragraph | null = null;
    if (hasLetters) {
      const text = parts.join('');
      paragraph = { text, nodes, starts };
      if (LONG_WHITE_SPACE.test(text)) {
        const node = nodes.find((n) => LONG_WHITE_SPACE.test(n.data)) ?? nodes[0]!;
        if (node.parentElement && collapsesWhiteSpace(node.parentElement)) paragraph.collapse = true;
      }
    }
    nodes = [];
    starts = [];
    parts = [];
    length = 0;
    hasLetters = false;
    return paragraph;
  };

  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let visited = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (++visited % NODES_PER_PAUSE === 0) yield PAUSE;
    const parent = node.parentNode!;
    const container = containers.get(parent) ?? containerOf(parent);
    if (container.skipped) continue;
    const data = node.data;
    if (data.length === 0) continue;
    let separator = '';
    if (container.block !== block) {
      const done = take();
      if (done) yield done;
      block = container.block;
    } else if (last && last.parentNode === parent && last.nextSibling !== node) {
      // Siblings between two text nodes of one parent: a <br> is a line break, a block ends the paragraph.
      for (let between: Node | null = last.nextSibling; between && between !== node; between = between.nextSibling) {
        if (between.nodeType !== 1) continue;
        const el = between as Element;
        if (el.localName === 'br') separator = '\n';
        else if (isBlock(el) && !SKIPPED.has(el.localName)) {
          separator = '';
          const done = take();
          if (done) yield done;
          break;
        }
      }
    }
    last = node;
    if (separator && length > 0) {
      parts.push(separator);
      length += separator.length;
    }
    nodes.push(node);
    starts.push(length);
    parts.push(data);
    length += data.length;
    if (!hasLetters && /\S/.test(data)) hasLetters = true;
  }
  const done = take();
  if (done) yield done;

  // Open shadow roots: their text is not in the light tree the walker saw.
  const elements = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let el = elements.nextNode() as Element | null; el; el = elements.nextNode() as Element | null) {
    const shadow = (el as HTMLElement).shadowRoot;
    if (!shadow) continue;
    const container = containers.get(el) ?? containerOf(el);
    if (container.skipped) continue;
    onShadowRoot?.(shadow);
    yield* paragraphsOf(shadow, onShadowRoot);
  }
}

/** A paragraph's place in the joined text, and whether its white space collapses (see Paragraph). */
export interface TextSegment {
  start: number;
  end: number;
  collapse?: boolean;
}

/** All paragraphs joined into one text, with the node map: what the annotate command scans. */
export interface TextIndex extends Paragraph {
  /** The paragraphs, in order: the annotate command reads each as the content script does. */
  segments: TextSegment[];
}

export function buildTextIndex(root: Node): TextIndex {
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  for (const paragraph of paragraphsOf(root)) {
    if (!paragraph) continue;
    if (length > 0) {
      parts.push(PARAGRAPH_SEPARATOR);
      length += PARAGRAPH_SEPARATOR.length;
    }
    const segment: TextSegment = { start: length, end: length + paragraph.text.length };
    if (paragraph.collapse) segment.collapse = true;
    segments.push(segment);
    for (let i = 0; i < paragraph.nodes.length; i++) {
      nodes.push(paragraph.nodes[i]!);
      starts.push(length + paragraph.starts[i]!);
    }
    parts.push(paragraph.text);
    length += paragraph.text.length;
  }
  return { text: parts.join(''), nodes, starts, segments };
}

/** Index of the node that holds `offset` (the last node starting at or before it). */
export function nodeAt(paragraph: Paragraph, offset: number): number {
  const starts = paragraph.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface DomSpan {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

/** The DOM positions of the text offsets [start, end), which must lie on text (not on a separator). */
export function domSpan(paragraph: Paragraph, start: number, end: number): DomSpan {
  const first = nodeAt(paragraph, start);
  const last = nodeAt(paragraph, end - 1);
  return {
    startContainer: paragraph.nodes[first]!,
    startOffset: start - paragraph.starts[first]!,
    endContainer: paragraph.nodes[last]!,
    endOffset: end - paragraph.starts[last]!,
  };
}
