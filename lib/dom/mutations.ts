/**
 * Watches the page for new or changed text and reports the blocks to read again, batched at idle
 * time. Backstory's own changes (its card, its fallback marks) are never reported, so marking can
 * never feed a rescan loop; a page that mutates without pause is watched with growing delays.
 */
import { isBlock } from './text-index';

export interface MutationWatcherOptions {
  /** Whether a node is Backstory's own (its card host, its marks). */
  isOwn(node: Node): boolean;
  /** The nearest block that holds a node. */
  blockFor(node: Node): Node;
  /** Receives the changed blocks, none inside another. */
  onChange(blocks: Node[]): void;
}

const BASE_DELAY_MS = 150;
const MAX_DELAY_MS = 3000;

export class MutationWatcher {
  private readonly observer: MutationObserver;
  private readonly pending = new Set<Node>();
  private timer = 0;
  private delay = BASE_DELAY_MS;
  private lastFlush = 0;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly options: MutationWatcherOptions,
  ) {
    this.observer = new win.MutationObserver((records) => this.collect(records));
  }

  observe(root: Node): void {
    this.observer.observe(root, { childList: true, characterData: true, subtree: true });
  }

  disconnect(): void {
    this.observer.disconnect();
    this.win.clearTimeout(this.timer);
    this.pending.clear();
  }

  /** Runs `change` (Backstory's own DOM edits) without reporting what it does. */
  ignoring<T>(change: () => T): T {
    this.collect(this.observer.takeRecords());
    try {
      return change();
    } finally {
      this.observer.takeRecords();
    }
  }

  private collect(records: MutationRecord[]): void {
    const { isOwn, blockFor } = this.options;
    for (const record of records) {
      const target = record.target;
      if (isOwn(target)) continue;
      if (record.type === 'characterData') {
        this.pending.add(blockFor(target));
        continue;
      }
      const added = [...record.addedNodes].filter((n) => !isOwn(n));
      const removed = [...record.removedNodes].filter((n) => !isOwn(n));
      if (added.length === 0 && removed.length === 0) continue;
      if (removed.length === 0 && added.every((n) => standsAlone(n))) {
        // New blocks beside other blocks (infinite scroll, a new comment): read only them.
        for (const node of added) if (node.nodeType === 1) this.pending.add(node);
      } else {
        this.pending.add(blockFor(target));
      }
    }
    if (this.pending.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    // A page that keeps changing is read less and less often, up to every few seconds.
    const now = performance.now();
    this.delay = now - this.lastFlush < this.delay * 2 ? Math.min(this.delay * 2, MAX_DELAY_MS) : BASE_DELAY_MS;
    this.timer = this.win.setTimeout(() => this.flush(), this.delay);
  }

  private flush(): void {
    this.timer = 0;
    this.lastFlush = performance.now();
    const blocks = outermost([...this.pending].filter((n) => n.isConnected));
    this.pending.clear();
    if (blocks.length > 0) this.options.onChange(blocks);
  }
}

/** A node whose text cannot join the text around it: a block element between blocks, or blank text. */
function standsAlone(node: Node): boolean {
  if (node.nodeType === 3) return !/\S/.test((node as Text).data);
  if (node.nodeType !== 1 || !isBlock(node as Element)) return false;
  const neighbours = [node.previousSibling, node.nextSibling];
  return neighbours.every(
    (n) => !n || (n.nodeType === 1 && isBlock(n as Element)) || (n.nodeType === 3 && !/\S/.test((n as Text).data)) || n.nodeType === 8,
  );
}

/** Drops every node that lies inside another one of the list. */
export function outermost(nodes: Node[]): Node[] {
  const set = new Set(nodes);
  return [...set].filter((node) => {
    for (let up = node.parentNode; up; up = up.parentNode) if (set.has(up)) return false;
    return true;
  });
}
