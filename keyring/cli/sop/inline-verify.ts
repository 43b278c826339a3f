/** sop inline-verify [--not-before=DATE] [--not-after=DATE] [--verifications-out=VERIFICATIONS] [--] CERTS... < MESSAGE > DATA */
import { verifyCleartext, verifyMessage, type SignatureReport } from '../../pgp';
import { one, parseArgs, parseDate } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { checkOutput, readStdin, writeIndirect, writeStdout } from './io';
import { loadCerts } from './keys';
import { formatVerifications, goodWithin } from './verifications';

export const usage = `usage: lockpane sop inline-verify [--not-before=DATE] [--not-after=DATE] [--verifications-out=VERIFICATIONS] [--] CERTS... < MESSAGE > DATA
--verify-out is the older name of --verifications-out.
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

const CLEARTEXT = '-----BEGIN PGP SIGNED MESSAGE-----';

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['not-before', 'not-after', 'verifications-out', 'verify-out'] });
  if (p.positionals.length === 0) throw new CliError(EXIT.MISSING_ARG, 'inline-verify needs at least one CERTS argument');
  const verOut = one(p, 'verifications-out') ?? one(p, 'verify-out');
  if (verOut) checkOutput(verOut);
  const notBefore = parseDate(one(p, 'not-before'), null, null);
  const notAfter = parseDate(one(p, 'not-after'), null, new Date());
  const certs = await loadCerts(p.positionals);
  const input = await readStdin();
  const text = Buffer.from(input.subarray(0, 200)).toString('utf8').trimStart();
  let data: Uint8Array;
  let signatures: SignatureReport[];
  if (text.startsWith(CLEARTEXT)) {
    const r = await verifyCleartext({ message: Buffer.from(input).toString('utf8'), verificationKeys: certs });
    data = Buffer.from(r.printedText, 'utf8');
    signatures = r.signatures;
  } else {
    const r = await verifyMessage({ message: input, verificationKeys: certs });
    data = r.data;
    signatures = r.signatures;
  }
  const good = goodWithin(signatures, notBefore, notAfter);
  if (good.length === 0) throw new CliError(EXIT.NO_SIGNATURE, 'no valid signature from the given certificates');
  writeStdout(data);
  if (verOut) writeIndirect(verOut, formatVerifications(good));
  return 0;
}
