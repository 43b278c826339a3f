/**
 * One call for the sender's side: payload + password → the OpenPGP message (the standard part) and the
 * reply ref it carries. The HTML file is filled from this by html-file.ts.
 */
import { randomToken } from '../bytes/random';
import { LockpaneError } from '../errors';
import { encryptForPassword } from './encrypt';
import { argon2Profile, checkFloor, type KdfFloor, type KdfProfile } from './kdf-profile';
import { buildPayload, type PayloadAttachment } from './payload';
import { estimateStrength } from './strength';

export type PasswordMailInput = {
  subject: string;
  text: string;
  attachments: PayloadAttachment[];
  password: string;
  /** armored public key of the sender, carried inside for the reply (null: no reply form) */
  senderKey: string | null;
  profile?: KdfProfile;
  /** policy: lowest KDF cost, lowest estimated strength in bits */
  floor?: KdfFloor;
  minStrengthBits?: number;
};

export type SealedPasswordMail = { armored: string; replyRef: string; profile: KdfProfile['kind'] };

export async function sealPasswordMail(input: PasswordMailInput): Promise<SealedPasswordMail> {
  const profile = input.profile ?? argon2Profile;
  checkFloor(profile, input.floor);
  const bits = estimateStrength(input.password).bits;
  if (input.minStrengthBits !== undefined && bits < input.minStrengthBits) {
    throw new LockpaneError('unsupported-option', `The password is too weak for the policy (about ${bits} bits, ${input.minStrengthBits} required).`);
  }
  const replyRef = randomToken(12);
  const data = buildPayload({ subject: input.subject, text: input.text, attachments: input.attachments, senderKey: input.senderKey, replyRef });
  const armored = await encryptForPassword({ data, password: input.password, profile });
  return { armored, replyRef, profile: profile.kind };
}
