/** The other way in: bring an existing key (or a PKCS#12 file) instead of making a new one. */
import { useState } from 'preact/hooks';
import type { KeySummary } from '../../shared/key-summary';
import { t } from '../../ui-kit/i18n';
import { ImportPanel } from '../import/import-panel';
import { StepHeading } from './step-heading';

export function StepImport(props: { onBack: (() => void) | null; onImported: (own: KeySummary) => void }) {
  const [onlyPublic, setOnlyPublic] = useState(false);
  return (
    <div>
      <StepHeading text={t('onbImportHeading')} step={1} of={4} />
      <p>{t('onbImportExplain')}</p>
      <ImportPanel onImported={(keys) => {
        const own = keys.find((k) => k.hasPrivate);
        if (own) props.onImported(own);
        else setOnlyPublic(true);
      }} />
      {onlyPublic && <p class="lp-warn" role="alert" data-testid="onb-only-public">{t('onbImportOnlyPublic')}</p>}
      {props.onBack && <div class="lp-actions"><button type="button" onClick={props.onBack}>{t('onbBack')}</button></div>}
    </div>
  );
}
