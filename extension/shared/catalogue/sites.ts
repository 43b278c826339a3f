/** Sites where Lockpane is active, and the content script's first word on a page. */
import { arr, bool, empty, int, literal, obj } from '../schema';
import { siteBundleIds } from '../site-bundles';
import { originSchema, type Entry } from './common';
import { helloReply, loadAdapterReply } from './content-sent';

const origins = obj({ origins: arr(originSchema, { max: 1000 }) });

export const siteMessages = {
  /** A content script starts on a page and asks whether this origin is enabled. */
  'site.hello': { from: ['content'], request: empty, reply: helloReply },
  /** A content script whose page a site's probe claimed asks for that site's adapter bundle (one of a fixed list). */
  'site.loadAdapter': { from: ['content'], request: obj({ site: literal(...siteBundleIds) }), reply: loadAdapterReply },
  /** The toolbar popup asks the active tab's content script to open the secure editor on its compose form. */
  'sites.composeHere': { from: ['page'], request: obj({ tabId: int({ min: 0, max: 2 ** 31 }) }), reply: obj({ opened: bool }) },
  /** Sites where Lockpane is active. */
  'sites.list': { from: ['page'], request: empty, reply: origins },
  'sites.enable': { from: ['page'], request: obj({ origin: originSchema }), reply: origins },
  'sites.disable': { from: ['page'], request: obj({ origin: originSchema }), reply: origins },
} as const satisfies Record<string, Entry>;
