/** What an import would change, decided before anything is written (the dry run), and then applied. Pure. */
import type { ParsedImport, Rejection } from './jsonld';
import { sameContent, type Note, type Pin } from './model';

export interface ImportPlan {
  added: Note[];
  updated: Note[];
  unchanged: number;
  rejected: Rejection[];
  /** Pins in the file that are not pinned yet. */
  pins: Pin[];
}

/** The report a person reads before confirming an import (and after it). */
export interface ImportReport {
  new: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  pins: number;
}

/**
 * Merges by id: a note not stored yet is new; one whose content differs and is at least as recent
 * as the stored one replaces it; an identical one is unchanged. A file never overwrites a note that
 * was edited after the file's version: that annotation is rejected, and the stored note kept.
 */
export function planImport(parsed: ParsedImport, stored: ReadonlyMap<string, Note>, pinned: readonly Pin[]): ImportPlan {
  const plan: ImportPlan = { added: [], updated: [], unchanged: 0, rejected: [...parsed.rejected], pins: [] };
  parsed.notes.forEach((note, i) => {
    const current = stored.get(note.id);
    if (!current) plan.added.push(note);
    else if (sameContent(current, note)) plan.unchanged++;
    else if (Date.parse(note.modified) < Date.parse(current.modified))
      plan.rejected.push({
        index: parsed.positions[i] ?? -1,
        id: note.id,
        reason: `a newer version of this note is stored (modified ${current.modified})`,
      });
    else plan.updated.push(note);
  });
  plan.rejected.sort((a, b) => a.index - b.index);
  const have = new Set(pinned.map((p) => p.entity));
  plan.pins = parsed.pins.filter((p) => !have.has(p.entity));
  return plan;
}

export function reportOf(plan: ImportPlan): ImportReport {
  return {
    new: plan.added.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    rejected: plan.rejected,
    pins: plan.pins.length,
  };
}
