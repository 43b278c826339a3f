/** Interop with OpenSSL 3 (`openssl cms` / `openssl smime`) in both directions. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { requirePeer, hasPeer } from '../../testing/peers';
import * as sm from '../index';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
const u: Record<string, User> = {};
const ids: Record<string, sm.SmimeIdentity> = {};
let roots: sm.Certificate[];
const part = 'Content-Type: text/plain; charset=utf-8\r\n\r\nHello from the interop test\r\n';
const partBytes = new TextEncoder().encode(part);

before(async () => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  Object.assign(u, { bob: pki.user('bob'), carol: pki.user('carol', { kind: 'p256' }), dave: pki.user('dave', { kind: 'p384' }), client: pki.user('client', { eku: 'clientAuth' }) });
  for (const [k, x] of Object.entries(u)) ids[k] = (await sm.loadIdentities(new Uint8Array(readFileSync(x.pem)), undefined))[0]!;
  roots = sm.readCertificates(new Uint8Array(readFileSync(pki.caCrt)));
  pki.write('part.txt', part);
});
after(() => pki?.cleanup());

const oaep = ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'];

test('OpenSSL-encrypted → we decrypt: CBC/GCM, OAEP/PKCS#1, ECDH P-256/P-384, several recipients, SKI, MIME/DER/PEM/BER', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const cases: { name: string; args: string[]; who: string[] }[] = [
    { name: 'aes-256-cbc oaep', args: ['-aes-256-cbc', '-recip', u.bob!.crt, ...oaep], who: ['bob'] },
    { name: 'aes-256-gcm oaep', args: ['-aes-256-gcm', '-recip', u.bob!.crt, ...oaep], who: ['bob'] },
    { name: 'aes-128-gcm pkcs1', args: ['-aes-128-gcm', '-recip', u.bob!.crt], who: ['bob'] },
    { name: 'ecdh p-256 sha256kdf cbc', args: ['-aes-128-cbc', '-recip', u.carol!.crt, '-keyopt', 'ecdh_kdf_md:sha256'], who: ['carol'] },
    { name: 'ecdh p-256 default sha1kdf', args: ['-aes-256-cbc', '-recip', u.carol!.crt], who: ['carol'] },
    { name: 'ecdh p-384 gcm', args: ['-aes-256-gcm', '-recip', u.dave!.crt, '-keyopt', 'ecdh_kdf_md:sha256'], who: ['dave'] },
    { name: 'three recipients', args: ['-aes-256-cbc', '-recip', u.bob!.crt, '-recip', u.carol!.crt, '-recip', u.dave!.crt], who: ['bob', 'carol', 'dave'] },
    { name: 'ski recipients', args: ['-aes-256-gcm', '-keyid', '-recip', u.bob!.crt, '-recip', u.carol!.crt], who: ['bob', 'carol'] },
    { name: 'DER', args: ['-aes-256-cbc', '-recip', u.bob!.crt, '-outform', 'DER'], who: ['bob'] },
    { name: 'PEM', args: ['-aes-256-cbc', '-recip', u.bob!.crt, '-outform', 'PEM'], who: ['bob'] },
    { name: 'BER streaming', args: ['-aes-256-gcm', '-recip', u.bob!.crt, '-stream', '-outform', 'DER'], who: ['bob'] },
  ];
  for (const c of cases) {
    const msg = new Uint8Array(pki.openssl(['cms', '-encrypt', '-in', 'part.txt', ...c.args]));
    for (const who of c.who) {
      const r = await sm.decryptMessage(msg, [ids[who]!]);
      assert.equal(new TextDecoder().decode(r.content), part, `${c.name} as ${who}`);
      assert.equal(r.integrityProtected, c.args.some((a) => a.endsWith('-gcm')), c.name);
    }
  }
});

test('ours → openssl cms -decrypt: every cipher, OAEP and PKCS#1, ECDH P-256/P-384, SKI, several recipients, DER', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  for (const cipher of ['aes-256-gcm', 'aes-128-gcm', 'aes-256-cbc', 'aes-128-cbc'] as const) {
    for (const [keyTransport, identifier] of [['rsa-oaep', 'issuer-serial'], ['rsa-pkcs1', 'ski']] as const) {
      const der = cipher === 'aes-128-cbc';
      const msg = await sm.encryptMime(partBytes, [ids.bob!.certificate, ids.carol!.certificate, ids.dave!.certificate], { cipher, keyTransport, identifier, der });
      const file = pki.write('ours.p7m', msg);
      for (const who of ['bob', 'carol', 'dave']) {
        const out = pki.openssl(['cms', '-decrypt', '-in', file, ...(der ? ['-inform', 'DER'] : []), '-recip', u[who]!.crt, '-inkey', u[who]!.key]);
        assert.equal(out.toString(), part, `${cipher} ${keyTransport} ${identifier} → ${who}`);
      }
    }
  }
});

const verifyOpts = (extra: Partial<Parameters<typeof sm.verifyMessage>[1]> = {}): Parameters<typeof sm.verifyMessage>[1] => ({ trustRoots: roots, ...extra });

test('OpenSSL-signed → we verify: detached, opaque, RSA-PSS, ECDSA; untrusted, tampered, wrong email, wrong EKU', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const sign = (who: string, extra: string[]): Uint8Array => new Uint8Array(pki.openssl(['cms', '-sign', '-in', 'part.txt', '-signer', u[who]!.crt, '-inkey', u[who]!.key, '-md', 'sha256', ...extra]));
  const detached = sign('bob', ['-certfile', pki.caCrt]);
  const opaque = sign('bob', ['-nodetach']);
  const pss = sign('bob', ['-keyopt', 'rsa_padding_mode:pss']);
  const ecdsa = sign('carol', ['-nodetach', '-md', 'sha384']);
  for (const [name, msg, email] of [['detached', detached, 'bob@example.test'], ['opaque', opaque, 'bob@example.test'], ['pss', pss, 'bob@example.test'], ['ecdsa', ecdsa, 'carol@example.test']] as const) {
    const r = await sm.verifyMessage(msg, verifyOpts({ email }));
    assert.equal(r.fullyVerified, true, `${name}: ${JSON.stringify(r.signers.map((s) => s.problems))}`);
    assert.equal(new TextDecoder().decode(r.content), part, name);
  }
  assert.equal((await sm.verifyMessage(detached, { trustRoots: [] })).signers[0]!.status, 'untrusted-chain');
  const tampered = new TextEncoder().encode(new TextDecoder().decode(detached).replace('Hello from', 'Hello FROM'));
  assert.equal((await sm.verifyMessage(tampered, verifyOpts())).signers[0]!.status, 'invalid-signature');
  assert.equal((await sm.verifyMessage(detached, verifyOpts({ email: 'carol@example.test' }))).signers[0]!.status, 'email-mismatch');
  assert.equal((await sm.verifyMessage(sign('client', []), verifyOpts())).signers[0]!.status, 'wrong-usage');
});

test('ours → openssl smime (cms for PSS) -verify -purpose smimesign: detached, opaque, PSS, ECDSA P-256/P-384; tampering is caught', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const cases = [['bob', 'rsa-pkcs1', false], ['bob', 'rsa-pss', true], ['carol', 'ecdsa', false], ['dave', 'ecdsa', true]] as const;
  for (const [who, scheme, opaque] of cases) {
    const msg = await sm.signMime(partBytes, ids[who]!, { scheme, opaque, hash: who === 'dave' ? 'SHA-384' : 'SHA-256' });
    const file = pki.write('ours-signed.eml', msg);
    // `openssl smime` runs the old PKCS#7 code, which has no RSA-PSS: PSS goes through `openssl cms`.
    const tool = scheme === 'rsa-pss' ? 'cms' : 'smime';
    const out = pki.openssl([tool, '-verify', '-purpose', 'smimesign', '-in', file, '-CAfile', pki.caCrt]);
    assert.equal(out.toString().replace(/\r\n/g, '\n'), part.replace(/\r\n/g, '\n'), `${who} ${scheme} opaque=${opaque}`);
  }
  const msg = new TextDecoder().decode(await sm.signMime(partBytes, ids.bob!));
  const file = pki.write('tampered.eml', msg.replace('Hello from', 'Hello FROM'));
  assert.throws(() => pki.openssl(['smime', '-verify', '-purpose', 'smimesign', '-in', file, '-CAfile', pki.caCrt]));
});

test('signed then encrypted: openssl sign | encrypt (GCM) → we decrypt and verify; ours sign+encrypt → openssl decrypt | verify', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const signed = pki.openssl(['cms', '-sign', '-in', 'part.txt', '-signer', u.carol!.crt, '-inkey', u.carol!.key, '-md', 'sha256']);
  const enc = new Uint8Array(pki.openssl(['cms', '-encrypt', '-aes-256-gcm', '-recip', u.bob!.crt, ...oaep], signed));
  const inner = await sm.decryptMessage(enc, [ids.bob!]);
  assert.equal(inner.integrityProtected, true);
  const v = await sm.verifyMessage(inner.content, verifyOpts({ email: 'carol@example.test' }));
  assert.equal(v.fullyVerified, true);
  assert.equal(new TextDecoder().decode(v.content), part);
  const ours = await sm.encryptMime(await sm.signMime(partBytes, ids.dave!, { hash: 'SHA-384' }), [ids.bob!.certificate], { cipher: 'aes-256-gcm' });
  const decrypted = pki.openssl(['cms', '-decrypt', '-in', pki.write('se.eml', ours), '-recip', u.bob!.crt, '-inkey', u.bob!.key]);
  const out = pki.openssl(['cms', '-verify', '-purpose', 'smimesign', '-CAfile', pki.caCrt], decrypted);
  assert.equal(out.toString().replace(/\r\n/g, '\n'), part.replace(/\r\n/g, '\n'));
});
