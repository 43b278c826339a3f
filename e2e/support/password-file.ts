/** Makes filled password-mail files from the built template, as the worker does, for the file:// specs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { fillPasswordFile, sealPasswordMail, type KdfProfile, type PasswordFileMeta, type PayloadAttachment } from '../../keyring/password-mail';
import type { TestPgpKey } from '../../keyring/testing/identities';

export const passwordFileTemplate = path.resolve(__dirname, '../../dist/test/chrome/password-mail.html.template');

export type MadeFile = { path: string; url: string; armored: string; replyRef: string };

export async function makePasswordFile(options: {
  dir: string; name: string; sender: TestPgpKey; password: string; subject: string; text: string;
  attachments: PayloadAttachment[]; profile?: KdfProfile; mutate?: (armored: string, meta: PasswordFileMeta) => Promise<[string, PasswordFileMeta]>;
}): Promise<MadeFile> {
  const sealed = await sealPasswordMail({ subject: options.subject, text: options.text, attachments: options.attachments, password: options.password, senderKey: options.sender.publicArmored,
    ...(options.profile ? { profile: options.profile } : {}) });
  let armored = sealed.armored;
  let meta: PasswordFileMeta = { from: 'alice@example.test', fingerprint: options.sender.fingerprint, senderKey: options.sender.publicArmored, lang: 'en' };
  if (options.mutate) [armored, meta] = await options.mutate(armored, meta);
  const html = fillPasswordFile(fs.readFileSync(passwordFileTemplate, 'utf8'), armored, meta);
  const file = path.join(options.dir, options.name);
  fs.writeFileSync(file, html);
  return { path: file, url: `file://${file}`, armored, replyRef: sealed.replyRef };
}

/** Flips one bit of the encrypted data near its end (inside the last AEAD chunk) and re-armors. */
export async function flipBitNearEnd(armored: string): Promise<string> {
  const { data } = await openpgp.unarmor(armored);
  const bytes = (data as Uint8Array).slice();
  bytes[bytes.length - 20]! ^= 0x04;
  return openpgp.armor(openpgp.enums.armor.message, bytes);
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-pwfile-'));
}
