/**
 * Choose the personal security phrase and colour (DESIGN §2.5). Every Lockpane window shows them; a web
 * page cannot know them, so a look-alike without them is a fake.
 */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { SecurityIndicator } from '../shared/catalogue';
import { errorMessage } from '../ui-kit/error-message';
import { t, tk } from '../ui-kit/i18n';
import { indicatorChanged } from '../ui-kit/security-badge';

export const indicatorColors: { value: string; name: string }[] = [
  { value: '#1b5e20', name: tk('colorGreen') }, { value: '#0d47a1', name: tk('colorBlue') },
  { value: '#4a148c', name: tk('colorPurple') }, { value: '#b71c1c', name: tk('colorRed') },
  { value: '#e65100', name: tk('colorOrange') }, { value: '#006064', name: tk('colorTeal') },
  { value: '#3e2723', name: tk('colorBrown') }, { value: '#880e4f', name: tk('colorPink') },
];

export function IndicatorEditor(props: { onSaved?: (v: SecurityIndicator) => void; saveLabel?: string }) {
  const [phrase, setPhrase] = useState('');
  const [color, setColor] = useState(indicatorColors[0]!.value);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    call('settings.indicator', {}).then((v) => { setPhrase(v.phrase); setColor(v.color.toLowerCase()); }, () => undefined);
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    try {
      const saved = await call('settings.setIndicator', { phrase: phrase.trim(), color });
      setStatus({ ok: true, text: t('indicatorSaved') });
      dispatchEvent(new Event(indicatorChanged));
      props.onSaved?.(saved);
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <form class="lp-indicator-editor" onSubmit={save} data-testid="indicator-editor">
      <p>{t('indicatorExplain')}</p>
      <label class="lp-field">
        {t('indicatorPhraseLabel')}
        <input type="text" value={phrase} maxLength={64} required data-testid="indicator-phrase"
          onInput={(e) => setPhrase(e.currentTarget.value)} />
      </label>
      <fieldset class="lp-colors">
        <legend>{t('indicatorColorLabel')}</legend>
        {indicatorColors.map((c) => (
          <label key={c.value} class="lp-color-choice">
            <input type="radio" name="lp-color" value={c.value} checked={color === c.value} onChange={() => setColor(c.value)} />
            <span class="lp-badge-swatch" style={{ background: c.value }} aria-hidden="true" /> {t(c.name)}
          </label>
        ))}
      </fieldset>
      <div class="lp-badge lp-badge-preview" style={{ borderColor: color }} aria-hidden="true">
        <span class="lp-badge-swatch" style={{ background: color }} />
        <span class="lp-badge-label">{t('securityPhraseLabel')}</span> <strong>{phrase}</strong>
      </div>
      <button type="submit" class="lp-primary" disabled={phrase.trim().length === 0} data-testid="indicator-save">
        {props.saveLabel ?? t('indicatorSave')}
      </button>
      {status && <p role="status" class={status.ok ? 'lp-ok' : 'lp-error'}>{status.text}</p>}
    </form>
  );
}
