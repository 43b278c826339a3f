/** What an OpenPGP read needs besides the message: the keys to verify with, trust, sender and password. */
import type { SignatureReport, VerificationKeys } from '../../../keyring/pgp';
import type { SignatureView } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';

export type PgpContext = {
  /** the signer lookup of the keyring (or fixed keys): only the keys a signature names are parsed */
  verificationKeys: VerificationKeys;
  views(reports: SignatureReport[]): SignatureView[];
  sender: string | undefined;
  keyring: KeyringService;
  /** The message password the user typed for this request: then only it is tried. */
  messagePassword?: string | undefined;
};
