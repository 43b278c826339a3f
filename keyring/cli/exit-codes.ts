/**
 * The one exit-code table of `lockpane sop` and `lockpane smime`: the Stateless OpenPGP CLI's codes
 * (draft-dkg-openpgp-stateless-cli), and the mapping from our error codes, by what the failing key was for.
 */
import { LockpaneError, type LockpaneErrorCode } from '../errors';

export const EXIT = {
  OK: 0,
  GENERIC: 1,
  NO_SIGNATURE: 3,
  UNSUPPORTED_ASYMMETRIC_ALGO: 13,
  CERT_CANNOT_ENCRYPT: 17,
  MISSING_ARG: 19,
  INCOMPLETE_VERIFICATION: 23,
  CANNOT_DECRYPT: 29,
  PASSWORD_NOT_HUMAN_READABLE: 31,
  UNSUPPORTED_OPTION: 37,
  BAD_DATA: 41,
  EXPECTED_TEXT: 53,
  OUTPUT_EXISTS: 59,
  MISSING_INPUT: 61,
  KEY_IS_PROTECTED: 67,
  UNSUPPORTED_SUBCOMMAND: 69,
  UNSUPPORTED_SPECIAL_PREFIX: 71,
  AMBIGUOUS_INPUT: 73,
  KEY_CANNOT_SIGN: 79,
  INCOMPATIBLE_OPTIONS: 83,
  UNSUPPORTED_PROFILE: 89,
} as const;

/** An error that already knows its SOP exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}

/** What a failing key means depends on what the key was for. */
export type KeyRole = 'encrypt' | 'sign' | 'decrypt' | 'other';

export function exitCodeFor(e: unknown, role: KeyRole = 'other'): number {
  if (e instanceof CliError) return e.exitCode;
  if (!(e instanceof LockpaneError)) return EXIT.GENERIC;
  const byCode: Record<LockpaneErrorCode, number> = {
    'bad-data': EXIT.BAD_DATA,
    'bad-armor': EXIT.BAD_DATA,
    // a message we cannot decrypt for its algorithm is one we cannot decrypt (SOP decrypt has no 13)
    'unsupported-algorithm': role === 'decrypt' ? EXIT.CANNOT_DECRYPT : EXIT.UNSUPPORTED_ASYMMETRIC_ALGO,
    'unsupported-option': EXIT.UNSUPPORTED_OPTION,
    'no-integrity': EXIT.BAD_DATA,
    'integrity-failure': EXIT.BAD_DATA,
    'cannot-decrypt': EXIT.CANNOT_DECRYPT,
    'key-locked': EXIT.KEY_IS_PROTECTED,
    'wrong-passphrase': EXIT.KEY_IS_PROTECTED,
    'key-invalid': role === 'sign' ? EXIT.KEY_CANNOT_SIGN : role === 'encrypt' ? EXIT.CERT_CANNOT_ENCRYPT : EXIT.BAD_DATA,
    'key-expired': role === 'sign' ? EXIT.KEY_CANNOT_SIGN : EXIT.CERT_CANNOT_ENCRYPT,
    'key-revoked': role === 'sign' ? EXIT.KEY_CANNOT_SIGN : EXIT.CERT_CANNOT_ENCRYPT,
    'key-not-usable': role === 'sign' ? EXIT.KEY_CANNOT_SIGN : role === 'encrypt' ? EXIT.CERT_CANNOT_ENCRYPT : EXIT.BAD_DATA,
    'no-recipient': EXIT.MISSING_ARG,
    'no-signature': EXIT.NO_SIGNATURE,
    'too-large': EXIT.BAD_DATA,
    'missing-argument': EXIT.MISSING_ARG,
    'not-found': EXIT.MISSING_INPUT,
    'corrupt-record': EXIT.BAD_DATA,
    'conflict': EXIT.GENERIC,
    internal: EXIT.GENERIC,
  };
  return byCode[e.code];
}
