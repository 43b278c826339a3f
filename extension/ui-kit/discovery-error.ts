/** Discovery failures in plain words; the worker's typed codes decide which sentence. */
import { ProtocolError } from '../shared/result';
import { t } from './i18n';

export function discoveryErrorText(e: unknown, step: 'lookup' | 'import', email: string): string {
  const code = e instanceof ProtocolError ? e.code : 'internal';
  switch (code) {
    case 'not-found': return step === 'lookup' ? t('discoveryErrNotFound', email) : t('discoveryErrExpired');
    case 'discovery-disabled': return t('discoveryErrDisabled');
    case 'network-error': return t('discoveryErrNetwork');
    case 'bad-response': return t('discoveryErrBadResponse');
    case 'too-large': return t('discoveryErrTooLarge');
    case 'bad-data':
    case 'bad-request': return step === 'lookup' ? t('discoveryErrBadEmail') : t('discoveryErrExpired');
    case 'key-invalid': return t('discoveryErrExpired');
    case 'token-invalid': return t('discoveryErrFrame');
    default: return t('errorUnexpected');
  }
}
