/** The sites part of the managed policy, in the shape extension/worker/sites.ts asks for. */
import { isSiteBlocked } from '../../shared/policy-sites';
import type { SitePolicy } from '../sites';
import type { PolicyService } from './policy-service';
import type { SiteOrigin } from '../../shared/ids';

export function createSitePolicy(policy: PolicyService): SitePolicy {
  return {
    // Values were normalised to origins when the policy was validated.
    forced: async () => ((await policy.current()).policy.enabledSites ?? []) as SiteOrigin[],
    isBlocked: async (origin) => isSiteBlocked((await policy.current()).policy.blockedSites ?? [], origin),
  };
}
