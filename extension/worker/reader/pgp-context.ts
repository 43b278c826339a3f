/** What an OpenPGP read needs besides the message: the keys to verify with, trust, sender and password. */
import type { PgpKey, SignatureReport } from '../../../keyring/pgp';
import type { SignatureView } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';

export type PgpContext = {
  verificationKeys: PgpKey[];
  views(reports: SignatureReport[]): SignatureView[];
  sender: string | undefined;
  keyring: KeyringService;
  /** The message password the user typed for this request: then only it is tried. */
  messagePassword?: string | undefined;
};
