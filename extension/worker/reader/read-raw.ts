/**
 * The reader's raw-message path (a web mail's exact RFC 5322 source): PGP/MIME encrypted and signed,
 * S/MIME entities, and mixed mails whose protected pieces are attachments (smime.p7m, per-file *.pgp)
 * or an inline armored body. Signatures are checked over the exact signed bytes, with line-ending
 * variants only as a fallback. Returns what the frame shows plus the attachments' bytes (worker only),
 * and what came with the mail to offer for import (attached keys, the signer's carried certificate).
 */
import { LockpaneError } from '../../../keyring/errors';
import { toCrlf } from '../../../keyring/pgp/mime';
import type { ReaderContent, ReaderResult, SignatureView } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import type { SmimeService } from '../smime/smime-service';
import { keyFilesAmong, mergeMaterial, noMaterial, type MailMaterial } from './mail-offers';
import { contentWithFiles, looksLikeMime, type ContentWithFiles } from './mime-content';
import { openPgp, pgpContext, readCleartext, verifyDetached, type PgpContext } from './pgp-open';
import { isPgpSignedMultipart, leafOf, pgpSignedParts, planRaw, type RawPlan } from './raw-structure';
import { openCms } from './read-cms';
import { outerHeaders, shownPayload, type ShownPayload } from './protected-headers';
import type { HeaderField } from '../../../keyring/mime/entity';

export type RawRead = { result: ReaderResult; files: Uint8Array[]; material: MailMaterial };
type Unlock = { fingerprint?: string | undefined; passphrase?: string | undefined; messagePassword?: string | undefined };

/** The exact bytes first, then CRLF-canonical and LF-only forms when they differ. */
export function lineEndingVariants(exact: Uint8Array): Uint8Array[] {
  const out = [exact];
  const crlf = toCrlf(exact);
  if (crlf !== exact) out.push(crlf);
  let lf = 0;
  for (let i = 0; i < exact.length; i++) if (exact[i] === 0x0d && exact[i + 1] === 0x0a) lf++;
  if (lf > 0) {
    const only = new Uint8Array(exact.length - lf);
    let j = 0;
    for (let i = 0; i < exact.length; i++) if (!(exact[i] === 0x0d && exact[i + 1] === 0x0a)) only[j++] = exact[i]!;
    out.push(only);
  }
  return out;
}

function content(parsed: ContentWithFiles | ShownPayload, encrypted: boolean, integrityProtected: boolean, signatures: SignatureView[], partial: boolean): RawRead {
  const shown = 'parsed' in parsed ? parsed : { parsed, protectedHeaders: undefined };
  const c: ReaderContent = {
    encrypted, integrityProtected, ...shown.parsed.content, signatures, partiallySigned: partial,
    ...(shown.protectedHeaders ? { protectedHeaders: shown.protectedHeaders } : {}),
  };
  return { result: { state: 'content', content: c }, files: shown.parsed.files, material: noMaterial() };
}

async function signedEntity(signedPart: Uint8Array, signature: Uint8Array, ctx: PgpContext): Promise<{ entity: Uint8Array; signatures: SignatureView[] }> {
  const v = await verifyDetached(lineEndingVariants(signedPart), signature, ctx);
  // What is shown is the exact signed part (a variant only differs in line ends).
  return { entity: signedPart, signatures: v.signatures };
}

async function pgpEncrypted(ciphertext: Uint8Array, ctx: PgpContext, partial: boolean, outer: HeaderField[] | null): Promise<RawRead> {
  const opened = await openPgp(ciphertext, ctx);
  if (opened.state !== 'ok') return { result: opened, files: [], material: noMaterial() };
  let entity = opened.data;
  let signatures = opened.signatures;
  // Sign-then-encrypt as two layers (RFC 3156 §6.1): the inner multipart/signed carries the signature.
  if (looksLikeMime(new TextDecoder('latin1').decode(entity.subarray(0, 8192)))) {
    const inner = leafOf(entity);
    if (isPgpSignedMultipart(inner.type)) {
      const { signedPart, signature } = pgpSignedParts(inner);
      const v = await signedEntity(signedPart, signature, ctx);
      entity = v.entity;
      signatures = [...signatures, ...v.signatures];
    }
  }
  return content(await shownPayload(entity, outer), true, true, signatures, partial);
}

function stripExtension(name: string): string {
  return name.replace(/\.(pgp|gpg|asc)$/i, '') || 'attachment';
}

async function mixed(plan: RawPlan & { kind: 'mixed' }, ctx: PgpContext): Promise<RawRead> {
  let body: ContentWithFiles = { content: { text: null, html: null, attachments: [] }, files: [] };
  let signatures: SignatureView[] = [];
  let encrypted = false;
  let partial = plan.partial;
  if (plan.inline?.kind === 'pgp-message') {
    const opened = await openPgp(plan.inline.armored, ctx);
    if (opened.state !== 'ok') return { result: opened, files: [], material: noMaterial() };
    body = await contentWithFiles(opened.data);
    signatures = opened.signatures;
    encrypted = true;
  } else if (plan.inline?.kind === 'pgp-signed') {
    const c = await readCleartext(plan.inline.armored, ctx);
    body = { content: { text: c.text, html: null, attachments: [] }, files: [] };
    signatures = c.signatures;
    partial ||= c.partiallySigned;
  }
  const files = [...body.files];
  const attachments = [...body.content.attachments];
  for (const f of plan.pgpFiles) {
    const opened = await openPgp(f.data, ctx);
    if (opened.state !== 'ok') return { result: opened, files: [], material: noMaterial() };
    encrypted = true;
    files.push(opened.data);
    attachments.push({ filename: stripExtension(f.name), mimeType: 'application/octet-stream', size: opened.data.byteLength });
    // A file signed by someone else (or badly) must show; the same signer twice need not.
    for (const s of opened.signatures) {
      if (!signatures.some((o) => o.fingerprint === s.fingerprint && o.status === s.status)) signatures.push(s);
    }
  }
  return content({ content: { ...body.content, attachments }, files }, encrypted, encrypted, signatures, partial);
}

export async function readRaw(raw: Uint8Array, sender: string | undefined, keyring: KeyringService, smime: SmimeService, unlockWith: Unlock): Promise<RawRead> {
  const plan = planRaw(raw);
  const r = await readPlan(raw, plan, sender, keyring, smime, unlockWith);
  if (r.result.state !== 'content') return r;
  // Keys attached outside the protected parts, and those among the attachments the reader shows.
  const shown = { certificates: [], keyFiles: keyFilesAmong(r.result.content.attachments, r.files) };
  return { ...r, material: mergeMaterial(mergeMaterial(r.material, { certificates: [], keyFiles: plan.keys }), shown) };
}

async function readPlan(raw: Uint8Array, plan: RawPlan, sender: string | undefined, keyring: KeyringService, smime: SmimeService, unlockWith: Unlock): Promise<RawRead> {
  const outer = outerHeaders(raw);
  const smimeEntity = plan.kind === 'smime' ? plan.entity : plan.kind === 'mixed' ? plan.smime : null;
  if (smimeEntity) {
    const r = await openCms(smimeEntity, sender, keyring, smime, unlockWith);
    if (r.state === 'needs-passphrase') return { result: r, files: [], material: noMaterial() };
    const read = content(await shownPayload(r.entity, outer), r.encrypted, r.integrityProtected, r.signatures, plan.partial);
    return { ...read, material: { certificates: r.certificates, keyFiles: [] } };
  }
  // Nothing protected: the mail as the web mail shows it, so the attached keys can be offered beside it.
  if (plan.kind === 'unprotected') return content(await contentWithFiles(raw), false, false, [], false);
  if (unlockWith.passphrase && unlockWith.fingerprint) await keyring.unlock(unlockWith.fingerprint, unlockWith.passphrase);
  const ctx = await pgpContext(keyring, sender, unlockWith.messagePassword);
  switch (plan.kind) {
    case 'pgp-encrypted': return pgpEncrypted(plan.ciphertext, ctx, plan.partial, outer);
    case 'pgp-signed': {
      const v = await signedEntity(plan.signedPart, plan.signature, ctx);
      return content(await shownPayload(v.entity, outer), false, false, v.signatures, plan.partial);
    }
    case 'mixed': return mixed(plan, ctx);
    case 'smime': throw new LockpaneError('bad-data', 'This S/MIME message has no CMS content.');
  }
}
