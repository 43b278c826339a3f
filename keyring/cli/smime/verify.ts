/** lockpane smime verify [--trust-root CERT_FILE]... [--email ADDRESS] [--verifications-out FILE] < MESSAGE > MIME_ENTITY */
import { LockpaneError } from '../../errors';
import { verifyMessage, type Certificate } from '../../smime/index';
import { all, one, parseArgs } from '../args';
import { EXIT } from '../exit-codes';
import { checkOutput, writeIndirect } from '../indirect';
import { readStdin, writeAll, writeStdout } from '../stdio';
import { readCertificateFile } from './files';

export const usage = `usage: lockpane smime verify [--trust-root CERT_FILE]... [--email ADDRESS] [--verifications-out FILE] < MESSAGE > MIME_ENTITY
Checks a signed S/MIME message (multipart/signed or opaque signed-data) against the trust roots and,
with --email, the sender's address; writes the signed entity to stdout, exit 3 when no signature is valid.
--verifications-out names a new file (never an existing one) for one line per valid signature.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['email', 'verifications-out'], multi: ['trust-root'] });
  if (args.positionals.length > 0) throw new LockpaneError('unsupported-option', `unexpected argument "${args.positionals[0]}"`);
  const out = one(args, 'verifications-out');
  if (out !== undefined) checkOutput(out); // before any work: an existing file is never touched
  const roots: Certificate[] = [];
  for (const f of all(args, 'trust-root')) roots.push(...readCertificateFile(f));
  const email = one(args, 'email');
  const report = await verifyMessage(await readStdin(), { trustRoots: roots, ...(email !== undefined ? { email } : {}) });
  const valid = report.signers.filter((s) => s.status === 'valid');
  for (const s of report.signers) {
    writeAll(2, `lockpane smime: signer ${s.certificate?.emails[0] ?? s.certificate?.subject ?? '(unknown)'}: ${s.status}${s.problems.length > 0 ? ` (${s.problems.join('; ')})` : ''}\n`);
  }
  for (const p of report.problems) writeAll(2, `lockpane smime: ${p}\n`);
  if (valid.length === 0) {
    writeAll(2, 'lockpane smime: no valid signature\n');
    return EXIT.NO_SIGNATURE;
  }
  if (out !== undefined) {
    writeIndirect(out, valid.map((s) => `${s.signingTime ?? new Date(0).toISOString()} ${s.certificate!.fingerprintSha256} ${email?.toLowerCase() ?? s.certificate!.emails[0] ?? ''}\n`).join(''));
  }
  writeStdout(report.content);
  return 0;
}
