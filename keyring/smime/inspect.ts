/** `inspect`: a JSON-friendly description of a certificate, PKCS#12 file or S/MIME message. */
import { LockpaneError } from '../errors';
import { decodeOid, expect, isContext, isUniversal, parseDer, smallInteger, Tag } from './asn1/der-reader';
import { parseContentInfo } from './cms/content-info';
import { readRecipientInfos } from './cms/recipients';
import { readIdentifier, type CertIdentifier } from './cms/recipient-id';
import { toHex as hexOf } from '../bytes/hex';
import { importPkcs12 } from './keys/pkcs12';
import { describeKeyType } from './keys/private-key';
import { readSmimeInput } from './mime/smime-message';
import { nameOf, OID } from './oids';
import { decodePemBlocks, looksLikePem } from './pem';
import { certificateFromTlv, parseAlgorithm } from './x509/certificate';
import { describeCertificate, type CertificateFacts } from './x509/facts';
import { formatName } from './x509/name';

export type RecipientDescription = { kind: string; identifiers: string[] };
export type MessageDescription = {
  type: 'smime-message';
  form: 'mime' | 'multipart-signed' | 'der-or-pem';
  contentType: string;
  recipients?: RecipientDescription[];
  contentCipher?: string;
  integrityProtected?: boolean;
  signers?: { identifier: string; digestAlgorithm: string; signatureAlgorithm: string }[];
  detached?: boolean;
  certificates?: CertificateFacts[];
};
export type Description =
  | { type: 'certificates'; certificates: CertificateFacts[] }
  | { type: 'pkcs12'; keys: string[]; certificates: CertificateFacts[]; identities: string[] }
  | MessageDescription;

const idText = (id: CertIdentifier | null): string =>
  id === null ? 'unknown' : id.kind === 'ski' ? `ski:${hexOf(id.ski)}` : `issuer:${formatName(id.issuer)};serial:${hexOf(id.serial)}`;

async function describeCms(der: Uint8Array, form: MessageDescription['form'], detached?: boolean): Promise<MessageDescription> {
  const ci = parseContentInfo(der);
  const out: MessageDescription = { type: 'smime-message', form, contentType: nameOf(ci.contentType) };
  const s = expect(ci.content, Tag.SEQUENCE, 'content');
  if (ci.contentType === OID.envelopedData || ci.contentType === OID.authEnvelopedData) {
    let i = 1;
    if (isContext(s.children[i], 0)) i++;
    out.recipients = readRecipientInfos(expect(s.children[i++], Tag.SET, 'RecipientInfos')).map((r) => ({
      kind: r.kind === 'ktri' ? `key-transport:${nameOf(parseAlgorithm(r.node.children[2]).oid)}` : r.kind === 'kari' ? 'key-agreement' : 'other',
      identifiers: r.ids.map(idText),
    }));
    out.contentCipher = nameOf(parseAlgorithm(expect(s.children[i], Tag.SEQUENCE, 'EncryptedContentInfo').children[1]).oid);
    out.integrityProtected = ci.contentType === OID.authEnvelopedData;
  } else if (ci.contentType === OID.signedData) {
    const encap = expect(s.children[2], Tag.SEQUENCE, 'EncapsulatedContentInfo');
    out.detached = detached ?? !isContext(encap.children[1], 0);
    let i = 3;
    out.certificates = [];
    if (isContext(s.children[i], 0)) {
      for (const c of s.children[i++]!.children) {
        if (isUniversal(c, Tag.SEQUENCE)) {
          try { out.certificates.push(await describeCertificate(certificateFromTlv(c))); } catch { /* skip unreadable */ }
        }
      }
    }
    if (isContext(s.children[i], 1)) i++;
    out.signers = expect(s.children[i], Tag.SET, 'signerInfos').children.map((si) => {
      const k = isContext(si.children[3], 0) ? 4 : 3;
      smallInteger(si.children[0]);
      return {
        identifier: idText(readIdentifier(si.children[1])),
        digestAlgorithm: nameOf(parseAlgorithm(si.children[2]).oid),
        signatureAlgorithm: nameOf(parseAlgorithm(si.children[k]).oid),
      };
    });
  }
  return out;
}

function isPfx(data: Uint8Array): boolean {
  try {
    const root = parseDer(data);
    return isUniversal(root.children[0], Tag.INTEGER) && smallInteger(root.children[0]) === 3 && isUniversal(root.children[1], Tag.SEQUENCE)
      && decodeOid(root.children[1]!.children[0]) === OID.data;
  } catch {
    return false;
  }
}

export async function inspect(data: Uint8Array, password?: string): Promise<Description> {
  if (looksLikePem(data)) {
    const blocks = decodePemBlocks(data);
    const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
    if (certs.length > 0) {
      return { type: 'certificates', certificates: await Promise.all(certs.map((b) => describeCertificate(certificateFromTlv(parseDer(b.der))))) };
    }
    const cms = blocks.find((b) => b.label === 'PKCS7' || b.label === 'CMS');
    if (cms !== undefined) return describeCms(cms.der, 'der-or-pem');
    throw new LockpaneError('bad-data', 'no certificate or CMS object in the PEM input');
  }
  if (data[0] === 0x30) {
    if (isPfx(data)) {
      const p12 = await importPkcs12(data, password);
      return {
        type: 'pkcs12',
        keys: p12.keys.map(describeKeyType),
        certificates: await Promise.all(p12.certificates.map(describeCertificate)),
        identities: await Promise.all(p12.identities.map(async (i) => (await describeCertificate(i.certificate)).fingerprintSha256)),
      };
    }
    try {
      const ci = parseContentInfo(data);
      if (ci.contentType.startsWith('1.2.840.113549.1.')) return describeCms(data, 'der-or-pem');
    } catch (e) {
      if (e instanceof LockpaneError && e.message.startsWith('the message is truncated')) throw e;
      /* else maybe a certificate */
    }
    return { type: 'certificates', certificates: [await describeCertificate(certificateFromTlv(parseDer(data)))] };
  }
  const msg = readSmimeInput(data);
  if (msg.kind === 'multipart-signed') return describeCms(msg.signature, 'multipart-signed', true);
  return describeCms(msg.der, 'mime');
}
