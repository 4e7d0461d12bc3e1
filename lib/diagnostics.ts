/**
 * Errors that must not vanish, kept as small reports: the last few are shown under "Diagnostics" in the
 * popup's settings, where a user can copy them into a bug report. Pure: the extension layer decides where
 * they are kept (lib/ext/report-error.ts).
 */

export interface ErrorReport {
  /** ISO 8601 time of the last occurrence. */
  at: string;
  /** Which part of Backstory failed, e.g. "scan", "storage upgrade", "pin". */
  where: string;
  message: string;
  /** The first lines of the stack, when there is one. */
  stack?: string;
  /** How many times this error came in a row. */
  count: number;
}

export const MAX_REPORTS = 20;
const MAX_MESSAGE = 500;
const STACK_LINES = 6;

/**
 * The extension was updated, reloaded or removed while this script ran: every call into the browser
 * now fails, and that is expected (refined-github stays quiet about it for the same reason).
 */
export function isContextInvalidated(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Extension context invalidated|context unloaded/i.test(message);
}

export function toReport(where: string, error: unknown, now: Date): ErrorReport {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, MAX_MESSAGE);
  const stack =
    error instanceof Error && error.stack
      ? error.stack
          .split('\n')
          .slice(1, STACK_LINES + 1)
          .join('\n')
          .trim()
      : '';
  return { at: now.toISOString(), where, message, ...(stack ? { stack } : {}), count: 1 };
}

/** Newest first, at most MAX_REPORTS; the same error again in a row is counted, not repeated. */
export function addReport(reports: readonly ErrorReport[], report: ErrorReport): ErrorReport[] {
  const [latest, ...rest] = reports;
  if (latest && latest.where === report.where && latest.message === report.message) {
    return [{ ...report, count: latest.count + report.count }, ...rest];
  }
  return [report, ...reports].slice(0, MAX_REPORTS);
}

/** Reads stored reports, dropping anything that is not one (storage is never trusted blindly). */
export function parseReports(raw: unknown): ErrorReport[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (r): r is ErrorReport =>
        typeof r === 'object' &&
        r !== null &&
        typeof r.at === 'string' &&
        typeof r.where === 'string' &&
        typeof r.message === 'string' &&
        (r.stack === undefined || typeof r.stack === 'string') &&
        Number.isInteger(r.count) &&
        r.count > 0,
    )
    .slice(0, MAX_REPORTS);
}

/** Plain text for a bug report: what failed, when, and where in the code. */
export function formatReports(reports: readonly ErrorReport[], about: { version: string; userAgent: string }): string {
  const head = `Backstory ${about.version}\n${about.userAgent}\n`;
  if (reports.length === 0) return `${head}\nNo errors recorded.`;
  const body = reports.map((r) => {
    const times = r.count > 1 ? ` (${r.count} times)` : '';
    return `${r.at} ${r.where}${times}: ${r.message}${r.stack ? `\n${r.stack.replace(/^/gm, '    ')}` : ''}`;
  });
  return `${head}\n${body.join('\n\n')}`;
}
