/**
 * The sender's key that came with the mail (Autocrypt header), offered for import. Imported keys are
 * "unverified" at most, and a different key for an address the user verified is held as a key change.
 */
import { useState } from 'preact/hooks';
import type { ReaderContent } from '../shared/reader-result';
import { call } from '../shared/client';
import { errorMessage } from '../ui-kit/error-message';
import { t } from '../ui-kit/i18n';
import { GuardedButton } from './guard/guarded-button';

export function OfferedKey({ token, offer }: { token: string; offer: NonNullable<ReaderContent['offeredKey']> }) {
  const [done, setDone] = useState<string | null>(null);
  if (offer.known) return null;
  async function importIt() {
    try {
      const { imported } = await call('reader.importKey', { token });
      // 'undecided' after an import means the store held it as a change of a verified key.
      setDone(t(imported.some((k) => k.acceptance === 'undecided') ? 'readerOfferedHeld' : 'readerOfferedImported'));
    } catch (e) {
      setDone(errorMessage(e));
    }
  }
  return (
    <div class="lp-offered-key" data-testid="offered-key">
      <p>{t('readerOfferedKey', offer.emails.join(', '))} <code>{offer.fingerprint.match(/.{1,4}/g)?.join(' ')}</code></p>
      {done ? <p role="status" data-testid="offered-key-done">{done}</p>
        : <GuardedButton onPress={() => void importIt()} testId="offered-key-import" label={t('readerOfferedImport')} />}
    </div>
  );
}
