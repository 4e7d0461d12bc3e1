/** Error reports: what is kept, what stays quiet, and what a user copies into a bug report. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addReport, formatReports, isContextInvalidated, MAX_REPORTS, parseReports, toReport } from '../../lib/diagnostics';
import { keepErrorReports, reportError } from '../../lib/ext/report-error';

const at = new Date('2026-12-02T10:00:00Z');

describe('error reports', () => {
  it('keep the error, where it happened and the top of its stack', () => {
    const report = toReport('scan', new TypeError('x is not a function'), at);
    expect(report).toMatchObject({ at: '2026-12-02T10:00:00.000Z', where: 'scan', message: 'TypeError: x is not a function', count: 1 });
    expect(report.stack).toMatch(/diagnostics\.test\.ts/);
    expect(toReport('pin', 'refused', at)).toEqual({ at: at.toISOString(), where: 'pin', message: 'refused', count: 1 });
  });

  it('count the same error in a row instead of repeating it, and keep only the newest', () => {
    let reports = addReport([], toReport('scan', new Error('a'), at));
    reports = addReport(reports, toReport('scan', new Error('a'), at));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.count).toBe(2);
    for (let i = 0; i < 50; i++) reports = addReport(reports, toReport('pin', new Error(`e${i}`), at));
    expect(reports).toHaveLength(MAX_REPORTS);
    expect(reports[0]!.message).toBe('Error: e49');
  });

  it('read from storage drop anything that is not a report', () => {
    const good = toReport('scan', 'x', at);
    expect(parseReports([good, null, 5, { where: 'x' }, { ...good, count: -1 }, { ...good, stack: 3 }])).toEqual([good]);
    expect(parseReports('not a list')).toEqual([]);
  });

  it('say nothing when the extension was updated or reloaded under a running script', () => {
    expect(isContextInvalidated(new Error('Extension context invalidated.'))).toBe(true);
    // Nobody listening is a failure to report, not a reload.
    expect(isContextInvalidated(new Error('Could not establish connection. Receiving end does not exist.'))).toBe(false);
    expect(isContextInvalidated(new Error('QuotaExceededError'))).toBe(false);
  });

  it('format as text for a bug report', () => {
    const text = formatReports([{ ...toReport('storage upgrade', new Error('quota'), at), count: 3 }], {
      version: '0.1.0',
      userAgent: 'UA',
    });
    expect(text).toMatch(/^Backstory 0\.1\.0\nUA\n/);
    expect(text).toContain('2026-12-02T10:00:00.000Z storage upgrade (3 times): Error: quota');
    expect(formatReports([], { version: '1', userAgent: 'UA' })).toContain('No errors recorded.');
  });
});

describe('reportError in the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps reports in session storage, warns once, and ignores an invalidated context', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const kept = keepErrorReports();
    reportError('scan', new Error('boom'));
    reportError('scan', new Error('boom'));
    reportError('scan', new Error('Extension context invalidated.'));
    await vi.waitFor(async () => expect((await kept.read())[0]?.count).toBe(2));
    expect(await kept.read()).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('a report that cannot be written does not stop the next one', async () => {
    const kept = keepErrorReports();
    const set = vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(kept.keep(toReport('pin', 'first', at))).rejects.toThrow(/quota/);
    await kept.keep(toReport('pin', 'second', at));
    expect((await kept.read()).map((r) => r.message)).toEqual(['second']);
    set.mockRestore();
  });
});
