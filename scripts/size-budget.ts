/**
 * The content script's size budget (DESIGN.md: at most 60 KB gzipped, KB matcher data included), checked
 * on every build: a build over budget fails, so nobody finds out from a bench run weeks later. Every page
 * and every frame pays for evaluating this script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_BYTES = 60 * 1024;

export function contentScriptGzipBytes(outDir: string): number {
  return gzipSync(readFileSync(join(outDir, 'content-scripts/content.js'))).length;
}

/** Throws when the built content script is over budget; returns its gzipped size otherwise. */
export function checkContentScriptBudget(outDir: string, budget = CONTENT_SCRIPT_BUDGET_BYTES): number {
  const bytes = contentScriptGzipBytes(outDir);
  if (bytes > budget) {
    throw new Error(
      `The content script is ${(bytes / 1024).toFixed(1)} KB gzipped, over its budget of ${(budget / 1024).toFixed(0)} KB ` +
        '(DESIGN.md, "Budgets"). Every page and frame evaluates it: move data or code out of it rather than raise the budget.',
    );
  }
  return bytes;
}
