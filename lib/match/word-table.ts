/**
 * A set of word hashes with a few flag bits each, as an open-addressing table in typed arrays. The
 * scanner asks it once per word on the page, so it must be faster than a Map: no boxing, no
 * pointer chasing, one or two probes in a table that stays at most a quarter full (half full when
 * published: the published matcher data is read by every frame, and a smaller table is less to read).
 */
export class WordTable {
  private keys: Int32Array;
  private values: Uint8Array;
  private mask: number;
  private count = 0;

  /** `slotsPerEntry`: 4 keeps the table at most a quarter full, 2 at most half. */
  constructor(
    expected = 64,
    private readonly slotsPerEntry = 4,
  ) {
    let capacity = 16;
    while (capacity < expected * slotsPerEntry) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.values = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  /** A table filled elsewhere (published matcher data), used as it is: `keys.length` must be a power of two. */
  static of(keys: Int32Array, values: Uint8Array): WordTable {
    const table = new WordTable(0);
    table.keys = keys;
    table.values = values;
    table.mask = keys.length - 1;
    table.count = keys.length; // not counted: a first `add` grows the table, which counts as it rehashes
    return table;
  }

  /** The arrays, to publish (see `of`). */
  get arrays(): { keys: Int32Array; values: Uint8Array } {
    return { keys: this.keys, values: this.values };
  }

  /** Zero marks an empty slot, so the hash 0 is stored as 1; a rare false hit is caught by key verification. */
  private static slotKey(hash: number): number {
    return hash === 0 ? 1 : hash;
  }

  /** Flags stored for `hash`, or 0. */
  get(hash: number): number {
    const key = WordTable.slotKey(hash);
    const keys = this.keys;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const found = keys[slot]!;
      if (found === key) return this.values[slot]!;
      if (found === 0) return 0;
      slot = (slot + 1) & this.mask;
    }
  }

  /** ORs `flags` into the flags stored for `hash`. */
  add(hash: number, flags: number): void {
    if ((this.count + 1) * this.slotsPerEntry > this.keys.length) this.grow();
    const key = WordTable.slotKey(hash);
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (this.keys[slot] === 0) {
      this.keys[slot] = key;
      this.count++;
    }
    this.values[slot]! |= flags;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Uint8Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.add(keys[i]!, values[i]!);
  }
}
