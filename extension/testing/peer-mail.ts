/**
 * Test-only (Node): whole mails as real peers make them — GnuPG for inline and PGP/MIME (RFC 3156
 * layouts as in RECIPES.md; gpg makes no MIME itself), OpenSSL `cms` for S/MIME. Used by the reader's
 * unit tests and by the Roundcube e2e spec. Never imported by extension code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Headers = { from: string; to: string; subject: string };

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

function head(h: Headers, contentType: string): string {
  return `From: ${h.from}\r\nTo: ${h.to}\r\nSubject: ${h.subject}\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@peers.test>\r\nMIME-Version: 1.0\r\nContent-Type: ${contentType}\r\n`;
}

/** A text/plain entity (CRLF), the usual inner part of a signed or encrypted mail. */
export function textEntity(text: string): Buffer {
  return Buffer.from(crlf(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${text}\n`), 'utf8');
}

/** A throwaway GnuPG home: key generation, import, and the sign/encrypt operations mails need. */
export class PeerGpg {
  readonly home: string;
  constructor() {
    this.home = mkdtempSync(path.join(tmpdir(), 'lockpane-peer-gpg-'));
    execFileSync('chmod', ['700', this.home]);
  }

  gpg(args: string[], input?: Uint8Array | string): Buffer {
    return execFileSync('gpg', ['--homedir', this.home, '--batch', '--yes', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', '--trust-model', 'always', ...args],
      { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  }

  /** Ed25519 + Cv25519, no passphrase; returns the armored public key. */
  generate(uid: string): string {
    this.gpg(['--quick-gen-key', uid, 'ed25519', 'sign,cert', '1y']);
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(this.gpg(['--with-colons', '--list-secret-keys', uid]).toString())?.[1];
    if (!fpr) throw new Error('gpg gave no fingerprint');
    this.gpg(['--quick-add-key', fpr, 'cv25519', 'encr', '1y']);
    return this.gpg(['--armor', '--export', uid]).toString();
  }

  importKey(armored: string): void {
    this.gpg(['--import'], armored);
  }

  detachSign(signer: string, data: Uint8Array): Buffer {
    return this.gpg(['--armor', '-u', signer, '--digest-algo', 'SHA256', '--detach-sign'], data);
  }

  encrypt(signer: string | null, to: string, data: Uint8Array, armor = true): Buffer {
    return this.gpg([...(armor ? ['--armor'] : []), ...(signer ? ['-u', signer, '--sign'] : []), '-r', to, '--encrypt'], data);
  }

  cleanup(): void {
    try {
      execFileSync('gpgconf', ['--homedir', this.home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
    } catch {
      // no agent started
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** RFC 3156 §5 multipart/signed: the signed bytes are exactly the first part. */
export function pgpMimeSigned(g: PeerGpg, h: Headers, inner: Buffer, signer = h.from): Buffer {
  const b = `signed-${Math.random().toString(36).slice(2)}`;
  const sig = crlf(g.detachSign(signer, inner).toString());
  return Buffer.concat([
    Buffer.from(head(h, `multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="${b}"`) + `\r\nThis is an OpenPGP/MIME signed message.\r\n--${b}\r\n`),
    inner,
    Buffer.from(`\r\n--${b}\r\nContent-Type: application/pgp-signature; name="signature.asc"\r\nContent-Description: OpenPGP digital signature\r\nContent-Disposition: attachment; filename="signature.asc"\r\n\r\n${sig}\r\n--${b}--\r\n`),
  ]);
}

/** RFC 3156 §4/§6.2 multipart/encrypted, signed and encrypted in one OpenPGP message. */
export function pgpMimeEncrypted(g: PeerGpg, h: Headers, inner: Buffer, signer: string | null = h.from): Buffer {
  const b = `enc-${Math.random().toString(36).slice(2)}`;
  const armored = crlf(g.encrypt(signer, h.to, inner).toString());
  return Buffer.from(head(h, `multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${b}"`)
    + `\r\nThis is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n--${b}\r\nContent-Type: application/pgp-encrypted\r\nContent-Description: PGP/MIME version identification\r\n\r\nVersion: 1\r\n\r\n`
    + `--${b}\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\nContent-Description: OpenPGP encrypted message\r\nContent-Disposition: inline; filename="encrypted.asc"\r\n\r\n${armored}\r\n--${b}--\r\n`);
}

/** Inline PGP: the armored message is the text body. */
export function pgpInline(g: PeerGpg, h: Headers, text: string, signer: string | null = h.from): Buffer {
  const armored = crlf(g.encrypt(signer, h.to, Buffer.from(text, 'utf8')).toString());
  return Buffer.from(head(h, 'text/plain; charset=us-ascii') + `\r\n${armored}`);
}

function base64Lines(data: Uint8Array): string {
  return Buffer.from(data).toString('base64').replace(/.{1,76}/g, '$&\r\n');
}

/** multipart/mixed: an inline armored body and each file encrypted on its own as <name>.pgp (binary). */
export function pgpWithFiles(g: PeerGpg, h: Headers, text: string, files: { name: string; data: Uint8Array }[], signer: string | null = h.from): Buffer {
  const b = `mixed-${Math.random().toString(36).slice(2)}`;
  const parts = [`--${b}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n${crlf(g.encrypt(signer, h.to, Buffer.from(text, 'utf8')).toString())}\r\n`];
  for (const f of files) {
    parts.push(`--${b}\r\nContent-Type: application/octet-stream; name="${f.name}.pgp"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="${f.name}.pgp"\r\n\r\n${base64Lines(g.encrypt(signer, h.to, f.data, false))}`);
  }
  return Buffer.from(head(h, `multipart/mixed; boundary="${b}"`) + `\r\n${parts.join('')}--${b}--\r\n`);
}

/** `openssl cms` with mail headers; `args` select the operation (e.g. -sign, -encrypt, ciphers, -keyopt). */
export function opensslMail(h: Headers, args: string[], input: Uint8Array): Buffer {
  return execFileSync('openssl', ['cms', ...args, '-from', h.from, '-to', h.to, '-subject', h.subject], { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** `openssl smime` (the older command many scripts still use) with mail headers, like opensslMail. */
export function opensslSmimeMail(h: Headers, args: string[], input: Uint8Array): Buffer {
  return execFileSync('openssl', ['smime', ...args, '-from', h.from, '-to', h.to, '-subject', h.subject], { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

export type AttachedFile = { name: string; type: string; data: Uint8Array };

/** The entity of a text/plain body plus attachments (base64), e.g. gpg-exported keys as a mail client attaches them. */
export function withAttachmentsEntity(text: string, files: readonly AttachedFile[]): Buffer {
  const b = `att-${Math.random().toString(36).slice(2)}`;
  const parts = [`--${b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${crlf(text)}\r\n`];
  for (const f of files) {
    parts.push(`--${b}\r\nContent-Type: ${f.type}; name="${f.name}"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="${f.name}"\r\n\r\n${base64Lines(f.data)}`);
  }
  return Buffer.from(`Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n${parts.join('')}--${b}--\r\n`, 'utf8');
}

/** A whole unprotected mail with attachments (a public key sent as OpenPGP_0x….asc, say). */
export function mailWithAttachments(h: Headers, text: string, files: readonly AttachedFile[]): Buffer {
  const entity = withAttachmentsEntity(text, files);
  const split = entity.indexOf('\r\n\r\n');
  const contentType = entity.subarray('Content-Type: '.length, split).toString('utf8');
  return Buffer.concat([Buffer.from(head(h, contentType)), entity.subarray(split + 2)]);
}

/** A plain mail whose only protected piece is an S/MIME entity attached as smime.p7m (Lockpane's Roundcube sending). */
export function smimeAsAttachment(h: Headers, entity: Uint8Array): Buffer {
  const b = `p7m-${Math.random().toString(36).slice(2)}`;
  return Buffer.from(head(h, `multipart/mixed; boundary="${b}"`)
    + `\r\n--${b}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThis is an S/MIME encrypted message: open the attachment with Lockpane.\r\n`
    + `--${b}\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="smime.p7m"\r\n\r\n${base64Lines(entity)}--${b}--\r\n`);
}

/** Changes one byte of `needle`'s first occurrence (e.g. a word in a signed part), as a server could. */
export function tamper(mail: Buffer, needle: string): Buffer {
  const at = mail.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the mail`);
  const out = Buffer.from(mail);
  out[at] = out[at] === 0x58 ? 0x59 : 0x58;
  return out;
}

export function writeTemp(dir: string, name: string, data: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** A mail whose whole body is a CMS object (what gpgsm writes as DER) as application/pkcs7-mime. */
export function pkcs7MimeMail(h: Headers, der: Uint8Array, smimeType: 'signed-data' | 'enveloped-data'): Buffer {
  return Buffer.from(head(h, `application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"`)
    + `Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="smime.p7m"\r\n\r\n${base64Lines(der)}`);
}

/** multipart/signed S/MIME around an exact CRLF entity and a detached DER signature. */
export function smimeDetachedMail(h: Headers, content: Uint8Array, signatureDer: Uint8Array): Buffer {
  const b = `sig-${Math.random().toString(36).slice(2)}`;
  return Buffer.concat([
    Buffer.from(head(h, `multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="${b}"`) + `\r\n--${b}\r\n`),
    content,
    Buffer.from(`\r\n--${b}\r\nContent-Type: application/pkcs7-signature; name="smime.p7s"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="smime.p7s"\r\n\r\n${base64Lines(signatureDer)}--${b}--\r\n`),
  ]);
}

/** gpgsm in a throwaway home trusting `caCrt`, holding the legacy (3DES) PKCS#12 files given (password "test"). */
export class PeerGpgsm {
  readonly home: string;
  constructor(caCrt: string, legacyP12s: string[], certs: string[] = []) {
    this.home = mkdtempSync(path.join(tmpdir(), 'lockpane-peer-gpgsm-'));
    execFileSync('chmod', ['700', this.home]);
    writeFileSync(path.join(this.home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
    const fpr = execFileSync('openssl', ['x509', '-in', caCrt, '-noout', '-fingerprint', '-sha1']).toString().trim().split('=')[1];
    writeFileSync(path.join(this.home, 'trustlist.txt'), `${fpr} S relax\n`);
    this.run(['--import', caCrt]);
    for (const f of [...legacyP12s, ...certs]) this.run(['--import', f]);
  }

  run(args: string[], input?: Uint8Array): Buffer {
    const cmd = 'gpgsm --homedir "$H" --batch --disable-crl-checks --pinentry-mode loopback --passphrase-fd 3 "$@" 3<<<test';
    return execFileSync('bash', ['-c', cmd, 'gpgsm', ...args], { input, env: { ...process.env, H: this.home }, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  }

  cleanup(): void {
    try {
      execFileSync('gpgconf', ['--homedir', this.home, '--kill', 'all'], { stdio: 'ignore' });
    } catch {
      // nothing running
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}
