/** lockpane smime inspect [--password-file FILE] < INPUT > JSON */
import { LockpaneError } from '../../errors';
import { inspect } from '../../smime/index';
import { one, parseArgs } from '../args';
import { readStdin, writeStdout } from '../stdio';
import { readPassword } from './files';

export const usage = `usage: lockpane smime inspect [--password-file FILE] < INPUT > JSON
Describes a certificate, a PKCS#12 file (with its password) or an S/MIME message as JSON.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['password-file'] });
  if (args.positionals.length > 0) throw new LockpaneError('unsupported-option', `unexpected argument "${args.positionals[0]}"`);
  const password = readPassword(one(args, 'password-file'));
  writeStdout(`${JSON.stringify(await inspect(await readStdin(), password), null, 2)}\n`);
  return 0;
}
