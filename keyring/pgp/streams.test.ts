/** Core streaming: bounded memory for SEIPDv2 (AEAD) messages, with progress reporting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as pgp from './index';

test('40 MiB through encryptStream/decryptStream (SEIPDv2 key) with progress and bounded RSS growth', async (t) => {
  const key = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'stream@example.test' }], aead: true })).privateKeyArmored) as pgp.PgpPrivateKey;
  const chunk = new Uint8Array(1 << 20);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  const total = 40 * chunk.length;
  let sent = 0;
  const source = new ReadableStream<Uint8Array>({ pull(c) { if (sent === 40) c.close(); else { sent++; c.enqueue(chunk); } } });
  const progress: number[] = [];
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const enc = await pgp.encryptStream({ data: source, encryptionKeys: [key], armor: false, onProgress: (p) => progress.push(p.bytes), totalBytes: total });
  const dec = await pgp.decryptStream({ message: enc, decryptionKeys: [key] });
  const h = createHash('sha256');
  const want = createHash('sha256');
  for (let i = 0; i < 40; i++) want.update(chunk);
  const reader = dec.data.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    h.update(value);
    n += value.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  assert.equal(n, total);
  assert.equal(h.digest('hex'), want.digest('hex'));
  assert.equal(progress.at(-1), total);
  assert.ok(progress.length >= 10, 'progress is reported as the data flows');
  const growthMiB = (peak - rss0) / (1 << 20);
  t.diagnostic(`RSS growth ${growthMiB.toFixed(0)} MiB`);
  assert.ok(growthMiB < 100, `RSS grew by ${growthMiB.toFixed(0)} MiB for 40 MiB of data`);
});
