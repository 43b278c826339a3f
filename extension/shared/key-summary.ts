/** What extension pages and frames learn about a keyring entry: facts only, never key material. */
import { fingerprintReply } from './catalogue/common';
import { arr, bool, literal, nullable, obj, optional, str, type Infer } from './schema';

export const keyAcceptanceSchema = literal('undecided', 'unverified', 'verified', 'rejected');
export type KeyAcceptance = Infer<typeof keyAcceptanceSchema>;

/** Certificate path verdicts, in the words recipient resolution and the reader use. */
export const chainVerdictSchema = literal('valid', 'untrusted', 'expired', 'revoked', 'invalid', 'unsupported');

const line = str({ max: 2000 });
const date = str({ max: 40 });

export const keySummaryShape = {
  kind: literal('openpgp', 'x509'),
  fingerprint: fingerprintReply,
  emails: arr(str({ max: 320 }), { max: 500 }),
  /** OpenPGP user IDs, or the certificate subject. */
  names: arr(line, { max: 500 }),
  algorithm: str({ max: 100 }),
  created: date,
  expires: nullable(date),
  expired: bool,
  revoked: bool,
  canEncrypt: bool,
  canSign: bool,
  hasPrivate: bool,
  unlocked: bool,
  acceptance: keyAcceptanceSchema,
  /** Certificates only: the path verdict recipient resolution uses ('valid' = issued under a trusted root). */
  chain: optional(chainVerdictSchema),
};
export const keySummarySchema = obj(keySummaryShape);
export type KeySummary = Infer<typeof keySummarySchema>;
export const keyListSchema = arr(keySummarySchema, { max: 10_000 });
/** A key about to be imported: whether the keyring has it, and the addresses whose other key it would replace. */
export const importPreviewItemSchema = obj({ ...keySummaryShape, alreadyKnown: bool, replacesFor: arr(str({ max: 320 }), { max: 500 }) });
