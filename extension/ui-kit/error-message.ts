/** Turns a worker error into a sentence for people who are not cryptographers. */
import { ProtocolError } from '../shared/result';
import { t, tk } from './i18n';

const byCode: Record<string, string> = {
  'wrong-passphrase': tk('errWrongPassphrase'),
  'key-locked': tk('errKeyLocked'),
  'bad-data': tk('errNotAKey'),
  'bad-armor': tk('errCorrupt'),
  'key-invalid': tk('errKeyInvalid'),
  'key-expired': tk('errKeyExpired'),
  'key-revoked': tk('errKeyRevoked'),
  'unsupported-algorithm': tk('errUnsupported'),
  'too-large': tk('errTooLarge'),
  'missing-argument': tk('errMissing'),
  'not-found': tk('errNotFound'),
  conflict: tk('errConflict'),
  'unsupported-option': tk('errNotAllowed'),
  'corrupt-record': tk('errCorruptRecord'),
  'locked-by-policy': tk('errLockedByPolicy'),
  'blocked-by-policy': tk('errBlockedByPolicy'),
  interrupted: tk('errInterrupted'),
};

export function errorCode(e: unknown): string {
  return e instanceof ProtocolError ? e.code : 'internal';
}

export function errorMessage(e: unknown): string {
  const key = byCode[errorCode(e)];
  return key ? t(key) : t('errorUnexpected');
}
