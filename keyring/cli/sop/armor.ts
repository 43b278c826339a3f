/** sop armor < DATA > DATA (armored); already armored input passes through unchanged. */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../../errors';
import { looksArmored } from '../../pgp';
import { parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { readStdin, writeStdout } from './io';

export const usage = `usage: lockpane sop armor [--label={auto|sig|key|cert|message}] < DATA > ARMORED
Armored input passes through unchanged.
`;

/** The armor type from the first packet's tag. */
function armorType(data: Uint8Array): openpgp.enums.armor {
  const first = data[0];
  if (first === undefined || (first & 0x80) === 0) throw new LockpaneError('bad-data', 'the input is not OpenPGP data');
  const tag = first & 0x40 ? first & 0x3f : (first & 0x3c) >> 2;
  switch (tag) {
    case 5: return openpgp.enums.armor.privateKey;
    case 6: return openpgp.enums.armor.publicKey;
    case 2: return openpgp.enums.armor.signature;
    default: return openpgp.enums.armor.message;
  }
}

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['label'] });
  const label = p.values.get('label')?.[0];
  if (label !== undefined && label !== 'auto') throw new CliError(EXIT.UNSUPPORTED_OPTION, '--label is not supported (only auto)');
  const data = await readStdin();
  if (looksArmored(data)) { writeStdout(data); return 0; }
  writeStdout(openpgp.armor(armorType(data), data));
  return 0;
}
