/** Path building on pkijs's engine with our bounds and rules, over a small PKI made by openssl. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseCertificate, type Certificate } from '../x509/certificate';
import { buildChain } from './chain';

let dir: string;
const ssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); };
const cert = (name: string): Certificate => {
  const pem = readFileSync(path.join(dir, `${name}.crt`), 'utf8');
  return parseCertificate(new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')));
};

/** A certificate `name` signed by `issuer` (or self-signed), with the given v3 extensions. */
function make(name: string, issuer: string | null, ext: string, key = name): void {
  const ski = ext.includes('subjectKeyIdentifier') ? '' : 'subjectKeyIdentifier=hash\n';
  writeFileSync(path.join(dir, `${name}.ext`), `[x]\n${ext}\n${ski}`);
  const extArgs = ext === 'v1' ? [] : ['-extfile', `${name}.ext`, '-extensions', 'x'];
  if (key === name) ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  ssl('req', '-new', '-key', `${key}.key`, '-subj', `/CN=${name.replace(/-decoy\d+$/, '')}`, '-out', `${name}.csr`);
  const signer = issuer === null ? ['-signkey', `${key}.key`] : ['-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-CAcreateserial'];
  ssl('x509', '-req', '-in', `${name}.csr`, ...signer, '-days', '30', ...extArgs, '-out', `${name}.crt`);
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lp-chain-'));
  make('root', null, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign');
  make('inter', 'root', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign');
  make('leaf', 'inter', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature');
  make('notca', 'root', 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature');
  make('under-notca', 'notca', 'basicConstraints=CA:FALSE');
  make('root0', null, 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign');
  make('inter0', 'root0', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign');
  make('leaf0', 'inter0', 'basicConstraints=CA:FALSE');
  // A v1 root (no extensions), as old CAs and `openssl x509 -req` without extensions make them.
  make('v1root', null, 'v1');
  make('v1leaf', 'v1root', 'basicConstraints=CA:FALSE');
  make('v1inter', 'v1root', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign');
  make('v1deep', 'v1inter', 'basicConstraints=CA:FALSE');
  // Look-alikes of "inter": same name and key identifier, another key, so their signatures never verify.
  make('decoy-key', null, 'basicConstraints=CA:TRUE');
  const interSki = Buffer.from(cert('inter').subjectKeyIdentifier!).toString('hex').replace(/(..)(?!$)/g, '$1:');
  for (let i = 0; i < 70; i++) make(`inter-decoy${i}`, null, `basicConstraints=critical,CA:TRUE\nsubjectKeyIdentifier=${interSki}`, 'decoy-key');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('root → intermediate → leaf is trusted with the intermediate, untrusted without it', async () => {
  const ok = await buildChain(cert('leaf'), [cert('inter')], [cert('root')]);
  assert.equal(ok.status, 'trusted');
  assert.deepEqual(ok.path.map((c) => c.subject), ['CN=leaf', 'CN=inter', 'CN=root']);
  assert.equal(ok.expiredAt(new Date()), false);
  assert.equal(ok.expiredAt(new Date(Date.now() + 40 * 86400_000)), true);
  const none = await buildChain(cert('leaf'), [], [cert('root')]);
  assert.equal(none.status, 'untrusted');
  assert.match(none.reason ?? '', /trusted root/);
  const otherRoot = await buildChain(cert('leaf'), [cert('inter')], [cert('root0')]);
  assert.equal(otherRoot.status, 'untrusted');
});

test('a v1 root (no extensions) is an anchor, directly or above an intermediate, as OpenSSL has it', async () => {
  assert.equal(cert('v1root').isCA, false);
  const direct = await buildChain(cert('v1leaf'), [], [cert('v1root')]);
  assert.equal(direct.status, 'trusted', direct.reason);
  const deep = await buildChain(cert('v1deep'), [cert('v1inter')], [cert('v1root')]);
  assert.equal(deep.status, 'trusted', deep.reason);
  assert.deepEqual(deep.path.map((c) => c.subject), ['CN=v1deep', 'CN=v1inter', 'CN=v1root']);
  // Another root does not anchor it.
  const under = await buildChain(cert('v1deep'), [cert('v1inter')], [cert('root')]);
  assert.equal(under.status, 'untrusted');
});

test('an issuer that is not a CA breaks the path', async () => {
  const r = await buildChain(cert('under-notca'), [cert('notca')], [cert('root')]);
  assert.equal(r.status, 'untrusted');
  assert.match(r.reason ?? '', /not a CA/);
});

test('pathLenConstraint 0 on the root refuses an intermediate below it', async () => {
  const r = await buildChain(cert('leaf0'), [cert('inter0')], [cert('root0')]);
  assert.equal(r.status, 'untrusted');
  assert.equal(r.reason, 'path length constraint exceeded');
});

test('a flood of look-alike issuers is cut off by the signature-check budget, fast', async () => {
  const decoys = Array.from({ length: 70 }, (_, i) => cert(`inter-decoy${i}`));
  const t0 = performance.now();
  const r = await buildChain(cert('leaf'), [...decoys, cert('inter')], [cert('root')]);
  assert.equal(r.status, 'untrusted');
  assert.equal(r.reason, 'too many candidate issuer certificates');
  assert.ok(performance.now() - t0 < 5000);
  // With the real intermediate first the budget is enough.
  const ok = await buildChain(cert('leaf'), [cert('inter'), ...decoys.slice(0, 10)], [cert('root')]);
  assert.equal(ok.status, 'trusted');
});
