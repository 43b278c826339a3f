/** SOP session keys: "<algorithm id>:<hex>" (e.g. "9:FCA4…" for AES-256). */
import * as openpgp from 'openpgp';
import type { SessionKeyData } from '../../pgp';
import { EXIT, CliError } from '../exit-codes';

export function formatSessionKey(sk: SessionKeyData): string {
  const id = (openpgp.enums.symmetric as unknown as Record<string, number>)[sk.algorithm];
  if (id === undefined) throw new CliError(EXIT.UNSUPPORTED_ASYMMETRIC_ALGO, `unknown symmetric algorithm ${sk.algorithm}`);
  return `${id}:${Buffer.from(sk.data).toString('hex').toUpperCase()}\n`;
}

export function parseSessionKey(raw: Uint8Array): SessionKeyData {
  const m = /^\s*(\d+):([0-9A-Fa-f]+)\s*$/.exec(Buffer.from(raw).toString('utf8'));
  if (!m) throw new CliError(EXIT.BAD_DATA, 'a session key must look like "9:HEX"');
  let algorithm: string;
  try {
    algorithm = openpgp.enums.read(openpgp.enums.symmetric, Number(m[1])) as string;
  } catch {
    throw new CliError(EXIT.UNSUPPORTED_ASYMMETRIC_ALGO, `unknown symmetric algorithm ${m[1]}`);
  }
  return { algorithm, data: new Uint8Array(Buffer.from(m[2]!, 'hex')) };
}
