/** What extension pages and frames learn about a keyring entry: facts only, never key material. */
import { fingerprintReply, mailText, many } from './catalogue/common';
import { arr, bool, literal, nullable, obj, optional, str, type Infer } from './schema';

export const keyAcceptanceSchema = literal('undecided', 'unverified', 'verified', 'rejected');
export type KeyAcceptance = Infer<typeof keyAcceptanceSchema>;

/** Certificate path verdicts, in the words recipient resolution and the reader use. */
export const chainVerdictSchema = literal('valid', 'untrusted', 'expired', 'revoked', 'invalid', 'unsupported');

const date = str({ max: 40 });

export const keySummaryShape = {
  kind: literal('openpgp', 'x509'),
  fingerprint: fingerprintReply,
  emails: arr(mailText, many),
  /** OpenPGP user IDs, or the certificate subject. */
  names: arr(mailText, many),
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
export const keyListSchema = arr(keySummarySchema, many);
/** A key about to be imported: whether the keyring has it, and the addresses whose other key it would replace. */
export const importPreviewItemSchema = obj({ ...keySummaryShape, alreadyKnown: bool, replacesFor: arr(mailText, many) });
