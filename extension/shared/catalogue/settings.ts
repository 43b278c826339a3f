/** The security indicator, user settings and the managed policy's view. */
import { policyStatusSchema, settingsViewSchema } from '../policy-status';
import { empty, obj, str, type Infer } from '../schema';
import { settingsPatchSchema } from '../settings';
import type { Entry } from './common';

/** The phrase and colour, as the user may set them and as the worker stores and shows them. */
export const securityIndicatorSchema = obj({ phrase: str({ min: 1, max: 64 }), color: str({ pattern: /^#[0-9a-f]{6}$/i, max: 7 }) });
export type SecurityIndicator = Infer<typeof securityIndicatorSchema>;

export const settingsMessages = {
  /** The personal security phrase and colour, shown only inside extension UI (DESIGN §2.5). */
  'settings.indicator': { from: ['frame', 'page'], request: empty, reply: securityIndicatorSchema },
  'settings.setIndicator': { from: ['page'], request: securityIndicatorSchema, reply: securityIndicatorSchema },
  /** Effective settings (policy, else user, else default), which are locked, and ignored policy entries. */
  'settings.get': { from: ['frame', 'page'], request: empty, reply: settingsViewSchema },
  /** Changes user settings; a key locked by policy is refused with `locked-by-policy`. */
  'settings.set': { from: ['page'], request: settingsPatchSchema, reply: settingsViewSchema },
  /** What the managed policy sets and what applying it installed (admin-facing view in the options page). */
  'policy.status': { from: ['page'], request: empty, reply: policyStatusSchema },
} as const satisfies Record<string, Entry>;
