/** The store's view settings from the user's prefs. */
import { compileFilter } from '../filter/match-row';
import { parseFilter, type ParsedFilter } from '../filter/parse-filter';
import type { ViewPrefs } from '../filter/view-prefs';
import type { ViewSettings } from '../store/view-index';

/** Settings for a parsed filter, the prefs and the collapsed groups. */
export function buildViewSettings(
  prefs: ViewPrefs,
  parsed: ParsedFilter,
  collapsed: ReadonlySet<string>,
): ViewSettings {
  return {
    sort: prefs.sort,
    groupBy: prefs.groupBy,
    predicate: compileFilter(parsed, prefs.toggles),
    collapsed,
  };
}

/** The settings the store starts with, before React renders. */
export function initialViewSettings(prefs: ViewPrefs): ViewSettings {
  return buildViewSettings(prefs, parseFilter(prefs.filterText), new Set());
}
