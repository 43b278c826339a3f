/** sop verify [--not-before=DATE] [--not-after=DATE] [--] SIGNATURES CERTS... < DATA > VERIFICATIONS */
import { verify } from '../../pgp';
import { one, parseArgs, parseDate } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { readIndirect, readStdin, writeStdout } from './io';
import { loadCerts } from './keys';
import { formatVerifications, goodWithin } from './verifications';

export const usage = `usage: lockpane sop verify [--not-before=DATE] [--not-after=DATE] [--] SIGNATURES CERTS... < DATA > VERIFICATIONS
Checks detached SIGNATURES over stdin; prints one line per good signature, exit 3 when there is none.
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['not-before', 'not-after'] });
  const [sigFile, ...certFiles] = p.positionals;
  if (!sigFile || certFiles.length === 0) throw new CliError(EXIT.MISSING_ARG, 'verify needs SIGNATURES and at least one CERTS argument');
  const notBefore = parseDate(one(p, 'not-before'), null, null);
  const notAfter = parseDate(one(p, 'not-after'), null, new Date());
  const signature = readIndirect(sigFile);
  const certs = await loadCerts(certFiles);
  const data = await readStdin();
  const { signatures } = await verify({ data, signature, verificationKeys: certs });
  const good = goodWithin(signatures, notBefore, notAfter);
  if (good.length === 0) throw new CliError(EXIT.NO_SIGNATURE, 'no valid signature from the given certificates');
  writeStdout(formatVerifications(good));
  return 0;
}
