/** sop verify [--not-before=DATE] [--not-after=DATE] [--] SIGNATURES CERTS... < DATA > VERIFICATIONS */
import { verify } from '../../pgp';
import { one, parseArgs, parseDate } from './args';
import { EXIT, SopError } from './exit-codes';
import { readIndirect, readStdin, writeStdout } from './io';
import { loadCerts } from './keys';
import { formatVerifications, goodWithin } from './verifications';

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['not-before', 'not-after'] });
  const [sigFile, ...certFiles] = p.positionals;
  if (!sigFile || certFiles.length === 0) throw new SopError(EXIT.MISSING_ARG, 'verify needs SIGNATURES and at least one CERTS argument');
  const notBefore = parseDate(one(p, 'not-before'), null, null);
  const notAfter = parseDate(one(p, 'not-after'), null, new Date());
  const signature = readIndirect(sigFile);
  const certs = await loadCerts(certFiles);
  const data = await readStdin();
  const { signatures } = await verify({ data, signature, verificationKeys: certs });
  const good = goodWithin(signatures, notBefore, notAfter);
  if (good.length === 0) throw new SopError(EXIT.NO_SIGNATURE, 'no valid signature from the given certificates');
  writeStdout(formatVerifications(good));
  return 0;
}
