/**
 * Fills the self-contained HTML file (built from extension/password-file/ into password-mail.html.template) with
 * one message. The template's script and style are fixed at build time (their CSP hashes with them), so
 * filling only adds two inert data blocks: the armored message and a JSON description of the sender.
 * Neither can close its block: armor has no '<', and the JSON escapes '<', '>' and '&'.
 */
import { LockpaneError } from '../errors';

export const dataPlaceholder = '<!--LOCKPANE:DATA-->';
export const messageElementId = 'lp-message';
export const metaElementId = 'lp-meta';

export type PasswordFileMeta = {
  /** the sender's address as shown before opening (checked against nothing: display only) */
  from: string | null;
  /** fingerprint of the sender key carried inside the message; the file refuses a mismatch */
  fingerprint: string | null;
  /** the sender's public key, outside too, so the fingerprint can be shown before the password */
  senderKey: string | null;
  /** the sender's UI language, used when the reader's browser is neither en nor de */
  lang: 'en' | 'de';
};

const armorPattern = /^-----BEGIN PGP MESSAGE-----\r?\n(?:[A-Za-z0-9+/=:\- .,_()\r\n]|[^\S\n])*-----END PGP MESSAGE-----\s*$/;

function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function fillPasswordFile(template: string, armored: string, meta: PasswordFileMeta): string {
  if (!template.includes(dataPlaceholder)) throw new LockpaneError('bad-data', 'The password-file template has no data placeholder.');
  if (!armorPattern.test(armored)) throw new LockpaneError('bad-armor', 'The protected message is not ASCII-armored OpenPGP.');
  if (meta.senderKey !== null && /[<>&]/.test(meta.senderKey)) throw new LockpaneError('bad-armor', 'The sender key is not armored text.');
  const blocks = `<script type="application/pgp-encrypted" id="${messageElementId}">\n${armored.trim()}\n</script>\n`
    + `<script type="application/json" id="${metaElementId}">${jsonForHtml(meta)}</script>`;
  const i = template.indexOf(dataPlaceholder);
  return template.slice(0, i) + blocks + template.slice(i + dataPlaceholder.length);
}
