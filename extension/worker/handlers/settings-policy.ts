/** Settings (effective values, locks, user changes) and the admin-facing policy status. */
import type { PolicyStatus } from '../../shared/policy-status';
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
      return {
        managed: p.keys.length > 0,
        keys: p.keys,
        warnings: [...p.warnings, ...(p.applied?.warnings ?? [])],
        enabledSites: p.policy.enabledSites ?? [],
        blockedSites: p.policy.blockedSites ?? [],
        roots: p.applied?.roots ?? [],
        preinstalled: p.applied?.preinstalled ?? [],
        lockedSettings: (await s.settings.view()).locked,
        appliedAt: p.applied?.at ?? null,
      };
    },
  };
}
