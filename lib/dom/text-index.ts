/**
 * The page's reading text, paragraph by paragraph, with a map back to its text nodes. It follows
 * block structure: inline markup joins ("<b>Ales</b> Bialiatski" reads "Ales Bialiatski"), while a
 * block boundary ends the paragraph, so no name can span two. DOM only: it runs in the page, in tests
 * under happy-dom, and in the annotate command.
 */

/** Elements whose text is not reading text, or is not ours to touch. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'code', 'pre', 'kbd', 'samp', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video',
  'audio', 'head', 'title', 'backstory-card', 'backstory-mark-host',
]);

/** Elements that do not break the flow of text. Anything else (custom elements aside) starts a block. */
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'backstory-mark', 'bdi', 'bdo', 'big', 'cite', 'data', 'del', 'dfn', 'em',
  'font', 'i', 'ins', 'label', 'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'small', 'span', 'strike',
  'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

/** How paragraphs are joined into one text (the annotate command's offsets count these characters). */
export const PARAGRAPH_SEPARATOR = '\n\n';

export interface Paragraph {
  text: string;
  nodes: Text[];
  /** Offset in `text` at which each node's data starts. */
  starts: number[];
}

export function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.localName)) return true;
  if (element.hasAttribute('hidden')) return true;
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

/** A marker the walker yields every so many nodes, so a caller can pause on a huge page with little text. */
export const PAUSE = null;
const NODES_PER_PAUSE = 2000;

/**
 * Yields the paragraphs under `root` in document order (PAUSE now and then). Iterative, not
 * recursive: a page nested ten thousand levels deep cannot overflow the stack. Open shadow roots
 * are read where their host stands and reported to `onShadowRoot`.
 */
export function* paragraphsOf(
  root: Node,
  onShadowRoot?: (shadow: ShadowRoot) => void,
): Generator<Paragraph | typeof PAUSE, void, void> {
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let hasLetters = false;
  let visited = 0;

  const take = (): Paragraph | null => {
    const paragraph = hasLetters ? { text: parts.join(''), nodes, starts } : null;
    nodes = [];
    starts = [];
    parts = [];
    length = 0;
    hasLetters = false;
    return paragraph;
  };

  // Each frame walks one tree (the document or a shadow root) from `node` until it climbs back to `top`.
  const frames: { top: Node; node: Node | null }[] = [{ top: root, node: root.firstChild }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    let node = frame.node;
    if (!node) {
      frames.pop();
      if (frames.length > 0) {
        const done = take(); // leaving a shadow root ends a paragraph
        if (done) yield done;
      }
      continue;
    }
    if (++visited % NODES_PER_PAUSE === 0) yield PAUSE;
    let descend = false;
    let boundary = false;
    let enterShadow: ShadowRoot | null = null;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data.length > 0) {
        nodes.push(node as Text);
        starts.push(length);
        parts.push(data);
        length += data.length;
        if (!hasLetters && /\S/.test(data)) hasLetters = true;
      }
    } else if (node.nodeType === 1) {
      const element = node as Element;
      if (element.localName === 'br') {
        if (length > 0) {
          parts.push('\n');
          length += 1;
        }
      } else if (!isSkipped(element)) {
        const block = isBlock(element);
        boundary = block;
        const shadow = (element as HTMLElement).shadowRoot;
        if (shadow) {
          enterShadow = shadow;
          onShadowRoot?.(shadow);
        }
        if (element.firstChild && !enterShadow) descend = true;
      }
    }
    if (boundary || enterShadow) {
      const done = take();
      if (done) yield done;
    }
    if (enterShadow) {
      // Read the shadow tree first, then the host's light children (shown where they are slotted).
      frame.node = afterShadowHost(node, frame.top);
      frames.push({ top: enterShadow, node: enterShadow.firstChild });
      continue;
    }
    if (descend) {
      frame.node = node.firstChild;
      continue;
    }
    // Climb to the next node, ending paragraphs when leaving block elements.
    while (node && node !== frame.top && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== frame.top && node.nodeType === 1 && isBlock(node as Element)) {
        const done = take();
        if (done) yield done;
      }
    }
    frame.node = node && node !== frame.top ? node.nextSibling : null;
  }
  const last = take();
  if (last) yield last;
}

/** Where to go after a shadow host: into its light children if it has any, else onwards. */
function afterShadowHost(host: Node, top: Node): Node | null {
  if (host.firstChild) return host.firstChild;
  let node: Node | null = host;
  while (node && node !== top && !node.nextSibling) node = node.parentNode;
  return node && node !== top ? node.nextSibling : null;
}

/** All paragraphs joined into one text, with the node map: what the annotate command scans. */
export interface TextIndex extends Paragraph {}

export function buildTextIndex(root: Node): TextIndex {
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  for (const paragraph of paragraphsOf(root)) {
    if (!paragraph) continue;
    if (length > 0) {
      parts.push(PARAGRAPH_SEPARATOR);
      length += PARAGRAPH_SEPARATOR.length;
    }
    for (let i = 0; i < paragraph.nodes.length; i++) {
      nodes.push(paragraph.nodes[i]!);
      starts.push(length + paragraph.starts[i]!);
    }
    parts.push(paragraph.text);
    length += paragraph.text.length;
  }
  return { text: parts.join(''), nodes, starts };
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
