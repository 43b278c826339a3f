/** sop inline-sign [--no-armor] [--as={binary|text|clearsigned}] [--with-key-password=PASSWORD...] [--] KEYS... < DATA > MESSAGE */
import { signCleartext, signMessage } from '../../pgp';
import { all, choice, parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { readStdin, writeStdout } from './io';
import { loadSecretKeys } from './keys';
import { requireUtf8 } from './sign';

export const usage = `usage: lockpane sop inline-sign [--no-armor] [--as={binary|text|clearsigned}] [--with-key-password=PASSWORD...] [--] KEYS... < DATA > MESSAGE
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor'], values: ['as'], multi: ['with-key-password'] });
  const mode = choice(p, 'as', ['binary', 'text', 'clearsigned'] as const, 'binary');
  if (mode === 'clearsigned' && p.flags.has('no-armor')) throw new CliError(EXIT.INCOMPATIBLE_OPTIONS, '--as=clearsigned cannot be combined with --no-armor');
  if (p.positionals.length === 0) throw new CliError(EXIT.MISSING_ARG, 'inline-sign needs at least one KEYS argument');
  const keys = await loadSecretKeys(p.positionals, all(p, 'with-key-password'));
  const data = await readStdin();
  if (mode !== 'binary') requireUtf8(data);
  if (mode === 'clearsigned') {
    writeStdout(await signCleartext({ text: Buffer.from(data).toString('utf8'), signingKeys: keys }));
  } else {
    writeStdout(await signMessage({ data, signingKeys: keys, mode, armor: !p.flags.has('no-armor') }));
  }
  return 0;
}
