import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toBase64 } from '../../keyring/bytes';
import type { FrameToken } from '../shared/ids';
import { needsRawReading, startRawReading } from './raw-message';

test('raw reading: PGP/MIME, S/MIME, per-file encrypted attachments and attached keys yes; ordinary files no', () => {
  const yes = [
    { name: 'encrypted.asc', mimeType: 'application/octet-stream' },
    { name: 'Digital Signature', mimeType: 'application/pgp-signature' },
    { name: 'smime.p7m', mimeType: 'application/pkcs7-mime' },
    { name: 'Digital Signature', mimeType: 'application/pkcs7-signature' },
    { name: 'report.pdf.pgp', mimeType: 'application/octet-stream' },
    { name: 'OpenPGP encrypted message', mimeType: '' },
    { name: 'scan.GPG', mimeType: '' },
    { name: 'alice.key', mimeType: 'application/pgp-keys' },
    { name: 'OpenPGP_0xA1B2.asc', mimeType: 'application/pgp-keys' },
  ];
  for (const a of yes) assert.equal(needsRawReading([a]), true, JSON.stringify(a));
  const no = [
    { name: 'report.pdf', mimeType: 'application/pdf' },
    { name: 'photo.jpg', mimeType: 'image/jpeg' },
    { name: 'pgp-notes.txt', mimeType: 'text/plain' },
    { name: 'asc', mimeType: 'application/octet-stream' },
  ];
  assert.equal(needsRawReading(no), false);
  assert.equal(needsRawReading([]), false);
});

test('base64 of a large buffer equals Node\'s, slice boundaries included', () => {
  for (const n of [0, 1, 2, 3, 98303, 98304, 98305, 300_001]) {
    const bytes = new Uint8Array(n).map((_, i) => (i * 7 + 3) & 0xff);
    assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'), `n=${n}`);
  }
});

test('startRawReading: marks only this document\'s protected panes, sends base64 + sender, mounts with the token', async () => {
  const { Window } = await import('happy-dom');
  const doc = new Window().document as unknown as Document;
  for (const id of ['a', 'b']) doc.body.append(Object.assign(doc.createElement('div'), { id }));
  const raw = new TextEncoder().encode('Content-Type: multipart/encrypted\r\n\r\n');
  const pane = (id: string, attachments: { name: string; mimeType: string }[]) => ({
    container: doc.getElementById(id)!, senderEmail: 'alice@example.test', subject: 'S', fetchRawSource: async () => raw, attachments,
  });
  const sent: unknown[] = [];
  const mounted: string[] = [];
  await new Promise<void>((resolve) => {
    startRawReading([pane('a', [{ name: 'encrypted.asc', mimeType: 'application/octet-stream' }]), pane('b', [{ name: 'a.pdf', mimeType: 'application/pdf' }])], doc,
      async (req) => { sent.push(req); return { token: 'T'.repeat(43) as FrameToken }; },
      (token) => { mounted.push(token); resolve(); });
    assert.equal(doc.getElementById('a')!.hasAttribute('data-lockpane-done'), true);
    assert.equal(doc.getElementById('b')!.hasAttribute('data-lockpane-done'), false);
  });
  assert.deepEqual(sent, [{ base64: Buffer.from(raw).toString('base64'), sender: 'alice@example.test', subject: 'S' }]);
  assert.deepEqual(mounted, ['T'.repeat(43)]);
});
