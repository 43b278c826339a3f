/**
 * Measures the raw-message reader on a 25 MB attachment (run: npx tsx scripts/bench-reader-large.ts).
 * Two mails made by gpg: per-file encrypted (<name>.pgp beside an inline armored body) and PGP/MIME
 * encrypted with the file inside. For each: the worker's whole path — base64 in (as reader.openRaw
 * receives it), raw store, readRaw, and the file out again in 2 MiB base64 pieces (reader.attachment).
 * Prints time and peak RSS over the baseline; asserts nothing about time.
 */
import { randomBytes } from 'node:crypto';
import { MemoryBackend } from '../keyring/testing/memory-backend';
import { createKeyringService } from '../extension/worker/keyring/service';
import { memoryArea } from '../extension/worker/kv';
import { createSmimeService } from '../extension/worker/smime/smime-service';
import { readerAttachmentChunkBytes } from '../extension/shared/catalogue';
import { toBase64 } from '../keyring/bytes';
import { createRawStore } from '../extension/worker/reader/raw-store';
import { readRaw } from '../extension/worker/reader/read-raw';
import { PeerGpg, pgpMimeEncrypted, pgpWithFiles } from '../extension/testing/peer-mail';

const size = 25 * 1000 * 1000;

function mixedInner(file: Buffer): Buffer {
  const b = 'inner-b';
  return Buffer.from(`Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain\r\n\r\nsee file\r\n--${b}\r\n`
    + `Content-Type: application/octet-stream; name="scan.bin"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="scan.bin"\r\n\r\n`
    + `${file.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--${b}--\r\n`);
}

async function main(): Promise<void> {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  const smime = createSmimeService(keyring, memoryArea());
  const { key } = await keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob passphrase', algorithm: 'curve25519' });
  await keyring.unlock(key.fingerprint, 'bob passphrase');
  const gpg = new PeerGpg();
  try {
    gpg.generate('Alice <alice@example.test>');
    gpg.importKey(await keyring.exportPublic(key.fingerprint));
    const file = randomBytes(size);
    const h = { from: 'alice@example.test', to: 'bob@example.test', subject: 'large' };
    const mails = {
      'per-file .pgp (binary, base64 in the mail)': pgpWithFiles(gpg, h, 'large file', [{ name: 'scan.bin', data: file }]),
      'PGP/MIME encrypted, file inside': pgpMimeEncrypted(gpg, h, mixedInner(file)),
    };
    for (const [name, mail] of Object.entries(mails)) {
      const base64 = mail.toString('base64');
      global.gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
      const t0 = performance.now();
      const store = createRawStore(memoryArea());
      await store.put('t', base64);
      const raw = await store.get('t');
      const r = await readRaw(raw!, 'alice@example.test', keyring, smime, {});
      const t1 = performance.now();
      if (r.result.state !== 'content') throw new Error(`not decrypted: ${r.result.state}`);
      store.keepFiles('t', r.files);
      const out = store.files('t')![0]!;
      let chars = 0;
      for (let o = 0; o < out.byteLength; o += readerAttachmentChunkBytes) chars += toBase64(out.subarray(o, o + readerAttachmentChunkBytes)).length;
      const t2 = performance.now();
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (!Buffer.from(out).equals(file)) throw new Error('decrypted file differs');
      console.log(`${name}: mail ${(mail.length / 1e6).toFixed(1)} MB; decrypt+parse ${(t1 - t0).toFixed(0)} ms; `
        + `${Math.ceil(out.byteLength / readerAttachmentChunkBytes)} pieces out (${(chars / 1e6).toFixed(1)} MB base64) ${(t2 - t1).toFixed(0)} ms; `
        + `peak RSS +${((peak - base) / 1e6).toFixed(0)} MB over ${(base / 1e6).toFixed(0)} MB`);
    }
  } finally {
    gpg.cleanup();
  }
}

void main();
