/** Who a message is encrypted to, so the reader can ask for the right secret (key passphrase or message password). */
import * as openpgp from 'openpgp';
import { pgpConfig } from './config';
import { readMessage } from './message-read';

const wildcard = '0000000000000000';

/** Upper-case 16-hex key IDs of the PKESK packets (wildcard IDs of anonymous recipients are left out). */
export async function encryptionKeyIds(message: string | Uint8Array): Promise<string[]> {
  return (await encryptionRecipients(message)).keyIds;
}

export type EncryptionRecipients = {
  /** Upper-case 16-hex key IDs of the PKESK packets, wildcards left out. */
  keyIds: string[];
  /** PKESK packets with a wildcard key ID: any key may be the one. */
  anonymousKeys: number;
  /** SKESK packets: a password opens the message. */
  passwords: number;
};

/** The message's session-key packets, counted by kind (one read of the packet list, no decryption). */
export async function encryptionRecipients(message: string | Uint8Array): Promise<EncryptionRecipients> {
  const msg = await readMessage(message, pgpConfig);
  const ids = msg.getEncryptionKeyIDs().map((id) => id.toHex().toUpperCase());
  return {
    keyIds: ids.filter((id) => id !== wildcard),
    anonymousKeys: ids.filter((id) => id === wildcard).length,
    passwords: msg.packets.filterByTag(openpgp.enums.packet.symEncryptedSessionKey).length,
  };
}
