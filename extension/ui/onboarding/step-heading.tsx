/** A wizard step's heading, focused when the step appears so keyboard and screen reader users land on it. */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../ui-kit/i18n';

export function StepHeading(props: { text: string; step: number; of: number }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, [props.text]);
  return (
    <>
      <p class="lp-step-count">{t('onbStepOf', [String(props.step), String(props.of)])}</p>
      <h2 ref={ref} tabIndex={-1} data-testid="onb-heading">{props.text}</h2>
    </>
  );
}
