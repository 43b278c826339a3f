/**
 * Sign-only mail from the editor (not encrypted), as text the web mail's editor can hold: an OpenPGP
 * cleartext signature (RFC 9580 §7, byte-exact with gpg and sqop), or an S/MIME opaque signed-data block
 * (PEM CMS) whose signed entity carries the Subject, From, To and Cc as signed headers (RFC 9788 hp="clear").
 * The text stays readable to anyone, which is the point; the signature proves who wrote it.
 */
import { LockpaneError } from '../../../keyring/errors';
import { fromBase64, latin1String } from '../../../keyring/bytes';
import { parseEntity } from '../../../keyring/mime/entity';
import { addProtectedHeaders, type ProtectedHeaderInput } from '../../../keyring/mime/header-protection-write';
import { signCleartext } from '../../../keyring/pgp';
import { signMime } from '../../../keyring/smime';
import type { EncryptResult } from '../../shared/compose-types';
import type { KeyringService } from '../keyring/service';
import { pemCms, textEntity } from './compose-smime';

export type SignOnlyInput = { body: string; protocol: 'openpgp' | 'smime'; headers: ProtectedHeaderInput | null };

async function openPgpSigned(body: string, keyring: KeyringService): Promise<{ armored: string } | EncryptResult> {
  const keys = await keyring.unlockedOwnKeys();
  if (keys.length === 0) return { state: 'needs-passphrase', keys: await keyring.lockedOwnKeys() };
  return { armored: await signCleartext({ text: body, signingKeys: keys.slice(0, 1) }) };
}

async function smimeSigned(input: SignOnlyInput, keyring: KeyringService, now: Date): Promise<{ armored: string } | EncryptResult> {
  const identity = (await keyring.unlockedOwnCertificates()).find((id) => id.certificate.notAfter.getTime() >= now.getTime());
  if (!identity) return { state: 'needs-passphrase', keys: await keyring.lockedOwnCertificates() };
  const text = textEntity(input.body);
  const entity = input.headers ? addProtectedHeaders(text, input.headers, 'clear') : text;
  // signMime's opaque form is an application/pkcs7-mime entity; the web mail's body takes its DER as PEM.
  const mime = parseEntity(await signMime(entity, identity, { opaque: true }));
  return { armored: pemCms(fromBase64(latin1String(mime.body).replace(/\s+/g, ''))) };
}

export async function signOnly(input: SignOnlyInput, keyring: KeyringService, now = new Date()): Promise<{ armored: string } | EncryptResult> {
  const store = await keyring.store();
  const own = store.list();
  const hasPgp = own.some((e) => e.kind === 'openpgp' && e.privateArmored !== undefined);
  const hasCert = own.some((e) => e.kind === 'x509' && e.privateKey !== undefined && !e.facts.isCa);
  // The recipients' protocol when the sender has a key for it, else whichever key the sender has.
  const protocol = input.protocol === 'smime' ? (hasCert ? 'smime' : hasPgp ? 'openpgp' : null) : (hasPgp ? 'openpgp' : hasCert ? 'smime' : null);
  if (protocol === null) throw new LockpaneError('key-not-usable', 'You have no key or certificate to sign with. Create or import one in Lockpane\'s options.');
  return protocol === 'openpgp' ? openPgpSigned(input.body, keyring) : smimeSigned(input, keyring, now);
}
