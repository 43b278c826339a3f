/**
 * Test-only helper (Node): makes a throwaway CA and S/MIME user certificates with the openssl
 * command in a temp dir, following RECIPES.md. Never imported by the core modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type UserKind = 'rsa' | 'p256' | 'p384';
export type UserOptions = { kind?: UserKind; email?: string; eku?: string | null; keyUsage?: string; subjectEmail?: boolean; crlUrl?: string };
export type User = { name: string; email: string; key: string; crt: string; p12: string; legacyP12: string; pem: string; dir: string };

export class TestPki {
  readonly dir: string;
  readonly caKey: string;
  readonly caCrt: string;
  private serial = 1;

  constructor(caName = 'Lockpane Test CA') {
    this.dir = mkdtempSync(path.join(tmpdir(), 'lockpane-smime-'));
    this.caKey = path.join(this.dir, 'ca.key');
    this.caCrt = path.join(this.dir, 'ca.crt');
    this.openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', this.caKey, '-out', this.caCrt, '-days', '825', '-sha256',
      '-subj', `/O=Lockpane Tests/CN=${caName}`, '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'subjectKeyIdentifier=hash']);
  }

  openssl(args: string[], input?: Uint8Array | string): Buffer {
    return execFileSync('openssl', args, { cwd: this.dir, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  read(name: string): Buffer {
    return readFileSync(path.isAbsolute(name) ? name : this.file(name));
  }

  write(name: string, data: Uint8Array | string): string {
    const p = this.file(name);
    writeFileSync(p, data);
    return p;
  }

  user(name: string, opts: UserOptions = {}): User {
    const kind = opts.kind ?? 'rsa';
    const email = opts.email ?? `${name}@example.test`;
    const key = this.file(`${name}.key`);
    const csr = this.file(`${name}.csr`);
    const crt = this.file(`${name}.crt`);
    const keyArgs = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', `ec_paramgen_curve:${kind === 'p256' ? 'P-256' : 'P-384'}`];
    const subj = `/O=Lockpane Tests/CN=${name}${opts.subjectEmail === false ? '' : `/emailAddress=${email}`}`;
    this.openssl(['req', '-new', ...keyArgs, '-nodes', '-keyout', key, '-out', csr, '-subj', subj]);
    const ku = opts.keyUsage ?? (kind === 'rsa' ? 'critical,digitalSignature,keyEncipherment' : 'critical,digitalSignature,keyAgreement');
    const ext = [
      'basicConstraints=critical,CA:FALSE', `keyUsage=${ku}`,
      ...(opts.eku === null ? [] : [`extendedKeyUsage=${opts.eku ?? 'emailProtection'}`]),
      `subjectAltName=email:${email}`, 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid',
      ...(opts.crlUrl !== undefined ? [`crlDistributionPoints=URI:${opts.crlUrl}`] : []),
    ].join('\n');
    this.write(`${name}.ext`, `${ext}\n`);
    this.openssl(['x509', '-req', '-in', csr, '-CA', this.caCrt, '-CAkey', this.caKey, '-set_serial', String(1000 + this.serial++),
      '-days', '825', '-sha256', '-extfile', this.file(`${name}.ext`), '-out', crt]);
    const p12 = this.file(`${name}.p12`);
    const legacyP12 = this.file(`${name}.legacy.p12`);
    this.openssl(['pkcs12', '-export', '-inkey', key, '-in', crt, '-certfile', this.caCrt, '-name', email, '-passout', 'pass:test', '-out', p12]);
    this.openssl(['pkcs12', '-export', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-inkey', key, '-in', crt,
      '-certfile', this.caCrt, '-name', email, '-passout', 'pass:test', '-out', legacyP12]);
    const pem = this.write(`${name}.pem`, Buffer.concat([readFileSync(crt), readFileSync(key)]));
    return { name, email, key, crt, p12, legacyP12, pem, dir: this.dir };
  }

  /** A DER CRL from this CA revoking the given users' certificates (openssl ca). */
  crl(revoked: readonly User[]): Buffer {
    const cnf = this.write('ca.cnf', `[ca]\ndefault_ca=d\n[d]\ndatabase=${this.file('index.txt')}\ncrlnumber=${this.file('crlnumber')}\n`
      + `certificate=${this.caCrt}\nprivate_key=${this.caKey}\ndefault_md=sha256\ndefault_crl_days=30\n`);
    this.write('index.txt', '');
    this.write('crlnumber', '01\n');
    for (const u of revoked) this.openssl(['ca', '-config', cnf, '-revoke', u.crt]);
    const pem = this.file('crl.pem');
    this.openssl(['ca', '-config', cnf, '-gencrl', '-out', pem]);
    return this.openssl(['crl', '-in', pem, '-outform', 'DER']);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
