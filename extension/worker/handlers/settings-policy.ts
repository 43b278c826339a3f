/** Settings (effective values, locks, user changes) and the admin-facing policy status. */
import type { SiteOrigin } from '../../shared/ids';
import type { PolicyStatus } from '../../shared/policy-status';
import { isSiteBlocked } from '../../shared/policy-sites';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

export function settingsPolicyHandlers(s: Services): Pick<HandlerMap, 'settings.get' | 'settings.set' | 'policy.status'> {
  return {
    'settings.get': async () => s.settings.view(),
    'settings.set': async (req) => {
      const view = await s.settings.set(req);
      await s.policyApplier.apply(); // e.g. a shorter passphrase cache applies at once
      return view;
    },
    'policy.status': async (): Promise<PolicyStatus> => {
      let p = await s.policy.current();
      if (!p.applied) {
        await s.policyApplier.apply();
        p = await s.policy.current();
      }
      const enabled = (p.policy.enabledSites ?? []) as SiteOrigin[];
      const needsPermission: string[] = [];
      for (const o of enabled) if (!isSiteBlocked(p.policy.blockedSites ?? [], o) && !(await s.sites.hasAccess(o))) needsPermission.push(o);
      return {
        managed: p.keys.length > 0,
        keys: p.keys,
        warnings: [...p.warnings, ...(p.applied?.warnings ?? [])],
        enabledSites: enabled,
        needsPermission,
        blockedSites: p.policy.blockedSites ?? [],
        roots: p.applied?.roots ?? [],
        preinstalled: p.applied?.preinstalled ?? [],
        lockedSettings: (await s.settings.view()).locked,
        appliedAt: p.applied?.at ?? null,
      };
    },
  };
}
