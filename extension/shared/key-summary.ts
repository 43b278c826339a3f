/** What extension pages and frames learn about a keyring entry: facts only, never key material. */
export type KeyAcceptance = 'undecided' | 'unverified' | 'verified' | 'rejected';

export type KeySummary = {
  kind: 'openpgp' | 'x509';
  fingerprint: string;
  emails: string[];
  /** OpenPGP user IDs, or the certificate subject. */
  names: string[];
  algorithm: string;
  created: string;
  expires: string | null;
  expired: boolean;
  revoked: boolean;
  canEncrypt: boolean;
  canSign: boolean;
  hasPrivate: boolean;
  unlocked: boolean;
  acceptance: KeyAcceptance;
  /** Certificates only: the path verdict recipient resolution uses ('valid' = issued under a trusted root). */
  chain?: 'valid' | 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported';
};
