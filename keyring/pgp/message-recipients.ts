/** Which keys a message is encrypted to, so a passphrase prompt can offer the right key first. */
import { pgpConfig } from './config';
import { readMessage } from './message-read';

/** Upper-case 16-hex key IDs of the PKESK packets (wildcard IDs of anonymous recipients are left out). */
export async function encryptionKeyIds(message: string | Uint8Array): Promise<string[]> {
  const msg = await readMessage(message, pgpConfig);
  return msg.getEncryptionKeyIDs().map((id) => id.toHex().toUpperCase()).filter((id) => id !== '0000000000000000');
}
