/** Sites where Lockpane is active, and the content script's first word on a page. */
import { empty, int, obj } from '../schema';
import { originSchema, type Entry } from './common';

export const siteMessages = {
  /** A content script starts on a page and asks whether this origin is enabled. */
  'site.hello': { from: ['content'], request: empty },
  /** The toolbar popup asks the active tab's content script to open the secure editor on its compose form. */
  'sites.composeHere': { from: ['page'], request: obj({ tabId: int({ min: 0, max: 2 ** 31 }) }) },
  /** Sites where Lockpane is active. */
  'sites.list': { from: ['page'], request: empty },
  'sites.enable': { from: ['page'], request: obj({ origin: originSchema }) },
  'sites.disable': { from: ['page'], request: obj({ origin: originSchema }) },
} as const satisfies Record<string, Entry>;

export type SiteResponses = {
  'site.hello': { enabled: boolean };
  'sites.composeHere': { opened: boolean };
  'sites.list': { origins: string[] };
  'sites.enable': { origins: string[] };
  'sites.disable': { origins: string[] };
};
