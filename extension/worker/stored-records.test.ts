/**
 * Every storage read the worker makes is checked against its schema: a damaged or tampered record (wrong
 * type, missing field, oversize string, extra field) gives a typed outcome, never a crash, and the other
 * records are untouched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encrypt, readKey } from '../../keyring/pgp';
import { MemoryBackend } from '../../keyring/testing/memory-backend';
import type { FrameContext } from '../shared/sender';
import { createPendingReplies } from './compose/pending-replies';
import { createCandidateCache } from './discovery/candidate-cache';
import { editorPayloadSchema, readerPayloadSchema } from './frame-payloads';
import { createFrameTokens } from './frame-tokens';
import { createUnlockCache, unlockSessionKey } from './keyring/unlock-cache';
import { memoryArea } from './kv';
import { createRawStore } from './reader/raw-store';
import { createSecurityIndicator } from './security-indicator';
import { createServices } from './services';
import type { ScriptRegistrar } from './sites';

const reader = (tabId: number): FrameContext => ({ cls: 'frame', path: '/reader.html', tabId, frameId: 2, documentId: 'D' });
const editor = (tabId: number): FrameContext => ({ ...reader(tabId), path: '/editor.html' });
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));
const readerPayload = { kind: 'pgp-message', armored: 'x', origin: 'https://mail.example', sender: null, contentFrameId: 0 } as const;
const editorPayload = { origin: 'https://mail.example', to: [], cc: [], subject: null, contentFrameId: 0, quote: null };

test('frame tokens: a damaged record is refused as token-invalid and removed; other tokens still work', async () => {
  const area = memoryArea();
  const tokens = createFrameTokens(area, readerPayloadSchema);
  const editors = createFrameTokens(area, editorPayloadSchema);
  const damage: Array<[string, (r: Record<string, unknown>) => unknown]> = [
    ['wrong type', (r) => ({ ...r, tabId: '5' })],
    ['missing field', ({ payload: _p, ...r }) => r],
    ['oversize string', (r) => ({ ...r, payload: { ...(r.payload as object), armored: 'x'.repeat(8 * 1024 * 1024 + 1) } })],
    ['extra field', (r) => ({ ...r, payload: { ...(r.payload as object), html: '<img src=x>' } })],
    ['unknown kind', (r) => ({ ...r, payload: { ...(r.payload as object), kind: 'plaintext' } })],
    ['not an object', () => 'garbage'],
  ];
  const good = await tokens.issue('reader', 5, readerPayload);
  for (const [what, change] of damage) {
    const token = await tokens.issue('reader', 5, readerPayload);
    const key = `frameToken:${token}`;
    area.data.set(key, change(area.data.get(key) as Record<string, unknown>));
    assert.equal(await codeOf(tokens.claim(token, reader(5))), 'token-invalid', what);
    assert.equal(area.data.has(key), false, what);
  }
  const e = await editors.issue('editor', 5, editorPayload);
  area.data.set(`frameToken:${e}`, { ...(area.data.get(`frameToken:${e}`) as object), claimedBy: { frameId: 'x' } });
  assert.equal(await editors.retarget(e, 5, (p) => p), false);
  assert.equal(await codeOf(editors.claim(e, editor(5))), 'token-invalid');
  assert.deepEqual(await tokens.claim(good, reader(5)), readerPayload);
});

test('pending replies: a damaged record counts as none and is removed; another tab keeps its own', async () => {
  const area = memoryArea();
  const pending = createPendingReplies(area);
  await pending.hold(1, 'https://mail.example', 'T1');
  const at = Date.now();
  for (const bad of [{ token: 5, origin: 'https://mail.example', at }, { origin: 'https://mail.example', at }, { token: 'T'.repeat(65), origin: 'https://mail.example', at }, { token: 'T', origin: 'https://mail.example', at, more: 1 }]) {
    area.data.set('pendingReply:2', bad);
    assert.equal(await pending.take(2, 'https://mail.example'), null);
    assert.equal(area.data.has('pendingReply:2'), false);
  }
  assert.equal(await pending.take(1, 'https://mail.example'), 'T1');
});

const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };

test('drafts: a damaged draft is shown as existing, restoring it is a typed corrupt-record error, other drafts stay', async () => {
  const local = memoryArea();
  const s = createServices({ local, session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(), toContent: async () => undefined, readManaged: async () => ({}) });
  const { key } = await s.keyring.generate({ name: 'Ann', email: 'ann@example.test', passphrase: 'ann pass 12', algorithm: 'curve25519' });
  await s.keyring.unlock(key.fingerprint, 'ann pass 12');
  await s.compose.saveDraft('https://keep.example', 'editor-one', { to: ['bo@example.test'], cc: [], body: 'keep me' });
  const pub = await readKey(await s.keyring.exportPublic(key.fingerprint));
  const damaged: Array<[string, unknown]> = [
    ['wrong type', { armored: 42, savedAt: 'now' }],
    ['missing field', { armored: '-----BEGIN PGP MESSAGE-----' }],
    ['oversize string', { armored: 'x', savedAt: 'y'.repeat(41) }],
    ['extra field', { armored: 'x', savedAt: 'now', plaintext: 'leak' }],
    ['decrypts to no JSON', { armored: await encrypt({ data: 'not json', encryptionKeys: [pub] }), savedAt: 'now' }],
    ['decrypts to the wrong shape', { armored: await encrypt({ data: JSON.stringify({ to: 'x', cc: [], body: '' }), encryptionKeys: [pub] }), savedAt: 'now' }],
  ];
  for (const [what, record] of damaged) {
    // A record in the layout before per-editor drafts (draft:<origin>): listed as the legacy draft.
    local.data.set('draft:https://mail.example', record);
    const state = await s.compose.draftState('https://mail.example', 'editor-two');
    assert.equal(state.exists, true, what);
    assert.equal(await codeOf(s.compose.loadDraft('https://mail.example', 'editor-two')), 'corrupt-record', what);
    assert.ok(local.data.has('draft:https://mail.example'), `${what}: kept until the user discards it`);
  }
  assert.deepEqual(await s.compose.discardDraft('https://mail.example', 'editor-two'), { exists: false, savedAt: null });
  assert.deepEqual(await s.compose.loadDraft('https://keep.example', 'editor-two'), { state: 'draft', id: 'editor-one', to: ['bo@example.test'], cc: [], body: 'keep me' });
  // A damaged draft index: the drafts it listed cannot be offered, but saving works again and discarding clears it.
  local.data.set('drafts:https://keep.example', { drafts: 'not a list' });
  assert.deepEqual(await s.compose.draftState('https://keep.example', 'editor-two'), { exists: true, savedAt: null });
  assert.deepEqual(await s.compose.discardDraft('https://keep.example', 'editor-two'), { exists: false, savedAt: null });
  assert.equal((await s.compose.saveDraft('https://keep.example', 'editor-two', { to: [], cc: [], body: 'after' })).exists, true);
});

test('raw messages: a damaged mirror counts as gone and a damaged index starts afresh; memory is untouched', async () => {
  const session = memoryArea();
  const first = createRawStore(session);
  await first.put('A'.repeat(43), 'aGVsbG8=');
  const restarted = createRawStore(session);
  session.data.set(`rawMessage:${'A'.repeat(43)}`, 12345);
  assert.equal(await restarted.get('A'.repeat(43)), null);
  assert.equal(await restarted.size('A'.repeat(43)), null);
  session.data.set(`rawMessage:${'A'.repeat(43)}`, '<not base64>');
  assert.equal(await restarted.get('A'.repeat(43)), null);
  session.data.set('rawMessage:index', [{ token: 7, chars: 'x' }]);
  await restarted.put('B'.repeat(43), 'd29ybGQ=');
  assert.deepEqual(session.data.get('rawMessage:index'), [{ token: 'B'.repeat(43), chars: 8 }]);
  assert.equal(new TextDecoder().decode((await restarted.get('B'.repeat(43)))!), 'world');
});

test('discovery candidates: a damaged candidate is dropped, the others stay importable', async () => {
  const session = memoryArea();
  const cache = createCandidateCache(session);
  const [kept] = await cache.put([{ email: 'a@example.test', fingerprint: 'AB'.repeat(20), sources: ['vks'], publicArmored: 'key' }]);
  const stored = session.data.get('discovery:candidates') as object[];
  session.data.set('discovery:candidates', [...stored, { ...stored[0], id: 'x', sources: ['ftp'] }, { ...stored[0], id: 'y', publicArmored: 5 }, null, { ...stored[0], id: 'z', extra: true }]);
  const restarted = createCandidateCache(session);
  assert.equal((await restarted.get(kept!.id))?.publicArmored, 'key');
  for (const id of ['x', 'y', 'z']) assert.equal(await restarted.get(id), null);
});

test('the unlock mirror: a damaged snapshot is cleared (asked again), no crash', async () => {
  for (const bad of [{ version: 2, timeoutMs: 1, items: [] }, { version: 1, timeoutMs: 1, items: [null] }, { version: 1, timeoutMs: 1, items: [{ id: 'a', passphrase: 'p'.repeat(2000), unlockedAt: 1 }] }, 'x']) {
    const session = memoryArea();
    session.data.set(unlockSessionKey, bad);
    const cache = createUnlockCache(session);
    assert.equal(await cache.get('AB'.repeat(20), 'not a key'), null);
    assert.equal(session.data.has(unlockSessionKey), false, JSON.stringify(bad).slice(0, 60));
  }
});

test('the security indicator: a damaged record is replaced by a fresh one, never returned', async () => {
  for (const bad of [{ phrase: 5, color: '#000000' }, { phrase: 'p' }, { phrase: 'p'.repeat(65), color: '#000000' }, { phrase: 'p', color: 'red; background:url(x)' }, { phrase: 'p', color: '#000000', extra: 1 }]) {
    const area = memoryArea();
    area.data.set('settings.indicator', bad);
    const got = await createSecurityIndicator(area).get();
    assert.match(got.color, /^#[0-9a-f]{6}$/);
    assert.match(got.phrase, /^[a-z]+ [a-z]+ [a-z]+$/);
  }
});
