/**
 * Typed errors for everything in keyring/. Every failure the core can report has a stable code,
 * so the worker, the CLI (exit codes) and the UI (i18n message keys) all map from one place.
 */
export type LockpaneErrorCode =
  | 'bad-data'              // input is not what it claims to be (armor, packets, DER, MIME)
  | 'bad-armor'             // malformed ASCII armor or checksum
  | 'unsupported-algorithm' // we understood the input but cannot process its algorithm
  | 'unsupported-option'    // a caller asked for something we do not do
  | 'no-integrity'          // unauthenticated encryption (SED, missing MDC, CMS without auth) refused
  | 'integrity-failure'     // MDC/AEAD tag/CMS MAC check failed: tampered or truncated
  | 'cannot-decrypt'        // no key or password matched
  | 'key-locked'            // the key needs a passphrase that was not given
  | 'wrong-passphrase'      // a passphrase was given but is wrong
  | 'key-invalid'           // key material fails validation (e.g. key-overwriting attack)
  | 'key-expired'
  | 'key-revoked'
  | 'key-not-usable'        // no subkey/usage for the requested operation
  | 'no-recipient'          // nothing to encrypt to
  | 'no-signature'          // no valid signature where one was required
  | 'too-large'             // input, decompressed output or nesting beyond our bounds
  | 'missing-argument'
  | 'not-found'
  | 'corrupt-record'        // a stored record failed to parse; quarantined
  | 'conflict'              // concurrent write or key change that needs a user decision
  | 'internal';

export class LockpaneError extends Error {
  override readonly name = 'LockpaneError';
  constructor(
    readonly code: LockpaneErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isLockpaneError(e: unknown, code?: LockpaneErrorCode): e is LockpaneError {
  return e instanceof LockpaneError && (code === undefined || e.code === code);
}

/** Wraps anything thrown by a library into a LockpaneError, keeping ours untouched. */
export function toLockpaneError(e: unknown, fallback: LockpaneErrorCode, message: string): LockpaneError {
  if (e instanceof LockpaneError) return e;
  return new LockpaneError(fallback, message, { cause: e });
}
