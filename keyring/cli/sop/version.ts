/** sop version [--backend|--extended|--sop-spec] */
import { openpgpVersion } from '../../pgp';
import { parseArgs } from '../args';
import { writeStdout } from './io';

export const usage = `usage: lockpane sop version [--backend|--extended|--sop-spec]
Prints the version of Lockpane (or of its OpenPGP backend, or the SOP draft it implements).
`;

export const SOP_SPEC = 'draft-dkg-openpgp-stateless-cli-11';
const VERSION = '0.1.0';

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['backend', 'extended', 'sop-spec'] });
  if (p.flags.has('backend')) writeStdout(`openpgp.js ${openpgpVersion()}\n`);
  else if (p.flags.has('extended')) writeStdout(`lockpane ${VERSION}\nopenpgp.js ${openpgpVersion()}\nnode ${process.versions.node}\n`);
  else if (p.flags.has('sop-spec')) writeStdout(`${SOP_SPEC}\n`);
  else writeStdout(`lockpane ${VERSION}\n`);
  return 0;
}
