/**
 * The packet engine runs on injected host services only: no Node API or Buffer in its sources, and a
 * round trip through in-memory sink and spool (what a worker would supply) gives the data back,
 * readable by openpgp.js, with a tampered byte refused and nothing released.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as openpgp from 'openpgp';
import { nodeEngineCrypto } from '../../cli/sop/engine-node';
import { generateKey, readKey } from '../index';
import { fastDecrypt } from './fast-decrypt';
import { fastEncrypt } from './fast-encrypt';
import { concatBytes, type ByteSink, type Spool, type SpoolFile } from './io';
import { ByteReader } from './packet-reader';

test('engine sources import no node: module and use no Buffer', () => {
  const dir = __dirname;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    const src = readFileSync(path.join(dir, name), 'utf8');
    assert.doesNotMatch(src, /from ['"]node:|require\(['"]node:/, name);
    assert.doesNotMatch(src, /\bBuffer\b/, name);
  }
});

function memorySink(chunks: Uint8Array[]): ByteSink {
  return { write: async (c) => { chunks.push(c.slice()); }, close: async () => {}, abort: () => {} };
}

function memorySpool(): Spool & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    create: async (name): Promise<SpoolFile> => {
      const parts: Uint8Array[] = [];
      const all = () => files.get(name) ?? concatBytes(parts);
      return {
        ...memorySink(parts),
        close: async () => { files.set(name, concatBytes(parts)); },
        stream: () => new ReadableStream({ start(c) { c.enqueue(all()); c.close(); } }),
      };
    },
  };
}

async function* chunksOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

test('fastEncrypt → memory → fastDecrypt with a memory spool; openpgp.js reads the same message; tampering is refused', async () => {
  const g = await generateKey({ userIDs: [{ name: 'Engine', email: 'engine@example.org' }] });
  const priv = await openpgp.readPrivateKey({ armoredKey: g.privateKeyArmored });
  const cert = await readKey(g.publicKeyArmored);
  const data = new Uint8Array(3 * (1 << 20) + 12345).map((_, i) => (i * 31 + 7) & 0xff); // several partial chunks
  const out: Uint8Array[] = [];
  const sk = await fastEncrypt({ source: chunksOf(data, 65536), certs: [cert], passwords: [], armor: false, crypto: nodeEngineCrypto, open: () => memorySink(out) });
  assert.ok(sk, 'a v4 Curve25519 recipient takes the SEIPDv1 fast path');
  const message = concatBytes(out);

  const spool = memorySpool();
  const r = await fastDecrypt({
    reader: new ByteReader(chunksOf(message, 100_000)[Symbol.asyncIterator]()), decryptionKeys: [priv], passwords: [], sessionKeys: [], verificationKeys: [],
    maxDecompressedBytes: 1 << 30, crypto: nodeEngineCrypto, spool,
  });
  assert.ok(r && r.segments, 'one literal packet: served from the spool in place');
  const inner = spool.files.get('inner')!;
  assert.deepEqual(concatBytes(r.segments.map(([s, e]) => inner.subarray(s, e))), data);
  assert.equal(r.sessionKey.algorithm, sk.algorithm);

  const viaOpenpgp = await openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: message }), decryptionKeys: priv, format: 'binary' });
  assert.deepEqual(viaOpenpgp.data, data);

  const tampered = message.slice();
  tampered[tampered.length - 5000]! ^= 1;
  const spool2 = memorySpool();
  await assert.rejects(fastDecrypt({
    reader: new ByteReader(chunksOf(tampered, 100_000)[Symbol.asyncIterator]()), decryptionKeys: [priv], passwords: [], sessionKeys: [], verificationKeys: [],
    maxDecompressedBytes: 1 << 30, crypto: nodeEngineCrypto, spool: spool2,
  }), (e: unknown) => e instanceof Error && /integrity check failed/.test(e.message));
  assert.equal(spool2.files.has('out'), false, 'nothing released');
});

test('streamed armor equals openpgp.js armor of the same bytes (CRC-24 footer included), at every line-boundary case', async () => {
  const g = await generateKey({ userIDs: [{ name: 'Armor', email: 'armor@example.org' }] });
  const cert = await readKey(g.publicKeyArmored);
  for (const size of [0, 1, 2, 3, 29, 30, 31, 44, 45, 46, 1000, 70_000]) {
    const out: Uint8Array[] = [];
    const data = new Uint8Array(size).fill(0x5a);
    assert.ok(await fastEncrypt({ source: chunksOf(data, 7), certs: [cert], passwords: [], armor: true, crypto: nodeEngineCrypto, open: () => memorySink(out) }));
    const armored = new TextDecoder().decode(concatBytes(out));
    const { data: binary } = await openpgp.unarmor(armored);
    const expected = openpgp.armor(openpgp.enums.armor.message, binary as Uint8Array, undefined, undefined, undefined, true);
    assert.equal(armored, expected, `size ${size}`);
  }
});
