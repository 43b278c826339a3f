/**
 * sop decrypt [--session-key-out=SESSIONKEY] [--with-session-key=SESSIONKEY...] [--with-password=PASSWORD...]
 *             [--with-key-password=PASSWORD...] [--verifications-out=VERIFICATIONS] [--verify-with=CERTS...]
 *             [--verify-not-before=DATE] [--verify-not-after=DATE] [--] [KEYS...] < CIPHERTEXT > PLAINTEXT
 * The plaintext is spooled and reaches stdout only after the integrity check passed. Binary SEIPDv1
 * messages take the bounded-memory path of keyring/pgp/engine (host services in engine-node.ts); everything else goes through openpgp.js.
 */
import { decryptStream, type SessionKeyData, type SignatureReport } from '../../pgp';
import { fastDecrypt } from '../../pgp/engine/fast-decrypt';
import { ByteReader } from '../../pgp/engine/packet-reader';
import { fileSpool, nodeEngineCrypto } from './engine-node';
import { all, one, parseArgs, parseDate } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { checkOutput, fileToStdout, readIndirect, spoolDir, spoolToStdout, stdinChunks, webStreamOf, writeIndirect } from './io';
import { loadCerts, loadSecretKeys, passwordVariants } from './keys';
import { formatSessionKey, parseSessionKey } from './session-key';
import { formatVerifications, goodWithin } from './verifications';

export const usage = `usage: lockpane sop decrypt [--session-key-out=SESSIONKEY] [--with-session-key=SESSIONKEY...] [--with-password=PASSWORD...]
         [--with-key-password=PASSWORD...] [--verifications-out=VERIFICATIONS] [--verify-with=CERTS...]
         [--verify-not-before=DATE] [--verify-not-after=DATE] [--] [KEYS...] < CIPHERTEXT > PLAINTEXT
The plaintext reaches stdout only after the message's integrity check passed.
--verify-out is the older name of --verifications-out.
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

/** The CLI streams plaintext to disk, so it allows far more than the extension's 64 MiB. */
export const CLI_MAX_DECOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, {
    values: ['session-key-out', 'verifications-out', 'verify-out', 'verify-not-before', 'verify-not-after', 'not-before', 'not-after'],
    multi: ['with-session-key', 'with-password', 'with-key-password', 'verify-with'],
  });
  const verOut = one(p, 'verifications-out') ?? one(p, 'verify-out');
  const skOut = one(p, 'session-key-out');
  const verifyWith = all(p, 'verify-with');
  if (verifyWith.length > 0 && !verOut) throw new CliError(EXIT.INCOMPLETE_VERIFICATION, '--verify-with needs --verifications-out');
  if (verOut && verifyWith.length === 0) throw new CliError(EXIT.INCOMPLETE_VERIFICATION, '--verifications-out needs --verify-with');
  if (verOut) checkOutput(verOut);
  if (skOut) checkOutput(skOut);
  const notBefore = parseDate(one(p, 'verify-not-before') ?? one(p, 'not-before'), null, null);
  const notAfter = parseDate(one(p, 'verify-not-after') ?? one(p, 'not-after'), null, new Date());
  const sessionKeys = all(p, 'with-session-key').map((f) => parseSessionKey(readIndirect(f)));
  const passwords = passwordVariants(all(p, 'with-password').map(readIndirect));
  const keys = await loadSecretKeys(p.positionals, all(p, 'with-key-password'));
  const certs = await loadCerts(verifyWith);
  if (keys.length === 0 && passwords.length === 0 && sessionKeys.length === 0) {
    throw new CliError(EXIT.MISSING_ARG, 'decrypt needs KEYS, --with-password or --with-session-key');
  }
  const spool = spoolDir();
  try {
    const reader = new ByteReader(stdinChunks());
    const fast = await fastDecrypt({
      reader, decryptionKeys: keys, passwords, sessionKeys, verificationKeys: certs, maxDecompressedBytes: CLI_MAX_DECOMPRESSED_BYTES,
      crypto: nodeEngineCrypto, spool: fileSpool(spool.file),
    });
    let signatures: SignatureReport[];
    let sessionKey: SessionKeyData | null;
    if (fast) {
      await fileToStdout(fast.segments ? spool.file('inner') : spool.file('out'), fast.segments ?? undefined);
      ({ signatures, sessionKey } = fast);
    } else {
      // armored input, SEIPDv2 (streamed chunk by chunk by openpgp.js) and anything unusual
      const result = await decryptStream({
        message: webStreamOf(reader.replay()), decryptionKeys: keys, passwords, sessionKeys, verificationKeys: certs,
        returnSessionKey: skOut !== undefined, maxDecompressedBytes: CLI_MAX_DECOMPRESSED_BYTES,
      });
      await spoolToStdout(result.data);
      signatures = await result.signatures;
      sessionKey = result.sessionKey;
    }
    if (verOut) writeIndirect(verOut, formatVerifications(goodWithin(signatures, notBefore, notAfter)));
    if (skOut && sessionKey) writeIndirect(skOut, formatSessionKey(sessionKey));
  } finally {
    spool.cleanup();
  }
  return 0;
}
