/**
 * sop armor [--label={auto|sig|key|cert|message}] < DATA > DATA (armored); armored input passes
 * through unchanged. The CRC-24 footer follows RFC 9580 as every other subcommand's output does
 * (openpgp.js's rule): present for v4 keys, v4 signatures and SEIPDv1 messages, absent for v6 ones.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../../errors';
import { looksArmored } from '../../pgp';
import { armorWantsChecksum, summarizePackets } from '../../pgp/engine/packet-list';
import { choice, parseArgs } from '../args';
import { readStdin, writeStdout } from './io';

export const usage = `usage: lockpane sop armor [--label={auto|sig|key|cert|message}] < DATA > ARMORED
Adds ASCII armor; --label sets the armor type (default auto: from the first packet). Armored input passes through unchanged.
`;

const labels = ['auto', 'sig', 'key', 'cert', 'message'] as const;
type Label = (typeof labels)[number];

/** The armor type from the first packet's tag. */
function detected(data: Uint8Array): openpgp.enums.armor {
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

function armorType(label: Label, data: Uint8Array): openpgp.enums.armor {
  switch (label) {
    case 'sig': return openpgp.enums.armor.signature;
    case 'key': return openpgp.enums.armor.privateKey;
    case 'cert': return openpgp.enums.armor.publicKey;
    case 'message': return openpgp.enums.armor.message;
    case 'auto': return detected(data);
  }
}

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['label'] });
  const label = choice(p, 'label', labels, 'auto');
  const data = await readStdin();
  if (looksArmored(data)) { writeStdout(data); return 0; }
  if (data.length === 0) throw new LockpaneError('bad-data', 'the input is empty');
  writeStdout(openpgp.armor(armorType(label, data), data, undefined, undefined, undefined, armorWantsChecksum(summarizePackets(data))));
  return 0;
}
