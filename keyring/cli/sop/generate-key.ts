/** sop generate-key [--no-armor] [--with-key-password=PASSWORD] [--profile=PROFILE] [--signing-only] [--] [USERID...] */
import { exportKey, generateKey, pgpConfig, readKey, type UserIdInput } from '../../pgp';
import { one, parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { readIndirect, writeStdout } from './io';
import { encryptionPassword } from './keys';
import { keyProfiles } from './profiles';

export const usage = `usage: lockpane sop generate-key [--no-armor] [--with-key-password=PASSWORD] [--profile=PROFILE] [--signing-only] [--] [USERID...]
Writes a new secret key to stdout. Each USERID is stored exactly as given (e.g. "Alice <alice@example.org>",
"Alice", or "alice@example.org"). Profiles: ${keyProfiles.map((x) => x.name).join(', ')} (see "lockpane sop list-profiles generate-key").
Files named in options may also be @ENV:NAME or @FD:N.
`;

/** openpgp.js refuses to read back a user ID longer than this, so we never write one. */
const maxUserIdLength = pgpConfig.maxUserIDLength ?? 5 * 1024;

/**
 * SOP: a USERID is any UTF-8 string, stored as given (sqop, gosop and gpg accept "T <t@x>", a bare
 * name, non-ASCII). Passing it as the name keeps it byte for byte: openpgp.js would otherwise check
 * the email part against its own stricter rule (it refuses one-letter domains).
 */
export function parseUserId(uid: string): UserIdInput {
  if (uid.trim() === '') throw new CliError(EXIT.BAD_DATA, 'a user ID cannot be empty or only spaces: give a name, an email address, or "Name <email>"');
  if (uid.length > maxUserIdLength) throw new CliError(EXIT.BAD_DATA, `a user ID can have at most ${maxUserIdLength} characters (this one has ${uid.length}); OpenPGP programs refuse longer ones`);
  return { name: uid, email: '' };
}

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor', 'signing-only'], values: ['with-key-password', 'profile'] });
  const profileName = one(p, 'profile') ?? 'default';
  const profile = keyProfiles.find((x) => x.name === profileName);
  if (!profile) throw new CliError(EXIT.UNSUPPORTED_PROFILE, `unknown profile ${profileName} (use ${keyProfiles.map((x) => x.name).join(', ')})`);
  const userIDs = p.positionals.map(parseUserId);
  const pwFile = one(p, 'with-key-password');
  const passphrase = pwFile === undefined ? undefined : encryptionPassword(readIndirect(pwFile));
  if (userIDs.length === 0 && !profile.v6) throw new CliError(EXIT.MISSING_ARG, 'a v4 key needs at least one USERID');
  const g = await generateKey({
    userIDs, algorithm: profile.algorithm, v6: profile.v6,
    ...(passphrase ? { passphrase } : {}), ...(p.flags.has('signing-only') ? { signingOnly: true } : {}),
  });
  if (p.flags.has('no-armor')) writeStdout(exportKey(await readKey(g.privateKeyArmored), { armor: false, secret: true }));
  else writeStdout(g.privateKeyArmored);
  return 0;
}
