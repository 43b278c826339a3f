/**
 * sop encrypt [--as={binary|text}] [--no-armor] [--with-password=PASSWORD...] [--with-key-password=PASSWORD...]
 *             [--sign-with=KEYS...] [--session-key-out=SESSIONKEY] [--profile=PROFILE] [--] [CERTS...] < DATA > CIPHERTEXT
 * Binary input is streamed (bounded memory); the result reaches stdout only once complete.
 * Unsigned SEIPDv1 messages take the one-pass path of keyring/pgp/engine/fast-encrypt.ts.
 */
import * as openpgp from 'openpgp';
import { encrypt, encryptStream } from '../../pgp';
import { all, choice, one, parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { checkOutput, openOutput, readIndirect, readStdin, spoolToStdout, stdinIterable, stdinSize, stdinStream, writeIndirect, writeStdout, type Output } from './io';
import { fastEncrypt } from '../../pgp/engine/fast-encrypt';
import { nodeEngineCrypto, streamSink } from './engine-node';
import { encryptionPassword, loadCerts, loadSecretKeys } from './keys';
import { encryptProfiles } from './profiles';
import { formatSessionKey } from './session-key';
import { requireUtf8 } from './sign';

export const usage = `usage: lockpane sop encrypt [--as={binary|text}] [--no-armor] [--with-password=PASSWORD...] [--with-key-password=PASSWORD...]
         [--sign-with=KEYS...] [--session-key-out=SESSIONKEY] [--profile=PROFILE] [--] [CERTS...] < DATA > CIPHERTEXT
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor'], values: ['as', 'session-key-out', 'profile'], multi: ['with-password', 'with-key-password', 'sign-with'] });
  const mode = choice(p, 'as', ['binary', 'text'] as const, 'binary');
  const profile = one(p, 'profile');
  if (profile !== undefined && !encryptProfiles.some((x) => x.name === profile)) {
    throw new CliError(EXIT.UNSUPPORTED_PROFILE, `unknown profile ${profile} (use ${encryptProfiles.map((x) => x.name).join(', ')})`);
  }
  const skOut = one(p, 'session-key-out');
  if (skOut) checkOutput(skOut);
  const passwords = all(p, 'with-password').map((f) => encryptionPassword(readIndirect(f)));
  const certs = await loadCerts(p.positionals);
  const signingKeys = await loadSecretKeys(all(p, 'sign-with'), all(p, 'with-key-password'));
  if (certs.length === 0 && passwords.length === 0) throw new CliError(EXIT.MISSING_ARG, 'encrypt needs CERTS or --with-password');
  let sessionKey: { data: Uint8Array; algorithm: string; aeadAlgorithm?: string } | undefined;
  if (skOut) {
    const sk = await openpgp.generateSessionKey({ encryptionKeys: certs.map((c) => c.toPublic()) });
    sessionKey = { data: sk.data, algorithm: sk.algorithm, ...(sk.aeadAlgorithm ? { aeadAlgorithm: sk.aeadAlgorithm } : {}) };
  }
  const common = {
    encryptionKeys: certs, signingKeys, encryptToSigners: false, passwords, armor: !p.flags.has('no-armor'),
    ...(sessionKey ? { sessionKey } : {}),
  };
  if (mode === 'text') {
    const data = await readStdin();
    requireUtf8(data);
    writeStdout(await encrypt({ ...common, data, format: 'utf8' }));
  } else if (signingKeys.length === 0 && !sessionKey) {
    let output: Output | null = null;
    try {
      const done = await fastEncrypt({ source: stdinIterable(), certs, passwords, armor: common.armor, crypto: nodeEngineCrypto, open: () => streamSink((output = openOutput()).stream) });
      if (done) await output!.commit();
      else await spoolToStdout(await encryptStream({ ...common, data: stdinStream() }));
    } catch (e) {
      await (output as Output | null)?.abort();
      throw e;
    } finally {
      (output as Output | null)?.cleanup();
    }
  } else {
    const size = stdinSize();
    await spoolToStdout(await encryptStream({ ...common, data: stdinStream(), ...(size !== undefined ? { totalBytes: size } : {}) }));
  }
  if (skOut && sessionKey) writeIndirect(skOut, formatSessionKey(sessionKey));
  return 0;
}
