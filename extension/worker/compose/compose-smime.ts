/**
 * S/MIME sending from the secure editor: the text becomes a MIME entity (text/plain; charset=utf-8),
 * signed with the user's own certificate when asked (multipart/signed), then encrypted to every
 * recipient's certificate and the user's own (a readable Sent copy). AES-GCM only when every recipient's
 * client advertised it, else AES-256-CBC. The result is a PEM CMS block the web mail's editor can hold, or,
 * where the web mail can take attachments, an `smime.p7m` file (text and files as one multipart/mixed
 * entity) with a one-line explanatory body.
 */
import { LockpaneError } from '../../../keyring/errors';
import {
  chooseContentCipher, encryptionUsageProblems, encryptMime, parseCertificate, signMime, type Certificate, type SmimeIdentity,
} from '../../../keyring/smime';
import type { CertificateEntry } from '../../../keyring/store/entry';
import { addProtectedHeaders, type ProtectedHeaderInput } from '../../../keyring/mime/header-protection-write';
import { toBase64 } from '../../../keyring/bytes';
import { certificateDer } from '../../../keyring/store/facts-x509';
import type { EncryptResult } from '../../shared/compose-types';
import type { KeyringService } from '../keyring/service';
import type { SmimeService } from '../smime/smime-service';
import type { StagedFile } from './attachment-staging';
import { mixedEntity } from './mime-mixed';
import type { OutgoingFile } from './outgoing-files';

/** The body of an S/MIME mail whose content travels in smime.p7m (it is all the web mail shows). */
export const smimeAttachmentBody = 'This message is encrypted with S/MIME: its content is in the attachment smime.p7m. Open it with Lockpane or an S/MIME mail program.';

const wrap = (b64: string, width: number) => b64.replace(new RegExp(`(.{${width}})`, 'g'), '$1\n').replace(/\n$/, '');

/** A UTF-8 text/plain entity; base64 keeps long lines and trailing spaces intact through any mail path. */
export function textEntity(body: string): Uint8Array {
  const b64 = wrap(toBase64(new TextEncoder().encode(body)), 76).replace(/\n/g, '\r\n');
  return new TextEncoder().encode(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n`);
}

export function pemCms(der: Uint8Array): string {
  return `-----BEGIN PKCS7-----\n${wrap(toBase64(der), 64)}\n-----END PKCS7-----\n`;
}

const certOf = (e: CertificateEntry): Certificate => parseCertificate(certificateDer(e.certificatePem));

export type SmimeSendInput = {
  recipients: readonly string[];
  /** The resolver's pick of the sender's own certificate to sign with, if any. */
  signWith: string | null;
  body: string;
  sign: boolean;
  /** Send as an smime.p7m attachment (the web mail's upload is available). */
  asAttachment?: boolean;
  files?: readonly StagedFile[];
  /** The real Subject, From, To and Cc, put on the encrypted entity's root (RFC 9788 header protection). */
  protectedHeaders?: ProtectedHeaderInput;
};

export type SmimeSent = { armored: string; files: OutgoingFile[] };

export async function encryptSmime(input: SmimeSendInput, keyring: KeyringService, smime: SmimeService, now = new Date()): Promise<SmimeSent | EncryptResult> {
  const files = input.files ?? [];
  if (files.length > 0 && input.asAttachment !== true) throw new LockpaneError('unsupported-option', 'Attachments need a web mail Lockpane can attach files in.');
  const store = await keyring.store();
  const recipients = input.recipients.map((fp) => {
    const e = store.getCertificate(fp);
    if (!e) throw new LockpaneError('not-found', 'A recipient certificate is no longer in your keyring.');
    return e;
  });
  // Own certificates that can take a Sent copy: own private key, in date, fit for encryption.
  const own = store.list().filter((e): e is CertificateEntry => e.kind === 'x509' && e.privateKey !== undefined && !e.facts.isCa
    && Date.parse(e.facts.notBefore) <= now.getTime() && now.getTime() <= Date.parse(e.facts.notAfter));
  const selfCopies = own.map(certOf).filter((c) => encryptionUsageProblems(c).length === 0);

  let entity = files.length > 0 ? mixedEntity(textEntity(input.body), files) : textEntity(input.body);
  // The headers go on the innermost root (the signed content), as RFC 9788 §4 and Thunderbird expect.
  if (input.protectedHeaders) entity = addProtectedHeaders(entity, input.protectedHeaders, 'cipher');
  if (input.sign) {
    const identities = await keyring.unlockedOwnCertificates();
    const pick = (id: SmimeIdentity) => id.certificate.notAfter.getTime() >= now.getTime();
    const identity = identities.find((id) => input.signWith !== null && own.some((o) => o.fingerprint === input.signWith && certDerEquals(o, id)))
      ?? identities.find(pick);
    if (!identity) {
      const locked = await keyring.lockedOwnCertificates();
      if (locked.length === 0) throw new LockpaneError('key-not-usable', 'You have no S/MIME certificate to sign with. Import yours (PKCS#12) in Lockpane\'s options.');
      return { state: 'needs-passphrase', keys: locked };
    }
    entity = await signMime(entity, identity);
  }
  const caps = await Promise.all(recipients.map((r) => smime.capabilities.get(r.fingerprint)));
  const cipher = chooseContentCipher(caps);
  const der = await encryptMime(entity, [...recipients.map(certOf), ...selfCopies], { der: true, cipher });
  if (input.asAttachment !== true) return { armored: pemCms(der), files: [] };
  const smimeType = cipher.endsWith('gcm') ? 'authEnveloped-data' : 'enveloped-data';
  return { armored: smimeAttachmentBody, files: [{ id: 'smime', name: 'smime.p7m', mediaType: `application/pkcs7-mime; smime-type=${smimeType}`, bytes: der }] };
}

function certDerEquals(entry: CertificateEntry, id: SmimeIdentity): boolean {
  const a = certificateDer(entry.certificatePem);
  const b = id.certificate.der;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
