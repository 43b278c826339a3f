/** sop sign [--no-armor] [--as={binary|text}] [--with-key-password=PASSWORD...] [--micalg-out=MICALG] [--] KEYS... < DATA > SIGNATURES */
import * as openpgp from 'openpgp';
import { sign } from '../../pgp';
import { all, choice, one, parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { checkOutput, readStdin, writeIndirect, writeStdout } from './io';
import { loadSecretKeys } from './keys';

export const usage = `usage: lockpane sop sign [--no-armor] [--as={binary|text}] [--with-key-password=PASSWORD...] [--micalg-out=MICALG] [--] KEYS... < DATA > SIGNATURES
Writes a detached signature over stdin.
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

export function requireUtf8(data: Uint8Array): void {
  try { new TextDecoder('utf-8', { fatal: true }).decode(data); } catch { throw new CliError(EXIT.EXPECTED_TEXT, 'the input is not UTF-8 text'); }
}

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor'], values: ['as', 'micalg-out'], multi: ['with-key-password'] });
  const mode = choice(p, 'as', ['binary', 'text'] as const, 'binary');
  if (p.positionals.length === 0) throw new CliError(EXIT.MISSING_ARG, 'sign needs at least one KEYS argument');
  const micalgOut = one(p, 'micalg-out');
  if (micalgOut) checkOutput(micalgOut);
  const keys = await loadSecretKeys(p.positionals, all(p, 'with-key-password'));
  const data = await readStdin();
  if (mode === 'text') requireUtf8(data);
  const armor = !p.flags.has('no-armor');
  const sig = await sign({ data, signingKeys: keys, mode, armor });
  if (micalgOut) {
    const parsed = typeof sig === 'string'
      ? await openpgp.readSignature({ armoredSignature: sig })
      : await openpgp.readSignature({ binarySignature: sig });
    const hashName = (id: unknown) => Object.entries(openpgp.enums.hash).find(([, v]) => v === id)?.[0] ?? 'unknown';
    const names = new Set(parsed.packets.map((x) => `pgp-${hashName(x.hashAlgorithm).replace('_', '-')}`));
    writeIndirect(micalgOut, names.size === 1 ? [...names][0]! : '');
  }
  writeStdout(sig);
  return 0;
}
