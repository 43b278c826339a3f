/**
 * CRC24 check of ASCII armor. openpgp.js 6 ignores the optional checksum line entirely; we
 * refuse a present-but-wrong checksum as bad armor (a corrupted or tampered block).
 */
import { fromBase64 } from '../bytes';
import { LockpaneError } from '../errors';
import { crc24 } from './crc24';

function base64Decode(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  try {
    return fromBase64(s);
  } catch {
    return null;
  }
}

const block = /-----BEGIN PGP ([A-Z ,0-9/]+)-----\r?\n([\s\S]*?)-----END PGP \1-----/g;

/** Throws bad-armor when an armored block in `text` has a non-base64 body or a checksum line that does not match. */
export function checkArmorChecksums(text: string): void {
  for (const m of text.matchAll(block)) {
    if (m[1] === 'SIGNED MESSAGE') continue; // the cleartext part; its signature block is matched separately
    const lines = (m[2] ?? '').split(/\r?\n/).map((l) => l.trimEnd());
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    const blankAt = lines.indexOf('');
    for (const line of lines.slice(blankAt + 1)) {
      if (!/^[A-Za-z0-9+/=]*$/.test(line)) throw new LockpaneError('bad-armor', 'The ASCII armor body contains characters that are not base64.');
    }
    const last = lines[lines.length - 1];
    if (last === undefined || !last.startsWith('=') || last.length > 5 || /^={1,2}$/.test(last)) continue;
    const expected = base64Decode(last.slice(1));
    if (!expected || expected.length !== 3) throw new LockpaneError('bad-armor', 'The ASCII armor checksum line is malformed.');
    const blank = lines.indexOf('');
    const body = lines.slice(blank + 1, -1).join('');
    const data = base64Decode(body);
    if (!data) throw new LockpaneError('bad-armor', 'The ASCII armor body is not valid base64.');
    const want = (expected[0]! << 16) | (expected[1]! << 8) | expected[2]!;
    if (crc24(data) !== want) throw new LockpaneError('bad-armor', 'The ASCII armor checksum does not match: the block is corrupted.');
  }
}
