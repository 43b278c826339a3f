/** All user-facing strings come from _locales; a missing key shows itself instead of failing silently. */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || `⟦${key}⟧`;
}
