/**
 * The packet engine's host services (keyring/pgp/engine/io.ts) over Node: AES-CFB and SHA-1 from
 * node:crypto, output to a WriteStream with back-pressure, spool files in a private temporary folder.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ByteSink, EngineCrypto, Spool, SpoolFile } from '../../pgp/engine/io';

const cfbName = { aes128: 'aes-128-cfb', aes192: 'aes-192-cfb', aes256: 'aes-256-cfb' } as const;

export const nodeEngineCrypto: EngineCrypto = {
  cfb(algorithm, key, direction) {
    const iv = Buffer.alloc(16);
    return direction === 'encrypt' ? createCipheriv(cfbName[algorithm], key, iv) : createDecipheriv(cfbName[algorithm], key, iv);
  },
  sha1() {
    const h = createHash('sha1');
    return { update: (d) => { h.update(d); }, digest: () => h.digest() };
  },
  randomBytes: (n) => randomBytes(n),
};

/** A sink over a WriteStream: waits for 'drain' when its buffer is full, and for 'finish' on close. */
export function streamSink(ws: WriteStream): ByteSink {
  return {
    write: async (chunk) => { if (!ws.write(chunk)) await once(ws, 'drain'); },
    close: async () => { ws.end(); await once(ws, 'finish'); },
    abort: () => { ws.destroy(); },
  };
}

/** Spool files named by the engine ("inner", "out"), each at `pathOf(name)`, private to this user. */
export function fileSpool(pathOf: (name: string) => string): Spool {
  return {
    create: async (name): Promise<SpoolFile> => {
      const file = pathOf(name);
      return {
        ...streamSink(createWriteStream(file, { mode: 0o600 })),
        stream: () => Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>,
      };
    },
  };
}
