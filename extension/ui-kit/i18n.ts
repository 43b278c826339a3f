/** All user-facing strings come from _locales; a missing key shows itself instead of failing silently. */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || `⟦${key}⟧`;
}

/** Marks a string as a message key chosen at run time (the locale test collects these too). */
export const tk = <K extends string>(key: K): K => key;

/** The browser's UI language, e.g. "de" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** A date as the user's browser language writes it. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(browser.i18n.getUILanguage(), { year: 'numeric', month: 'long', day: 'numeric' });
}
