/** Small helpers the bench parts share: medians and the printed line with its budget and verdict. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** " [lo–hi]" over rounds, with the given formatter; nothing for a single round. */
export function spread(values: number[], format: (n: number) => string): string {
  if (values.length < 2) return '';
  return ` [${format(Math.min(...values))}–${format(Math.max(...values))}]`;
}

const verdicts = { pass: 0, over: 0 };

/** Budget lines printed so far: how many PASS and how many OVER. */
export function verdictCount(): { pass: number; over: number } {
  return { ...verdicts };
}

/**
 * One line of the report: what, the figure, the budget and whether the figure is within it (PASS or
 * OVER; a line without a budget gets no verdict), then detail. The bench reports; it never fails.
 */
export function line(label: string, value: string, budget?: { text: string; ok: boolean }, detail = ''): void {
  let verdict = '';
  if (budget) {
    verdict = budget.ok ? 'PASS' : 'OVER';
    verdicts[budget.ok ? 'pass' : 'over']++;
  }
  const budgetText = budget ? budget.text : '';
  console.log(`${label.padEnd(48)} ${value.padStart(10)}  ${budgetText.padEnd(16)} ${verdict.padEnd(4)}  ${detail}`.trimEnd());
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '—');
export const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)}x` : '—');
export const percent = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${(n * 100).toFixed(0)}%` : '—');
