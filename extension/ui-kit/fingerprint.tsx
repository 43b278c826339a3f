/** A fingerprint in blocks of four, easy to read aloud over the phone and to compare by eye. */
import { t } from './i18n';

export function fingerprintBlocks(fingerprint: string): string[] {
  return fingerprint.toUpperCase().match(/.{1,4}/g) ?? [];
}

export function Fingerprint(props: { value: string; testId?: string }) {
  const blocks = fingerprintBlocks(props.value);
  return (
    <code class="lp-fingerprint" data-testid={props.testId ?? 'fingerprint'} aria-label={t('fingerprintAria', blocks.join(' '))}>
      {blocks.map((b, i) => <span key={i} class="lp-fp-block">{b}</span>)}
    </code>
  );
}
