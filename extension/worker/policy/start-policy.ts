/**
 * Drives policy application in the worker: once at start, on every managed-area change, and once more
 * when a provisional (last-known) policy's grace period ends, so a policy removed while the browser was
 * closed is lifted even if no change event comes.
 */
import type { Services } from '../services';

type Deps = Pick<Services, 'policy' | 'policyApplier'>;

export function startPolicy(s: Deps, log: (e: unknown) => void = (e) => console.error('Lockpane: applying the managed policy failed', e)) {
  const apply = () => s.policyApplier.apply().catch(log);
  const started = apply().then(() => {
    const until = s.policy.provisionalUntil();
    if (until > 0) setTimeout(() => void apply(), Math.max(0, until - Date.now()) + 50);
  });
  return {
    started,
    /** storage.onChanged fired for the managed area. */
    async changed(): Promise<void> {
      await s.policy.reload().catch(log);
      await apply();
    },
  };
}
