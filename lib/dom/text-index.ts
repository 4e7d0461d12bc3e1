/**
 * The page's reading text as one string, with a map back to its text nodes. It follows block
 * structure: inline markup joins ("<b>Ales</b> Bialiatski" reads "Ales Bialiatski"), while block
 * boundaries become a blank line, which no name may span. DOM only: it runs in the page, in tests
 * under happy-dom, and in the annotate command.
 */

/** Elements whose text is not reading text, or is not ours to touch. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'code', 'pre', 'kbd', 'samp', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video',
  'audio', 'head', 'title', 'backstory-card',
]);

/** Elements that do not break the flow of text. Anything else (custom elements aside) starts a block. */
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'label', 'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

export const BLOCK_SEPARATOR = '\n\n';

export interface TextIndex {
  text: string;
  nodes: Text[];
  /** Offset in `text` at which each node's data starts. */
  starts: number[];
}

function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.localName)) return true;
  if (element.hasAttribute('hidden')) return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

function isBlock(element: Element): boolean {
  // Custom elements are usually inline wrappers (<x-name>); treating them as inline keeps names whole.
  return !INLINE.has(element.localName) && !element.localName.includes('-');
}

class Builder {
  readonly parts: string[] = [];
  readonly nodes: Text[] = [];
  readonly starts: number[] = [];
  length = 0;
  private pendingBreak = false;

  addText(node: Text): void {
    const data = node.data;
    if (data.length === 0) return;
    if (this.pendingBreak) {
      this.parts.push(BLOCK_SEPARATOR);
      this.length += BLOCK_SEPARATOR.length;
      this.pendingBreak = false;
    }
    this.nodes.push(node);
    this.starts.push(this.length);
    this.parts.push(data);
    this.length += data.length;
  }

  addLineBreak(): void {
    if (this.length === 0 || this.pendingBreak) return;
    this.parts.push('\n');
    this.length += 1;
  }

  breakBlock(): void {
    if (this.length > 0) this.pendingBreak = true;
  }

  /** Walks a subtree without recursion, so a page nested ten thousand levels deep cannot overflow the stack. */
  walk(root: Node): void {
    let node: Node | null = root.firstChild;
    while (node) {
      let descend = false;
      if (node.nodeType === 3) {
        this.addText(node as Text);
      } else if (node.nodeType === 1) {
        const element = node as Element;
        if (element.localName === 'br') {
          this.addLineBreak();
        } else if (!isSkipped(element)) {
          if (isBlock(element)) this.breakBlock();
          const shadow = (element as HTMLElement).shadowRoot;
          if (shadow) {
            this.breakBlock();
            this.walk(shadow);
            this.breakBlock();
          }
          if (element.firstChild) descend = true;
          else if (isBlock(element)) this.breakBlock();
        }
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      while (node && node !== root && !node.nextSibling) {
        node = node.parentNode;
        if (node && node !== root && node.nodeType === 1 && isBlock(node as Element)) this.breakBlock();
      }
      node = node && node !== root ? node.nextSibling : null;
    }
  }
}

export function buildTextIndex(root: Node): TextIndex {
  const builder = new Builder();
  builder.walk(root);
  return { text: builder.parts.join(''), nodes: builder.nodes, starts: builder.starts };
}

/** Index of the node that holds `offset` (the last node starting at or before it). */
export function nodeAt(index: TextIndex, offset: number): number {
  const starts = index.starts;
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
export function domSpan(index: TextIndex, start: number, end: number): DomSpan {
  const first = nodeAt(index, start);
  const last = nodeAt(index, end - 1);
  return {
    startContainer: index.nodes[first]!,
    startOffset: start - index.starts[first]!,
    endContainer: index.nodes[last]!,
    endOffset: end - index.starts[last]!,
  };
}
