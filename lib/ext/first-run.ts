/**
 * The first-run page (welcome.html): opened once, when Backstory is installed, to show what it does
 * and its shortcuts. Not for an unpacked copy a developer or a test loads (installType 'development'),
 * nor in a browser driven by automation, where an extra tab would upset the tests.
 */

/** Whether an install should open the welcome page. Pure, for the tests. */
export function shouldWelcome(reason: string, installType: string | undefined, automated: boolean): boolean {
  return reason === 'install' && installType !== 'development' && !automated;
}

/** Opens the welcome page after a real install. Call once, at the worker's start. */
export function initFirstRun(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    const automated = (globalThis.navigator as { webdriver?: boolean } | undefined)?.webdriver === true;
    // management.getSelf needs no permission; a browser without it counts as a real install.
    void Promise.resolve(browser.management?.getSelf())
      .then(
        (self) => self?.installType,
        () => undefined,
      )
      .then((installType) => {
        if (shouldWelcome(reason, installType, automated)) return browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
      });
  });
}
