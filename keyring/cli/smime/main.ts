/**
 * `lockpane smime encrypt|decrypt|sign|verify|inspect`: stateless, stdin → stdout, SOP exit codes.
 * Nothing is written to stdout unless the whole operation succeeded.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isLockpaneError, LockpaneError, type LockpaneErrorCode } from '../../errors';
import {
  decryptMessage, encryptMimeBlocks, inspect, loadIdentities, readCertificates, signMime, verifyMessage, type Certificate, type ContentCipher,
} from '../../smime/index';
import { contentCiphers } from '../../smime/crypto/content-cipher';
import { parseArgs, type ArgSpec } from './args';
import { readStdin, writeStdout } from '../stdio';

export const exitCodes = {
  ok: 0, noSignature: 3, unsupportedAlgorithm: 13, certCannotEncrypt: 17, missingArg: 19, cannotDecrypt: 29, unsupportedOption: 37,
  badData: 41, missingInput: 61, keyIsProtected: 67, unsupportedSubcommand: 69, keyCannotSign: 79,
} as const;

function exitCodeFor(code: LockpaneErrorCode, sub: string): number {
  switch (code) {
    case 'missing-argument': return exitCodes.missingArg;
    case 'cannot-decrypt': return exitCodes.cannotDecrypt;
    case 'unsupported-option': return exitCodes.unsupportedOption;
    case 'bad-data': case 'bad-armor': case 'too-large': case 'integrity-failure': case 'no-integrity': return exitCodes.badData;
    case 'key-locked': case 'wrong-passphrase': return exitCodes.keyIsProtected;
    case 'no-signature': return exitCodes.noSignature;
    case 'unsupported-algorithm': return sub === 'decrypt' ? exitCodes.cannotDecrypt : exitCodes.unsupportedAlgorithm;
    case 'key-not-usable': case 'key-invalid': case 'key-expired': case 'key-revoked':
      return sub === 'encrypt' ? exitCodes.certCannotEncrypt : sub === 'sign' ? exitCodes.keyCannotSign : exitCodes.badData;
    case 'no-recipient': return exitCodes.missingArg;
    case 'not-found': return exitCodes.missingInput;
    default: return 1;
  }
}

async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  } catch (e) {
    throw new LockpaneError('not-found', `cannot read "${path}"`, { cause: e });
  }
}

async function readPassword(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  // SOP: trailing whitespace of a password file is not part of the password.
  return new TextDecoder().decode(await readInputFile(path)).replace(/\s+$/, '');
}

const specs: Record<string, ArgSpec> = {
  encrypt: { flags: ['--der'], options: ['--cipher'] },
  decrypt: { flags: [], options: ['--password-file'] },
  sign: { flags: ['--opaque'], options: ['--password-file'] },
  verify: { flags: [], options: ['--email', '--verifications-out'], multi: ['--trust-root'] },
  inspect: { flags: [], options: ['--password-file'] },
};

const usage = `usage: lockpane smime encrypt [--cipher ${contentCiphers.join('|')}] [--der] CERT_FILE...
       lockpane smime decrypt [--password-file FILE] KEY_FILE...
       lockpane smime sign [--opaque] [--password-file FILE] KEY_FILE
       lockpane smime verify [--trust-root CERT_FILE]... [--email ADDRESS] [--verifications-out FILE]
       lockpane smime inspect [--password-file FILE]
`;

export async function runSmime(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stderr.write(usage);
    return sub === undefined ? exitCodes.missingArg : exitCodes.ok;
  }
  const spec = specs[sub];
  if (spec === undefined) {
    process.stderr.write(`lockpane smime: unknown subcommand "${sub}"\n${usage}`);
    return exitCodes.unsupportedSubcommand;
  }
  try {
    const args = parseArgs(rest, spec);
    switch (sub) {
      case 'encrypt': {
        const cipher = args.options['--cipher'] ?? 'aes-256-cbc';
        if (!(contentCiphers as readonly string[]).includes(cipher)) throw new LockpaneError('unsupported-option', `unknown cipher "${cipher}"`);
        if (args.positional.length === 0) throw new LockpaneError('missing-argument', 'encrypt needs at least one CERT_FILE');
        const certs: Certificate[] = [];
        for (const f of args.positional) certs.push(readCertificates(await readInputFile(f))[0]!);
        const out = await encryptMimeBlocks(await readStdin(), certs, { cipher: cipher as ContentCipher, der: args.flags.has('--der') });
        for (const block of out) writeStdout(block);
        return exitCodes.ok;
      }
      case 'decrypt': {
        if (args.positional.length === 0) throw new LockpaneError('missing-argument', 'decrypt needs at least one KEY_FILE');
        const password = await readPassword(args.options['--password-file']);
        const input = await readStdin();
        const identities = [];
        for (const f of args.positional) identities.push(...(await loadIdentities(await readInputFile(f), password)));
        const r = await decryptMessage(input, identities, { inputIsScratch: true });
        if (!r.integrityProtected) process.stderr.write('lockpane smime: note: CBC content encryption is not integrity-protected\n');
        writeStdout(r.content);
        return exitCodes.ok;
      }
      case 'sign': {
        if (args.positional.length !== 1) throw new LockpaneError('missing-argument', 'sign needs exactly one KEY_FILE');
        const password = await readPassword(args.options['--password-file']);
        const [identity] = await loadIdentities(await readInputFile(args.positional[0]!), password);
        const out = await signMime(await readStdin(), identity!, { opaque: args.flags.has('--opaque') });
        writeStdout(out);
        return exitCodes.ok;
      }
      case 'verify': {
        if (args.positional.length > 0) throw new LockpaneError('unsupported-option', `unexpected argument "${args.positional[0]}"`);
        const roots: Certificate[] = [];
        for (const f of args.multi['--trust-root'] ?? []) roots.push(...readCertificates(await readInputFile(f)));
        const email = args.options['--email'];
        const report = await verifyMessage(await readStdin(), { trustRoots: roots, ...(email !== undefined ? { email } : {}) });
        const valid = report.signers.filter((s) => s.status === 'valid');
        for (const s of report.signers) {
          process.stderr.write(`lockpane smime: signer ${s.certificate?.emails[0] ?? s.certificate?.subject ?? '(unknown)'}: ${s.status}${s.problems.length > 0 ? ` (${s.problems.join('; ')})` : ''}\n`);
        }
        for (const p of report.problems) process.stderr.write(`lockpane smime: ${p}\n`);
        if (valid.length === 0) {
          process.stderr.write('lockpane smime: no valid signature\n');
          return exitCodes.noSignature;
        }
        const out = args.options['--verifications-out'];
        if (out !== undefined) {
          const lines = valid.map((s) => `${s.signingTime ?? new Date(0).toISOString()} ${s.certificate!.fingerprintSha256} ${email?.toLowerCase() ?? s.certificate!.emails[0] ?? ''}\n`);
          await writeFile(out, lines.join(''));
        }
        writeStdout(report.content);
        return exitCodes.ok;
      }
      case 'inspect': {
        if (args.positional.length > 0) throw new LockpaneError('unsupported-option', `unexpected argument "${args.positional[0]}"`);
        const password = await readPassword(args.options['--password-file']);
        writeStdout(`${JSON.stringify(await inspect(await readStdin(), password), null, 2)}\n`);
        return exitCodes.ok;
      }
    }
    return exitCodes.unsupportedSubcommand;
  } catch (e) {
    const err = isLockpaneError(e) ? e : new LockpaneError('internal', String(e));
    process.stderr.write(`lockpane smime ${sub}: ${err.message} [${err.code}]\n`);
    return exitCodeFor(err.code, sub);
  }
}
