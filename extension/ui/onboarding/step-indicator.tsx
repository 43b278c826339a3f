/** Step: the personal security phrase and colour every Lockpane window will show. */
import { t } from '../../ui-kit/i18n';
import { IndicatorEditor } from '../indicator-editor';
import { StepHeading } from './step-heading';

export function StepIndicator(props: { onNext: () => void }) {
  return (
    <div>
      <StepHeading text={t('onbIndicatorHeading')} step={3} of={4} />
      <IndicatorEditor onSaved={props.onNext} saveLabel={t('onbSaveAndContinue')} />
    </div>
  );
}
