/** sop generate-key [--no-armor] [--with-key-password=PASSWORD] [--profile=PROFILE] [--signing-only] [--] [USERID...] */
import { exportKey, generateKey, readKey, type KeyAlgorithmChoice, type UserIdInput } from '../../pgp';
import { one, parseArgs } from './args';
import { EXIT, SopError } from './exit-codes';
import { readIndirect, writeStdout } from './io';
import { encryptionPassword } from './keys';

/** Profiles: default = Curve25519 v4 (readable everywhere), rfc4880 = RSA-3072 v4, rfc9580 = v6 Curve25519. */
const profiles: Record<string, { algorithm: KeyAlgorithmChoice; v6: boolean }> = {
  default: { algorithm: 'curve25519', v6: false },
  rfc4880: { algorithm: 'rsa3072', v6: false },
  rfc9580: { algorithm: 'curve25519', v6: true },
};

export function parseUserId(uid: string): UserIdInput {
  const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(uid);
  if (m) return { name: m[1]!.trim(), email: m[2]! };
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(uid)) return { email: uid };
  return { name: uid, email: '' };
}

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor', 'signing-only'], values: ['with-key-password', 'profile'] });
  const profileName = one(p, 'profile') ?? 'default';
  const profile = profiles[profileName];
  if (!profile) throw new SopError(EXIT.UNSUPPORTED_PROFILE, `unknown profile ${profileName} (use ${Object.keys(profiles).join(', ')})`);
  const pwFile = one(p, 'with-key-password');
  const passphrase = pwFile === undefined ? undefined : encryptionPassword(readIndirect(pwFile));
  if (p.positionals.length === 0 && !profile.v6) throw new SopError(EXIT.MISSING_ARG, 'a v4 key needs at least one USERID');
  const g = await generateKey({
    userIDs: p.positionals.map(parseUserId), algorithm: profile.algorithm, v6: profile.v6,
    ...(passphrase ? { passphrase } : {}), ...(p.flags.has('signing-only') ? { signingOnly: true } : {}),
  });
  if (p.flags.has('no-armor')) writeStdout(exportKey(await readKey(g.privateKeyArmored), { armor: false, secret: true }));
  else writeStdout(g.privateKeyArmored);
  return 0;
}
