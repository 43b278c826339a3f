/**
 * PGP/MIME from a web mail whose own attachment list holds files (Roundcube drops them from `_pgpmime`
 * mail): the content script refuses the insert, and the editor gets `site-files` with their names; its
 * staged files and draft stay, so Encrypt works once the files were moved into the editor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decrypt } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { toBase64 } from '../../../keyring/bytes';
import type { ContentMessage } from '../../shared/content-messages';
import type { ContentContext, FrameContext } from '../../shared/sender';
import { memoryArea } from '../kv';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';
import { editorHandlers } from './editor';

const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };
const content = { cls: 'content', origin: 'https://mail.example.test', tabId: 7, frameId: 0, url: 'https://mail.example.test/' } as unknown as ContentContext;
const frame = { cls: 'frame', path: '/editor.html', tabId: 7, frameId: 3, documentId: 'd' } as FrameContext;

/** A profile whose page lists `siteFiles()` in its own attachment list (refusing PGP/MIME inserts while it does). */
function profile(siteFiles: () => string[]) {
  const sent: ContentMessage[] = [];
  const services = createServices({
    local: memoryArea(), session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async (_tab, _frame, m) => {
      sent.push(m);
      if (m.name !== 'content.insert') return undefined;
      const listed = siteFiles();
      // As content/compose.ts decides: any encrypted insert is refused while the list holds files.
      if ((m.pgpMime || m.encrypted) && listed.length > 0) return { inserted: false, siteFiles: listed };
      return { inserted: true, subjectSet: true };
    },
    readManaged: async () => ({}),
  });
  return { services, h: editorHandlers(services), sent };
}

test('PGP/MIME with files in the web mail\'s own list: refused with their names, nothing kept in the page; after moving them, sent inside', async () => {
  let listed = ['plain-scan.pdf'];
  const alice = profile(() => listed);
  const a = await alice.services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
  const bobProfile = profile(() => []);
  const b = await bobProfile.services.keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob pass 12', algorithm: 'curve25519' });
  await alice.services.keyring.import({ text: await bobProfile.services.keyring.exportPublic(b.key.fingerprint) }, 'test');

  const { token } = await alice.h['editor.open']({ to: ['bob@example.test'], cc: [], canAttach: true, pgpMime: true, subject: 'Befund' }, content);
  await alice.h['editor.saveDraft']({ token, to: ['bob@example.test'], cc: [], body: 'draft text' }, frame);
  const secret = new TextEncoder().encode('moved file 4711');
  await alice.h['editor.stage']({ token, id: 'f1', name: 'scan.pdf', size: secret.length, index: 0, total: 1, data: toBase64(secret) }, frame);
  const request = {
    token, to: ['bob@example.test'], cc: [], body: 'body 0815', sign: false, subject: 'Befund', pgpMimeNotice: 'Encrypted (PGP/MIME).',
    passphrase: 'alice pass 1', fingerprint: a.key.fingerprint, attachments: ['f1'],
  };
  assert.deepEqual(await alice.h['editor.encrypt'](request, frame), { state: 'site-files', names: ['plain-scan.pdf'] });
  // The editor's draft is still there (nothing was sent): another editor on the same web mail offers it.
  const otherDraft = async () => (await alice.h['editor.claim']({ token: (await alice.h['editor.open']({ to: [], cc: [] }, content)).token }, frame)).draft.exists;
  assert.equal(await otherDraft(), true);

  listed = [];
  const r = await alice.h['editor.encrypt'](request, frame);
  assert.deepEqual(r, { state: 'inserted', subject: 'protected' });
  const inserts = alice.sent.filter((m): m is ContentMessage & { name: 'content.insert' } => m.name === 'content.insert');
  assert.equal(inserts.length, 2);
  await bobProfile.services.keyring.unlock(b.key.fingerprint, 'bob pass 12');
  const inner = new TextDecoder().decode((await decrypt({ message: inserts[1]!.pgpMime ?? '', decryptionKeys: await bobProfile.services.keyring.unlockedOwnKeys() })).data);
  assert.match(inner, /filename="scan.pdf"/, 'the staged file survived the refusal and went inside');
  assert.equal(await otherDraft(), false, 'sent: the draft goes');
});

test('inline encrypted mail is refused too (the site would send its own files in clear beside it); sign-only mail is not', async () => {
  const alice = profile(() => ['plain.txt']);
  const a = await alice.services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
  const unlock = { passphrase: 'alice pass 1', fingerprint: a.key.fingerprint };
  const open = async () => (await alice.h['editor.open']({ to: ['alice@example.test'], cc: [], canAttach: true }, content)).token;
  const inserts = () => alice.sent.filter((m): m is ContentMessage & { name: 'content.insert' } => m.name === 'content.insert');
  const r = await alice.h['editor.encrypt']({ token: await open(), to: ['alice@example.test'], cc: [], body: 'x', sign: false, ...unlock }, frame);
  assert.deepEqual(r, { state: 'site-files', names: ['plain.txt'] });
  assert.equal(inserts()[0]!.encrypted, true);
  assert.equal(inserts()[0]!.pgpMime, undefined);
  const signed = await alice.h['editor.encrypt']({ token: await open(), to: [], cc: [], body: 'signed, readable by all', sign: true, signOnly: true, ...unlock }, frame);
  assert.equal(signed.state, 'inserted');
  assert.equal(inserts()[1]!.encrypted, undefined, 'sign-only: nothing is encrypted, the site\'s files go as the user sees them');
});
