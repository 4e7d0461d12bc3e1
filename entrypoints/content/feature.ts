/**
 * Page features register the one way refined-github's do: each is a `defineFeature` in its own file
 * under features/, listed once in features/index.ts, started against the frame's page session and
 * cleaned up through its signal. A feature that throws is reported and the others still start.
 */
import { reportError } from '../../lib/ext/report-error';
import type { PageSession } from './session';

export interface Feature {
  /** Names the feature in error reports. */
  id: string;
  /** Notes and the popup's questions belong to the page, not to each of its frames. */
  topFrameOnly?: boolean;
  init(session: PageSession): void;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

export function startFeatures(session: PageSession, features: readonly Feature[], isTopFrame: boolean): void {
  for (const feature of features) {
    if (feature.topFrameOnly && !isTopFrame) continue;
    try {
      feature.init(session);
    } catch (error) {
      reportError(`feature ${feature.id}`, error);
    }
  }
}
