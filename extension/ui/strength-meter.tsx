/** Shows the passphrase estimate as a bar plus words (colour is never the only signal). */
import { t, tk } from '../ui-kit/i18n';
import type { Strength } from './passphrase-strength';

const words = [tk('strength0'), tk('strength1'), tk('strength2'), tk('strength3'), tk('strength4')];

export function StrengthMeter(props: { strength: Strength; id: string }) {
  const { score } = props.strength;
  return (
    <div class="lp-strength" id={props.id} data-testid="strength" data-score={score}>
      <meter min={0} max={4} low={1.5} high={2.5} optimum={4} value={score} aria-label={t('strengthLabel')} />
      <span aria-live="polite">{t('strengthText', t(words[score]!))}</span>
    </div>
  );
}
