/**
 * Feature: finds and marks the mentions on the page, and follows the settings live: the master
 * switch, the site switch and the topic switches remove or restore marks at once, with no reload.
 */
import type { ContentScriptContext } from '#imports';
import { activeEntities, isSiteEnabled, type Settings } from '../../lib/settings';
import type { PageMentions } from '../../lib/dom/page-mentions';
import { readSettings, watchSettings } from '../../lib/ext/settings';

export async function initMarkMentions(
  ctx: ContentScriptContext,
  page: PageMentions,
  onSettings: (settings: Settings) => void,
): Promise<void> {
  let scanned = false;
  const apply = (settings: Settings) => {
    onSettings(settings);
    if (!isSiteEnabled(settings, location.hostname)) {
      page.hide();
      return;
    }
    page.setStyle(settings.markStyle);
    page.setActiveEntities(activeEntities(page.data, settings));
    if (!scanned) {
      page.scan();
      scanned = true;
    }
    page.show();
  };
  apply(await readSettings());
  const unwatch = watchSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    page.hide();
  });
}
