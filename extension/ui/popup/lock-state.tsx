/** Whether any of the user's keys is unlocked right now, and a button to lock them all at once. */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';

export function LockState() {
  const [state, setState] = useState<'none' | 'locked' | 'unlocked' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function refresh() {
    try {
      const own = (await call('keys.list', {})).keys.filter((k) => k.hasPrivate);
      setState(own.length === 0 ? 'none' : own.some((k) => k.unlocked) ? 'unlocked' : 'locked');
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  useEffect(() => { void refresh(); }, []);

  async function lockNow() {
    try {
      await call('keys.lockAll', {});
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  if (state === null) return error ? <p class="lp-error" role="alert">{error}</p> : null;
  if (state === 'none') {
    return <p data-testid="popup-lock">{t('popupNoKey')} <a href="options.html#welcome" target="_blank" rel="noopener">{t('popupStartSetup')}</a></p>;
  }
  return (
    <section class="lp-popup-lock" aria-live="polite">
      <p data-testid="popup-lock" data-state={state}>{t(state === 'unlocked' ? 'popupUnlocked' : 'popupLocked')}</p>
      {state === 'unlocked' && <button type="button" onClick={() => void lockNow()} data-testid="popup-lock-now">{t('popupLockNow')}</button>}
      {error && <p class="lp-error" role="alert">{error}</p>}
    </section>
  );
}
