/** The security indicator, user settings and the managed policy's view. */
import type { PolicyStatus, SettingsView } from '../policy-status';
import { empty, obj, str } from '../schema';
import { settingsPatchSchema } from '../settings';
import type { Entry } from './common';

export type SecurityIndicator = { phrase: string; color: string };

export const settingsMessages = {
  /** The personal security phrase and colour, shown only inside extension UI (DESIGN §2.5). */
  'settings.indicator': { from: ['frame', 'page'], request: empty },
  'settings.setIndicator': {
    from: ['page'],
    request: obj({ phrase: str({ min: 1, max: 64 }), color: str({ pattern: /^#[0-9a-f]{6}$/i, max: 7 }) }),
  },
  /** Effective settings (policy, else user, else default), which are locked, and ignored policy entries. */
  'settings.get': { from: ['frame', 'page'], request: empty },
  /** Changes user settings; a key locked by policy is refused with `locked-by-policy`. */
  'settings.set': { from: ['page'], request: settingsPatchSchema },
  /** What the managed policy sets and what applying it installed (admin-facing view in the options page). */
  'policy.status': { from: ['page'], request: empty },
} as const satisfies Record<string, Entry>;

export type SettingsResponses = {
  'settings.indicator': SecurityIndicator;
  'settings.setIndicator': SecurityIndicator;
  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'policy.status': PolicyStatus;
};
