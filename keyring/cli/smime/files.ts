/** Input files of `lockpane smime`: read as SOP indirect data (a file name, @FD:n, @ENV:NAME). */
import { LockpaneError } from '../../errors';
import { loadIdentities, readCertificates, type Certificate, type SmimeIdentity } from '../../smime/index';
import { readIndirect } from '../indirect';

export { readIndirect as readInputFile };

/** SOP: trailing whitespace of a password file is not part of the password. */
export function readPassword(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return new TextDecoder().decode(readIndirect(path)).replace(/\s+$/, '');
}

/** Errors about a named file say which file (the user may have given several). */
const named = (file: string, e: unknown): unknown =>
  e instanceof LockpaneError ? new LockpaneError(e.code, `${file}: ${e.message}`, { cause: e }) : e;

export function readCertificateFile(file: string): Certificate[] {
  const data = readIndirect(file);
  try {
    return readCertificates(data);
  } catch (e) {
    throw named(file, e);
  }
}

export async function loadKeyFile(file: string, password: string | undefined): Promise<SmimeIdentity[]> {
  const data = readIndirect(file);
  try {
    return await loadIdentities(data, password);
  } catch (e) {
    throw named(file, e);
  }
}
