/**
 * One way to report an error that must not vanish (a failed scan, the storage upgrade after an update,
 * a refused pin, an anchor report): it stays quiet when the extension context is gone (an update or
 * reload, which is expected, as refined-github's logError does), warns once in the console otherwise,
 * and keeps the report, where the popup's "Diagnostics" shows it for a bug report.
 *
 * The background keeps the reports (session storage, one writer); every other part sends them there.
 */
import { browser } from 'wxt/browser';
import { addReport, type ErrorReport, isContextInvalidated, toReport } from '../diagnostics';
import { toBackground } from './messages';
import { diagnosticsRecord } from './records';

const warned = new Set<string>();
let keepHere: ((report: ErrorReport) => Promise<void>) | undefined;

export function reportError(where: string, error: unknown): void {
  if (isContextInvalidated(error)) return;
  const report = toReport(where, error, new Date());
  const once = `${where}\n${report.message}`;
  if (!warned.has(once)) {
    warned.add(once);
    console.warn(`Backstory: ${where} failed:`, error);
  }
  const kept = keepHere ? keepHere(report) : toBackground.sendMessage('reportError', report);
  // The console warning above stays even when the report cannot be kept (the worker is gone); a
  // reporter that threw would only hide the first error behind a second one.
  void Promise.resolve(kept).catch(() => undefined);
}

/** The background's part: keep reports in session storage, one write at a time, newest first. */
export function keepErrorReports(): { keep(report: ErrorReport): Promise<void>; read(): Promise<ErrorReport[]> } {
  const area = browser.storage.session;
  let queue = Promise.resolve();
  const read = async () => (area ? diagnosticsRecord.parse((await area.get(diagnosticsRecord.key))[diagnosticsRecord.key]) : []);
  const keep = (report: ErrorReport) => {
    const written = queue.then(async () => {
      if (area) await area.set({ [diagnosticsRecord.key]: addReport(await read(), report) });
    });
    queue = written.catch(() => undefined);
    return written;
  };
  keepHere = keep;
  return { keep, read };
}
