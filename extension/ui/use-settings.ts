/** The effective settings for a page (null until loaded or when the worker cannot say). */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { SettingsView } from '../shared/policy-status';

export function useSettings(): SettingsView['values'] | null {
  const [values, setValues] = useState<SettingsView['values'] | null>(null);
  useEffect(() => { call('settings.get', {}).then((v) => setValues(v.values), () => setValues(null)); }, []);
  return values;
}
