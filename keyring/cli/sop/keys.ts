/** Loading KEYS and CERTS arguments for `lockpane sop`, and key passwords. */
import { LockpaneError } from '../../errors';
import { readKeys, unlockKey, type PgpKey, type PgpPrivateKey } from '../../pgp';
import { EXIT, CliError } from '../exit-codes';
import { readIndirect } from './io';

/** Passwords as given, and with trailing white space removed (SOP: try both). */
export function passwordVariants(raw: Uint8Array[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    const s = new TextDecoder('utf-8', { fatal: false }).decode(r);
    out.push(s);
    const trimmed = s.replace(/\s+$/u, '');
    if (trimmed !== s && trimmed.length) out.push(trimmed);
  }
  return out;
}

/** A password for encryption: must be UTF-8; trailing white space (a file's newline) is removed. */
export function encryptionPassword(raw: Uint8Array): string {
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new CliError(EXIT.PASSWORD_NOT_HUMAN_READABLE, 'the password is not valid UTF-8');
  }
  s = s.replace(/\s+$/u, '');
  if (!s) throw new CliError(EXIT.PASSWORD_NOT_HUMAN_READABLE, 'the password is empty');
  return s;
}

export async function loadCerts(names: string[]): Promise<PgpKey[]> {
  const out: PgpKey[] = [];
  for (const n of names) {
    const keys = await readKeys(readIndirect(n)).catch((e: unknown) => { throw e instanceof LockpaneError ? new CliError(EXIT.BAD_DATA, `${n}: ${e.message}`) : e; });
    out.push(...keys);
  }
  return out;
}

/** Loads secret keys and unlocks the protected ones with the key passwords (exit 67 when none fits). */
export async function loadSecretKeys(names: string[], keyPasswordFiles: string[]): Promise<PgpPrivateKey[]> {
  const passwords = passwordVariants(keyPasswordFiles.map(readIndirect));
  const out: PgpPrivateKey[] = [];
  for (const n of names) {
    const keys = await readKeys(readIndirect(n)).catch((e: unknown) => { throw e instanceof LockpaneError ? new CliError(EXIT.BAD_DATA, `${n}: ${e.message}`) : e; });
    for (const key of keys) {
      if (!key.isPrivate()) throw new CliError(EXIT.BAD_DATA, `${n} holds a certificate, not a secret key`);
      try {
        out.push(await unlockKey(key, passwords));
      } catch (e) {
        if (e instanceof LockpaneError && (e.code === 'key-locked' || e.code === 'wrong-passphrase')) {
          throw new CliError(EXIT.KEY_IS_PROTECTED, `${n}: the key is password-protected and no given key password unlocks it`);
        }
        throw e;
      }
    }
  }
  return out;
}
