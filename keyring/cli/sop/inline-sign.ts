/** sop inline-sign [--no-armor] [--as={binary|text|clearsigned}] [--with-key-password=PASSWORD...] [--] KEYS... < DATA > MESSAGE */
import { signCleartext, signMessage } from '../../pgp';
import { all, choice, parseArgs } from './args';
import { EXIT, SopError } from './exit-codes';
import { readStdin, writeStdout } from './io';
import { loadSecretKeys } from './keys';
import { requireUtf8 } from './sign';

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor'], values: ['as'], multi: ['with-key-password'] });
  const mode = choice(p, 'as', ['binary', 'text', 'clearsigned'] as const, 'binary');
  if (mode === 'clearsigned' && p.flags.has('no-armor')) throw new SopError(EXIT.INCOMPATIBLE_OPTIONS, '--as=clearsigned cannot be combined with --no-armor');
  if (p.positionals.length === 0) throw new SopError(EXIT.MISSING_ARG, 'inline-sign needs at least one KEYS argument');
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
