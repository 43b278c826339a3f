/** The one reply envelope every worker answer uses. */
export type ProtocolErrorCode =
  | 'forbidden-sender'   // the sender class may not send this message
  | 'bad-request'        // schema validation failed
  | 'unknown-message'
  | 'site-not-enabled'
  | 'token-invalid'      // unknown, expired, already claimed, or claimed from the wrong tab
  | 'permission-missing' // host permission for a site was not granted
  | 'locked-by-policy'   // the organisation's managed policy fixes this setting or site
  | 'blocked-by-policy'  // the organisation's managed policy does not allow this action or site
  | 'discovery-disabled' // key discovery is switched off (settings or policy: no WKD, no key server)
  | 'network-error'      // a server could not be reached or did not answer in time
  | 'bad-response'       // a server answered with an error or with something that is not a key
  | 'bad-reply'          // the other side of our own channel answered outside its catalogue schema
  | 'interrupted'      // the worker stopped while handling a request that is not safe to repeat
  | 'internal';

/** Keyring codes (keyring/errors.ts) travel through the same envelope. */
export type ErrorCode = ProtocolErrorCode | import('../../keyring/errors').LockpaneErrorCode;

export type WireError = { code: ErrorCode; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
