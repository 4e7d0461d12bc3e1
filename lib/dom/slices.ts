/**
 * Runs a long job in slices so that no task of Backstory's blocks the page for long: the job is a
 * generator, and between slices the page gets the main thread back.
 */

/** Work per slice, well under the 50 ms that makes a task "long". */
export const SLICE_BUDGET_MS = 8;

export type Yield = () => Promise<void>;

/** Yields to the page: scheduler.yield() where the browser has it, a macrotask otherwise. */
export function yieldToPage(win: Window & typeof globalThis): Yield {
  const scheduler = (win as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return () => scheduler.yield!();
  return () => new Promise((resolve) => win.setTimeout(resolve, 0));
}

export async function runInSlices(job: Iterator<unknown>, pause: Yield, signal?: AbortSignal, budgetMs = SLICE_BUDGET_MS): Promise<void> {
  let sliceStart = performance.now();
  for (;;) {
    if (signal?.aborted) return;
    if (job.next().done) return;
    if (performance.now() - sliceStart > budgetMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
