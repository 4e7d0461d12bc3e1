/**
 * Every page feature, in the order they start (the hover card before the features that open it).
 * tests/unit/content-features.test.ts checks that each file in this folder is listed here.
 */
import type { Feature } from '../feature';
import hoverCard from './hover-card';
import marks from './marks';
import passageNotes from './passage-notes';
import popupBridge from './popup-bridge';
import shadowStyles from './shadow-styles';

export const FEATURES: readonly Feature[] = [shadowStyles, marks, hoverCard, popupBridge, passageNotes];
