import type { HandlerMap } from '../router';
import type { Services } from '../services';
import { askContent } from '../content-channel';
import { siteBundleFile } from '../../shared/site-bundles';

export function siteHandlers(s: Services): Pick<HandlerMap, 'site.hello' | 'site.loadAdapter' | 'sites.list' | 'sites.enable' | 'sites.disable' | 'sites.composeHere'> {
  return {
    // The router already refused content scripts on disabled origins, so reaching here means enabled.
    // A hello also comes when the user clicks or types in the page after a while (it wakes a stopped
    // worker): open the keyring now, so the message the web mail is fetching does not wait for it.
    'site.hello': async () => {
      s.keyring.store().catch(() => undefined);
      return { enabled: true };
    },
    // Only a bundle of the fixed list, only into the asking frame of an enabled site (the router checked both).
    'site.loadAdapter': async (req, ctx) => {
      await s.injectScript(ctx.tabId, ctx.frameId, siteBundleFile(req.site));
      return { loaded: true };
    },
    'sites.list': async () => ({ origins: [...(await s.sites.list())] }),
    'sites.enable': async (req) => ({ origins: [...(await s.sites.enable(req.origin))] }),
    'sites.disable': async (req) => ({ origins: [...(await s.sites.disable(req.origin))] }),
    // Only the top frame's content script is asked; a tab without one (Lockpane off there) answers nothing.
    'sites.composeHere': async (req) => {
      try {
        const reply = await askContent(s.toContent, req.tabId, 0, { lockpane: 1, name: 'content.composeHere' });
        return { opened: reply?.opened === true };
      } catch {
        return { opened: false };
      }
    },
  };
}
