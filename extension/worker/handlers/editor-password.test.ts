/** Password mail through the editor handlers (issue #22): mixed keyed and keyless recipients, policy, the reply mark. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBase64 } from '../../../keyring/bytes';
import { encryptReply, openPasswordMessage } from '../../../keyring/password-mail';
import { decrypt } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { ContentMessage } from '../../shared/content-messages';
import type { ContentContext, FrameContext } from '../../shared/sender';
import { memoryArea } from '../kv';
import { readMessage } from '../reader/read-message';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';
import { editorHandlers } from './editor';

const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };
const content = { cls: 'content', origin: 'https://mail.example.test', tabId: 7, frameId: 0, url: 'https://mail.example.test/' } as unknown as ContentContext;
const frame = { cls: 'frame', path: '/editor.html', tabId: 7, frameId: 3, documentId: 'd' } as FrameContext;
const template = '<!doctype html><html><body><!--LOCKPANE:DATA--><script>viewer()</script></body></html>';
const password = 'bako-refu-timo-laze-nupi';
const notice = 'Alice sent you a protected message: open protected-message.html.';

async function code(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { return (e as { code: string }).code; }
  return 'no error';
}

function profile(policy: Record<string, unknown> = {}) {
  const sent: ContentMessage[] = [];
  const services = createServices({
    local: memoryArea(), session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async (_tab, _frame, m) => {
      sent.push(m);
      if (m.name === 'content.insert') return { inserted: true };
      if (m.name === 'content.attach') return m.index === m.total - 1 ? { state: 'attached' } : { state: 'partial' };
      return undefined;
    },
    readManaged: async () => policy,
    passwordFileTemplate: async () => template,
  });
  return { services, h: editorHandlers(services), sent };
}

async function aliceAndBob(policy: Record<string, unknown> = {}) {
  const alice = profile(policy);
  const a = await alice.services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
  const bob = profile();
  const b = await bob.services.keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob pass 12', algorithm: 'curve25519' });
  await alice.services.keyring.import({ text: await bob.services.keyring.exportPublic(b.key.fingerprint) }, 'test');
  await alice.services.keyring.setAcceptance(b.key.fingerprint, 'verify');
  return { alice, a, bob, b };
}

const choice = { value: password, gpgCompatible: false, notice, lang: 'en' as const };

test('Bob (key) gets normal encryption, Carol (no key) the password file; Alice reads Carol\'s reply, marked', async () => {
  const { alice, a, bob, b } = await aliceAndBob();
  const { token } = await alice.h['editor.open']({ to: ['bob@example.test', 'carol@example.test'], cc: [], subject: 'Results', canAttach: true }, content);
  await alice.h['editor.claim']({ token }, frame);
  const r = await alice.h['editor.encrypt']({ token, to: ['bob@example.test', 'carol@example.test'], cc: [], body: 'Dear Carol and Bob', sign: false, password: choice }, frame);
  assert.ok(r.state === 'inserted' && r.attachments);
  assert.deepEqual(r.attachments.map((x) => x.name), ['protected-message.html']);
  const inserted = alice.sent.find((m) => m.name === 'content.insert');
  assert.ok(inserted?.name === 'content.insert');
  assert.ok(inserted.text.startsWith(notice));
  assert.ok(!inserted.text.includes('Dear Carol'), 'no plaintext in the web mail');
  // Whom it is for goes with it, so the site adapter can add recipients the web mail's fields lack.
  assert.deepEqual([inserted.to, inserted.cc], [['bob@example.test', 'carol@example.test'], []]);
  // Bob reads the armored block with his key.
  const block = inserted.text.slice(inserted.text.indexOf('-----BEGIN PGP MESSAGE-----'));
  await bob.services.keyring.unlock(b.key.fingerprint, 'bob pass 12');
  assert.equal(new TextDecoder().decode((await decrypt({ message: block, decryptionKeys: await bob.services.keyring.unlockedOwnKeys() })).data), 'Dear Carol and Bob');
  // Carol's file goes through the upload; it holds the message for the password and Alice's key.
  assert.deepEqual(await alice.h['editor.attach']({ token, id: r.attachments[0]!.id }, frame), { attached: true, name: 'protected-message.html' });
  const chunks = alice.sent.filter((m) => m.name === 'content.attach');
  assert.equal(chunks[0]?.name === 'content.attach' && chunks[0].mediaType, 'text/html');
  const html = new TextDecoder().decode(Buffer.concat(chunks.map((m) => (m.name === 'content.attach' ? Buffer.from(fromBase64(m.data)) : Buffer.alloc(0)))));
  assert.ok(!html.includes('Dear Carol'));
  const armored = /<script type="application\/pgp-encrypted" id="lp-message">\n([\s\S]*?)\n<\/script>/.exec(html)?.[1] ?? '';
  const meta = JSON.parse(/id="lp-meta">(.*?)<\/script>/.exec(html)?.[1] ?? '{}') as { from: string; fingerprint: string };
  assert.deepEqual([meta.from, meta.fingerprint], ['alice@example.test', a.key.fingerprint]);
  const opened = await openPasswordMessage(armored, password);
  assert.deepEqual([opened.subject, opened.text], ['Results', 'Dear Carol and Bob']);
  assert.ok(opened.senderKey && opened.replyRef);
  // Carol replies from the file; Alice's reader marks it as the answer to her password mail to Carol.
  const reply = await encryptReply({ text: 'Thanks!', senderKey: opened.senderKey, replyRef: opened.replyRef });
  await alice.services.keyring.unlock(a.key.fingerprint, 'alice pass 1');
  const read = await readMessage({ kind: 'pgp-message', armored: reply, sender: 'carol@example.test' } as never, alice.services.keyring, {}, alice.services.smime, alice.services.passwordMail.sentTo);
  assert.ok(read.state === 'content');
  assert.equal(read.content.text?.trim(), 'Thanks!');
  assert.deepEqual(read.content.passwordReply, { to: ['carol@example.test'] });
  assert.equal(read.content.signatures.length, 0);
  // A reply naming a ref this Lockpane never sent is an ordinary message.
  const stranger = await encryptReply({ text: 'Hi', senderKey: opened.senderKey, replyRef: 'unknownref123' });
  const read2 = await readMessage({ kind: 'pgp-message', armored: stranger, sender: null } as never, alice.services.keyring, {}, alice.services.smime, alice.services.passwordMail.sentTo);
  assert.ok(read2.state === 'content' && read2.content.passwordReply === undefined);
});

test('policy and preconditions: forbidden, too weak, below the KDF floor, no upload, nobody keyless', async () => {
  const forbidden = await aliceAndBob({ allowPasswordMail: false });
  const open = async (p: typeof forbidden.alice, canAttach = true, to = ['carol@example.test']) => {
    const { token } = await p.h['editor.open']({ to, cc: [], canAttach }, content);
    await p.h['editor.claim']({ token }, frame);
    return token;
  };
  let token = await open(forbidden.alice);
  assert.equal((await forbidden.alice.h['editor.passwordAdvice']({ token }, frame)).allowed, false);
  assert.equal(await code(forbidden.alice.h['editor.encrypt']({ token, to: ['carol@example.test'], cc: [], body: 'x', sign: false, password: choice }, frame)), 'unsupported-option');

  const strict = await aliceAndBob({ passwordMailMinStrengthBits: 70, passwordMailKdfFloor: { minMemoryExponent: 16, minPasses: 3, allowGpgCompatible: false } });
  token = await open(strict.alice);
  const advice = await strict.alice.h['editor.passwordAdvice']({ token }, frame);
  assert.match(advice.suggestion ?? '', /^[a-z]{4}(-[a-z]{4}){4}$/);
  assert.deepEqual([advice.bits, advice.minBits, advice.gpgCompatibleAllowed], [61, 70, false]);
  assert.ok((await strict.alice.h['editor.passwordAdvice']({ token, password: 'Sommer2024!' }, frame)).bits < 40);
  const send = (p: typeof strict.alice, t: string, c = choice) => p.h['editor.encrypt']({ token: t, to: ['carol@example.test'], cc: [], body: 'x', sign: false, password: c }, frame);
  assert.match(await send(strict.alice, token).then(() => 'sent', (e: Error) => e.message), /too weak for the policy/);
  assert.match(await send(strict.alice, token, { ...choice, value: 'Tr7#kq9!Lm2$Zx', gpgCompatible: true }).then(() => 'sent', (e: Error) => e.message), /forbids the GnuPG-compatible/);
  assert.equal(strict.alice.sent.length, 0, 'nothing reached the page');

  const plain = await aliceAndBob();
  assert.match(await send(plain.alice, await open(plain.alice, false)).then(() => 'sent', (e: Error) => e.message), /cannot take attachments/);
  const keyedOnly = await open(plain.alice, true, ['bob@example.test']);
  assert.match(await plain.alice.h['editor.encrypt']({ token: keyedOnly, to: ['bob@example.test'], cc: [], body: 'x', sign: false, password: choice }, frame)
    .then(() => 'sent', (e: Error) => e.message), /Every recipient has a key/);
  // The gpg-compatible choice works where policy allows it, and the file still carries it.
  token = await open(plain.alice);
  const r = await send(plain.alice, token, { ...choice, gpgCompatible: true });
  assert.equal(r.state, 'inserted');
});
