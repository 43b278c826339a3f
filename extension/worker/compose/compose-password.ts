/**
 * Password-protected mail in the secure editor (issue #22): recipients with an OpenPGP key get the usual
 * encryption; those without one get a self-contained HTML file (keyring/password-mail) opened with a
 * password the sender passes on by another channel. What goes to the web mail: the short notice the
 * editor wrote (plus the armored block for keyed recipients, when there are any) and the HTML file through
 * the site's upload. The organisation's policy (allowPasswordMail, passwordMailMinStrengthBits,
 * passwordMailKdfFloor) is enforced here, not only in the frame.
 */
import { LockpaneError } from '../../../keyring/errors';
import {
  argon2Profile, estimateStrength, fillPasswordFile, gpgCompatibleProfile, sealPasswordMail, suggestPassword, type KdfFloor, type StrengthLevel,
} from '../../../keyring/password-mail';
import type { ComposeResolution, EncryptResult } from '../../shared/compose-types';
import type { KeyringService } from '../keyring/service';
import type { KeyValueArea } from '../kv';
import type { StagedFile } from './attachment-staging';
import type { OutgoingFile } from './outgoing-files';

export type PasswordMailPolicy = { allowed: boolean; minStrengthBits: number; floor: KdfFloor };
export type PasswordChoice = { value: string; gpgCompatible: boolean; notice: string; lang: 'en' | 'de' };

type Encrypted = { armored: string; files: OutgoingFile[] };
type EncryptInput = {
  to: string[]; cc: string[]; body: string; sign: boolean; unlock?: { fingerprint: string; passphrase: string };
  files?: readonly StagedFile[]; canAttach?: boolean;
};
type Compose = {
  resolve(to: string[], cc: string[]): Promise<ComposeResolution>;
  encrypt(input: EncryptInput): Promise<Encrypted | EncryptResult>;
};

export const passwordFileName = 'protected-message.html';
/** The outbox id of the HTML file (attachment ids the frame makes are [a-z0-9]{1,16} too). */
export const passwordFileId = 'pwmailfile';

export type PasswordAdvice = { bits: number; level: StrengthLevel; minBits: number; allowed: boolean; gpgCompatibleAllowed: boolean; suggestion: string | null };

const refKey = (ref: string) => `pwmail-ref:${ref}`;
const refPattern = /^[A-Za-z0-9_-]{8,64}$/;

export function createPasswordMail(deps: {
  keyring: KeyringService; compose: Compose; local: KeyValueArea; policy: () => Promise<PasswordMailPolicy>; template: () => Promise<string>;
}) {
  async function ownKey(): Promise<{ armored: string; fingerprint: string; email: string | null } | null> {
    const own = (await deps.keyring.store()).list().find((e) => e.kind === 'openpgp' && e.privateArmored !== undefined);
    return own && own.kind === 'openpgp' ? { armored: own.publicArmored, fingerprint: own.fingerprint, email: own.emails[0] ?? null } : null;
  }

  async function allowedPolicy(): Promise<PasswordMailPolicy> {
    const policy = await deps.policy();
    if (!policy.allowed) throw new LockpaneError('unsupported-option', 'Your organisation does not allow password-protected mail.');
    return policy;
  }

  return {
    /** Who the password mail with this reply ref went to, or null when this Lockpane did not send it. */
    async sentTo(ref: string): Promise<string[] | null> {
      if (!refPattern.test(ref)) return null;
      const v = await deps.local.get(refKey(ref));
      if (typeof v !== 'object' || v === null || !Array.isArray((v as { to?: unknown }).to)) return null;
      const to = (v as { to: unknown[] }).to.filter((a): a is string => typeof a === 'string' && a.length <= 320).slice(0, 100);
      return to.length > 0 ? to : null;
    },

    /** The meter's reading for a typed password, or a fresh suggestion (with its reading) when none is given. */
    async advice(password: string | undefined): Promise<PasswordAdvice> {
      const policy = await deps.policy();
      const suggestion = password === undefined ? suggestPassword() : null;
      const s = estimateStrength(password ?? suggestion ?? '');
      return { bits: s.bits, level: s.level, minBits: policy.minStrengthBits, allowed: policy.allowed, gpgCompatibleAllowed: policy.floor.allowGpgCompatible, suggestion };
    },

    async encrypt(input: EncryptInput & { subject: string | null; password: PasswordChoice }): Promise<Encrypted | EncryptResult> {
      const policy = await allowedPolicy();
      if (input.canAttach !== true) throw new LockpaneError('unsupported-option', 'Password-protected mail is sent as an attachment: this web mail cannot take attachments from Lockpane.');
      const resolution = await deps.compose.resolve(input.to, input.cc);
      const keyless = new Set(resolution.recipients.filter((r) => r.openpgp === null && r.smime === null).map((r) => r.email));
      if (keyless.size === 0) throw new LockpaneError('unsupported-option', 'Every recipient has a key: encrypt normally, without a password.');
      const to = input.to.filter((a) => !keyless.has(a));
      const cc = input.cc.filter((a) => !keyless.has(a));
      let keyed: Encrypted | null = null;
      if (to.length + cc.length > 0) {
        const r = await deps.compose.encrypt({ ...input, to, cc });
        if ('state' in r) return r;
        keyed = r;
      }
      const own = await ownKey();
      const sealed = await sealPasswordMail({
        subject: input.subject ?? '', text: input.body, password: input.password.value, senderKey: own?.armored ?? null,
        attachments: (input.files ?? []).map((f) => ({ name: f.name, type: 'application/octet-stream', data: f.bytes })),
        profile: input.password.gpgCompatible ? gpgCompatibleProfile : argon2Profile, floor: policy.floor, minStrengthBits: policy.minStrengthBits,
      });
      const html = fillPasswordFile(await deps.template(), sealed.armored, {
        from: own?.email ?? null, fingerprint: own?.fingerprint ?? null, senderKey: own?.armored ?? null, lang: input.password.lang,
      });
      await deps.local.set(refKey(sealed.replyRef), { to: [...keyless], sentAt: new Date().toISOString() });
      const file: OutgoingFile = { id: passwordFileId, name: passwordFileName, mediaType: 'text/html', bytes: new TextEncoder().encode(html) };
      const notice = input.password.notice.trim();
      return { armored: keyed ? `${notice}\n\n${keyed.armored}` : notice, files: [file, ...(keyed?.files ?? [])] };
    },
  };
}

export type PasswordMail = ReturnType<typeof createPasswordMail>;
