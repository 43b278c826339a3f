/**
 * The reader on the header-protection vectors (keyring/mime/fixtures/header-protection, draft-bre Alice and
 * Bob): what readRaw hands the frame is the protected Subject, the outer placeholder as a difference, the
 * signature, and a body without the legacy display part.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { ReaderContent } from '../../shared/reader-result';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { createSmimeService } from '../smime/smime-service';
import { readRaw } from './read-raw';

const root = path.resolve(__dirname, '../../..');
const vector = (n: string) => new Uint8Array(readFileSync(path.join(root, 'keyring/mime/fixtures/header-protection', n)));
const key = (n: string) => readFileSync(path.join(root, 'keyring/pgp/fixtures/draft-bre-samples', n), 'utf8');
const inner = "BarCorp contract signed, let's go!";
const aliceFpr = 'EB85BB5FA33A75E15E944E63F231550C4F47E38E';

let services: { keyring: ReturnType<typeof createKeyringService>; smime: ReturnType<typeof createSmimeService> };
let bobFpr = '';

before(async () => {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  services = { keyring, smime: createSmimeService(keyring, memoryArea()) };
  await keyring.import({ text: key('bob-secret.asc'), protectWith: 'bob pw' }, 'user');
  await keyring.import({ text: key('alice.asc') }, 'mail');
  bobFpr = 'D1A66E1A23B182C9980F788CFBFCC82A015E7330';
});

async function read(name: string): Promise<ReaderContent> {
  const r = await readRaw(vector(name), 'alice@openpgp.example', services.keyring, services.smime, { fingerprint: bobFpr, passphrase: 'bob pw' });
  assert.equal(r.result.state, 'content');
  return (r.result as { content: ReaderContent }).content;
}

describe('reader: protected headers', () => {
  it('sign+enc: the protected Subject is shown and the outer "..." is reported; Alice\'s signature is good', async () => {
    const c = await read('pgpmime-sign+enc.eml');
    assert.deepEqual(c.protectedHeaders?.fields, {
      subject: inner, from: 'Alice Lovelace <alice@openpgp.example>', to: 'Bob Babbage <bob@openpgp.example>', date: 'Mon, 21 Oct 2019 07:09:00 -0700',
    });
    assert.deepEqual(c.protectedHeaders?.outside, { subject: '...' });
    assert.equal(c.protectedHeaders?.scheme, 'v1');
    assert.equal(c.signatures[0]?.fingerprint?.toUpperCase().replace(/\s/g, ''), aliceFpr);
    assert.ok(c.text?.includes('Hi Bob!'));
  });

  it('legacy display: the "Subject:" part is not in the shown text; enc-only is encrypted and unsigned', async () => {
    for (const name of ['pgpmime-enc+legacy-disp.eml', 'pgpmime-sign+enc+legacy-disp.eml']) {
      const c = await read(name);
      assert.equal(c.protectedHeaders?.fields.subject, inner, name);
      assert.ok(c.text?.startsWith('Hi Bob!'), `${name}: ${JSON.stringify(c.text?.slice(0, 60))}`);
      assert.ok(!c.text?.includes('Subject:'), name);
      assert.equal(c.encrypted, true);
      if (name.startsWith('pgpmime-enc+')) assert.equal(c.signatures.length, 0);
    }
  });

  it('layered and unfortunately-complex: the inner signed part\'s headers win, the signature inside counts', async () => {
    for (const name of ['pgpmime-layered.eml', 'unfortunately-complex.eml']) {
      const c = await read(name);
      assert.equal(c.protectedHeaders?.fields.subject, inner, name);
      assert.equal(c.protectedHeaders?.outside.subject, '...', name);
      assert.ok(c.signatures.some((s) => s.fingerprint?.toUpperCase().replace(/\s/g, '') === aliceFpr), name);
      assert.ok(!c.text?.includes(`Subject: ${inner}`), name);
    }
  });

  it('signed only: same Subject inside and out, nothing flagged; a Subject changed outside is flagged', async () => {
    const c = await read('pgpmime-signed.eml');
    assert.equal(c.protectedHeaders?.fields.subject, 'The FooCorp contract');
    assert.deepEqual(c.protectedHeaders?.outside, {});
    const changed = new TextDecoder().decode(vector('pgpmime-signed.eml')).replace('Subject: The FooCorp contract\nMessage-ID: <pgpmime-signed@protected-headers.example>\n\n--fee',
      'Subject: Contract renewed\nMessage-ID: <pgpmime-signed@protected-headers.example>\n\n--fee');
    assert.ok(changed.includes('Subject: Contract renewed'));
    const r = await readRaw(new TextEncoder().encode(changed), 'alice@openpgp.example', services.keyring, services.smime, {});
    const cc = (r.result as { content: ReaderContent }).content;
    assert.deepEqual(cc.protectedHeaders?.outside, { subject: 'Contract renewed' });
    assert.equal(cc.protectedHeaders?.fields.subject, 'The FooCorp contract');
  });
});
