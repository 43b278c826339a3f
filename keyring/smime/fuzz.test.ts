/** Property tests over the DER/PEM/MIME entry points: any input ends fast, with a result or a LockpaneError. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { isLockpaneError } from '../errors';
import * as sm from './index';
import { TestPki } from '../testing/openssl-pki';

let pki: TestPki;
let id: sm.SmimeIdentity;
let roots: sm.Certificate[];
let samples: Uint8Array[] = [];
const entity = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nfuzz me\r\n');

before(async () => {
  pki = new TestPki();
  const u = pki.user('fuzz', { kind: 'p256' });
  id = (await sm.loadIdentities(new Uint8Array(readFileSync(u.pem)), undefined))[0]!;
  roots = sm.readCertificates(new Uint8Array(readFileSync(pki.caCrt)));
  samples = [
    await sm.encryptMime(entity, [id.certificate], { der: true, cipher: 'aes-256-gcm' }),
    await sm.encryptMime(entity, [id.certificate], { cipher: 'aes-128-cbc' }),
    await sm.signMime(entity, id),
    await sm.signMime(entity, id, { opaque: true }),
    id.certificate.der,
    new Uint8Array(readFileSync(u.p12)),
  ];
});
after(() => pki.cleanup());

/** Runs every entry point on the input; any non-Lockpane error fails the property. */
async function allEntryPoints(input: Uint8Array): Promise<void> {
  const calls: (() => Promise<unknown>)[] = [
    () => sm.decryptMessage(input, [id]),
    () => sm.verifyMessage(input, { trustRoots: roots }),
    () => sm.inspect(input, 'test'),
    async () => sm.readCertificates(input),
    () => sm.importPkcs12(input, 'test'),
    () => sm.readPrivateKeys(input, 'test'),
    async () => sm.parseCrl(input),
  ];
  for (const call of calls) {
    try {
      await call();
    } catch (e) {
      if (!isLockpaneError(e)) throw new Error(`non-Lockpane error: ${String(e)}`, { cause: e });
      // The public guard turns stray exceptions into bad-data; a TypeError behind it is still a parser bug.
      if (e.cause instanceof TypeError || e.cause instanceof RangeError) throw new Error(`parser bug behind ${e.code}: ${String(e.cause)}`, { cause: e });
    }
  }
}

test('random bytes: only LockpaneError', async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), allEntryPoints), { numRuns: 150 });
});

test('mutated valid messages, certificates and PKCS#12 files: only LockpaneError', async () => {
  const mutation = fc.record({
    which: fc.nat(),
    edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  });
  await fc.assert(fc.asyncProperty(mutation, async ({ which, edits, cut }) => {
    const base = samples[which % samples.length]!;
    let m = base.slice();
    for (const e of edits) m[e.at % m.length] = e.value;
    if (cut !== undefined) m = m.subarray(0, cut % (m.length + 1));
    await allEntryPoints(m);
  }), { numRuns: 150 });
});

test('random MIME: headers from a small vocabulary with random bodies: only LockpaneError', async () => {
  const header = fc.constantFrom(
    'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b',
    'Content-Type: application/pkcs7-mime; smime-type=enveloped-data',
    'Content-Type: application/pkcs7-signature', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable',
    '--b', '--b--', 'MIIB', '', ' folded', 'X: y',
  );
  await fc.assert(fc.asyncProperty(fc.array(fc.oneof(header, fc.string({ maxLength: 40 })), { maxLength: 25 }), fc.constantFrom('\r\n', '\n'), async (lines, nl) => {
    await allEntryPoints(new TextEncoder().encode(lines.join(nl)));
  }), { numRuns: 200 });
});

test('deeply nested or huge-length DER inside S/MIME is refused fast', async () => {
  const depth = 200_000;
  const nested = new Uint8Array(depth * 2);
  for (let i = 0; i < depth; i++) { nested[i * 2] = 0x30; nested[i * 2 + 1] = 0x80; }
  const mime = new Uint8Array([...new TextEncoder().encode('Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n'),
    ...new TextEncoder().encode(Buffer.from(nested).toString('base64'))]);
  for (const input of [nested, mime]) {
    const t0 = performance.now();
    await assert.rejects(sm.decryptMessage(input, [id]), (e: unknown) => isLockpaneError(e, 'too-large'));
    await assert.rejects(sm.verifyMessage(input, { trustRoots: roots }), (e: unknown) => isLockpaneError(e, 'too-large'));
    assert.ok(performance.now() - t0 < 1000, 'fast');
  }
  const huge = new Uint8Array([0x30, 0x86, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]);
  await assert.rejects(sm.decryptMessage(huge, [id]), (e: unknown) => isLockpaneError(e, 'bad-data'));
});
