/**
 * Settings as the rest of the worker sees them: user values merged with the managed policy
 * (effective.ts). Refuses changes to locked keys, and answers whether the organisation allows an action.
 */
import type { SettingsView } from '../../shared/policy-status';
import { ProtocolError } from '../../shared/result';
import { definitions, visibleKeys, type AllSettings, type SettingsPatch, type Settings, type VisibleKey } from '../../shared/settings';
import type { KeyValueArea } from '../kv';
import type { PolicyService } from '../policy/policy-service';
import { effectiveSettings, type Effective } from './effective';
import { createUserSettings } from './user-settings';

function visible(values: AllSettings): Settings {
  return Object.fromEntries(visibleKeys.map((k) => [k, values[k]])) as Settings;
}

const refusals = {
  allowKeyGeneration: 'Your organisation does not allow creating keys in Lockpane.',
  allowPrivateKeyExport: 'Your organisation does not allow exporting private keys from Lockpane.',
} as const;

export function createSettingsService(local: KeyValueArea, policy: PolicyService) {
  const user = createUserSettings(local);
  const listeners = new Set<() => void>();

  async function effective(): Promise<Effective> {
    return effectiveSettings(await user.read(), (await policy.current()).policy);
  }

  async function view(): Promise<SettingsView> {
    const e = await effective();
    const p = await policy.current();
    return { values: visible(e.values), locked: e.locked, sources: e.sources, warnings: [...p.warnings, ...(p.applied?.warnings ?? [])] };
  }

  return {
    /** Every effective value, policy-only keys included (for the worker's own use). */
    async all(): Promise<AllSettings> {
      return (await effective()).values;
    },
    view,

    async set(patch: SettingsPatch): Promise<SettingsView> {
      const { locked } = await effective();
      const touched = [...Object.keys(patch.values), ...(patch.reset ?? [])] as VisibleKey[];
      const refused = touched.find((k) => locked.includes(k));
      if (refused) {
        throw new ProtocolError('locked-by-policy', `"${definitions[refused].title}" is set by your organisation and cannot be changed here.`);
      }
      await user.update(patch.values, patch.reset);
      for (const l of listeners) l();
      return view();
    },

    /** Throws a clear `blocked-by-policy` error when the organisation switched this action off. */
    async assertAllowed(key: keyof typeof refusals): Promise<void> {
      if (!(await effective()).values[key]) throw new ProtocolError('blocked-by-policy', refusals[key]);
    },

    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
