/**
 * The Gmail adapter on the replica's DOM fixtures (fixtures/gmail, captured by
 * e2e/sites/gmail/capture-fixtures.ts), in happy-dom: probe, health (also with generated class names
 * renamed, which must not matter, and with its data-* hooks renamed, which must), read panes with the
 * raw-source route, and compose panes with recipients from chips.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeFixtureBrowser, loadFixture, siteFixtures } from '../../testing/site-fixtures';
import { needsRawReading } from '../raw-message';
import { addressesIn, createGmailAdapter, gmailHealth, gmailProbe, isConversationUrl, parseDownloadUrl } from './gmail';

after(() => closeFixtureBrowser());

const fixtures = siteFixtures('gmail');
function fixture(name: string): Document {
  const f = fixtures.find((x) => x.name === name);
  assert.ok(f, name);
  return loadFixture(f);
}

/** What a Gmail redesign does to generated class names: every one renamed. */
function renameClasses(doc: Document): Document {
  for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].map((c) => `z${c}9`).join(' '));
  return doc;
}

/** An attribute renamed on every element that has it (a changed stable hook). */
function renameAttribute(doc: Document, from: string, to: string): Document {
  for (const el of doc.querySelectorAll(`[${from}]`)) {
    el.setAttribute(to, el.getAttribute(from) ?? '');
    el.removeAttribute(from);
  }
  return doc;
}

type Call = { url: string; init: RequestInit | undefined };
function fakeFetch(response: () => Response) {
  const calls: Call[] = [];
  return { calls, fetchImpl: async (url: string, init?: RequestInit) => { calls.push({ url, init }); return response(); } };
}

describe('probe', () => {
  test('matches Gmail\'s mail paths over https only', () => {
    assert.equal(gmailProbe.matches(new URL('https://mail.google.com/mail/u/0/#inbox')), true);
    assert.equal(gmailProbe.matches(new URL('http://mail.google.com/mail/u/0/')), false);
    assert.equal(gmailProbe.matches(new URL('https://mail.google.com/chat/')), false);
    assert.equal(gmailProbe.matches(new URL('https://mail.google.com.evil.test/mail/')), false);
  });
  test('conversation URLs are told from folder URLs', () => {
    assert.equal(isConversationUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxbfixtureinlinethread'), true);
    assert.equal(isConversationUrl('https://mail.google.com/mail/u/0/#label/Work/FMfcgzQXJWxbfixtureinlinethread'), true);
    assert.equal(isConversationUrl('https://mail.google.com/mail/u/0/#inbox'), false);
    assert.equal(isConversationUrl('https://mail.google.com/mail/u/0/#label/Work'), false);
  });
});

describe('health', () => {
  test('unhealthy while loading (no main region), healthy on every built view', () => {
    assert.deepEqual(gmailHealth(fixture('loading.html')), { ok: false, missing: ['div[role="main"]'] });
    for (const f of fixtures.filter((x) => x.name !== 'loading.html')) assert.deepEqual(gmailHealth(loadFixture(f)), { ok: true }, f.name);
  });
  test('renamed generated classes: still healthy, and the panes are still found with sender and subject', () => {
    const doc = renameClasses(fixture('conversation-inline.html'));
    assert.deepEqual(gmailHealth(doc), { ok: true });
    const panes = createGmailAdapter().readPanes(doc);
    assert.deepEqual(panes.map((p) => [p.senderEmail, p.subject]), [['alice@example.test', 'Befund'], ['bob@example.test', 'Befund']]);
    // Without the body's class the pane is the whole message, which still holds the armored block.
    assert.match(panes[0]!.container.textContent ?? '', /-----BEGIN PGP MESSAGE-----/);
    const compose = createGmailAdapter().composePanes(renameClasses(fixture('compose.html')));
    assert.equal(compose.length, 1);
  });
  test('a renamed message hook or subject hook in an open conversation: unhealthy, naming them', () => {
    const doc = renameAttribute(renameAttribute(fixture('conversation-inline.html'), 'data-message-id', 'data-msg-key'), 'data-thread-perm-id', 'data-conv-key');
    assert.deepEqual(gmailHealth(doc), { ok: false, missing: ['h2[data-thread-perm-id]', 'div[data-message-id]'] });
  });
  test('a compose editor whose form lost its subject box: unhealthy', () => {
    const doc = fixture('compose.html');
    doc.querySelector('input[name="subjectbox"]')?.setAttribute('name', 'subject');
    assert.deepEqual(gmailHealth(doc), { ok: false, missing: ['input[name="subjectbox"]'] });
  });
});

describe('read panes', () => {
  test('one per open message: sender from its chip, the subject, the body as container, a reply opener', () => {
    const panes = createGmailAdapter().readPanes(fixture('conversation-inline.html'));
    assert.equal(panes.length, 2);
    assert.equal(panes[0]!.senderEmail, 'alice@example.test');
    assert.equal(panes[0]!.subject, 'Befund');
    assert.match(panes[0]!.container.textContent ?? '', /^-----BEGIN PGP MESSAGE-----/);
    assert.equal(typeof panes[0]!.openReply, 'function');
    assert.deepEqual(panes[0]!.attachments, []);
  });
  test('PGP/MIME: the listed parts make it a raw-reading pane', () => {
    const [pane] = createGmailAdapter().readPanes(fixture('conversation-pgp-mime.html'));
    assert.deepEqual(pane!.attachments, [{ name: 'noname', mimeType: 'application/pgp-encrypted' }, { name: 'encrypted.asc', mimeType: 'application/octet-stream' }]);
    assert.equal(needsRawReading(pane!.attachments!), true);
  });
  test('the raw source comes from the "Download original" route of the account, and an HTML answer is refused', async () => {
    const doc = fixture('conversation-pgp-mime.html');
    const legacy = doc.querySelector('[data-legacy-message-id]')!.getAttribute('data-legacy-message-id')!;
    const eml = new TextEncoder().encode('From: a@x\r\n\r\nbody\r\n');
    const good = fakeFetch(() => new Response(eml, { headers: { 'content-type': 'message/rfc822' } }));
    const [pane] = createGmailAdapter(good.fetchImpl).readPanes(doc);
    assert.deepEqual(await pane!.fetchRawSource!(), eml);
    assert.equal(good.calls[0]!.url, `https://mail.google.com/mail/u/0/?view=att&th=${legacy}&attid=0&disp=comp&safe=1&zw`);
    assert.equal(good.calls[0]!.init?.redirect, 'error');
    const login = fakeFetch(() => new Response('<html>sign in</html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    const [pane2] = createGmailAdapter(login.fetchImpl).readPanes(doc);
    await assert.rejects(pane2!.fetchRawSource!(), /Gmail refused the original message/);
  });
  test('download_url values parse to name and type; others are ignored', () => {
    assert.deepEqual(parseDownloadUrl('application/pgp-signature:signature.asc:https://mail.google.com/x'), { name: 'signature.asc', mimeType: 'application/pgp-signature' });
    assert.equal(parseDownloadUrl('javascript:alert(1)'), null);
  });
});

describe('compose panes', () => {
  test('a new-message dialog: To from its chips, Cc typed but not yet a chip, the subject', () => {
    const panes = createGmailAdapter().composePanes(fixture('compose.html'));
    assert.equal(panes.length, 1);
    assert.deepEqual(panes[0]!.getRecipients(), { to: ['alice@example.test', 'carol@example.test'], cc: ['dave@example.test'], bcc: [] });
    assert.equal(panes[0]!.getSubject(), 'Termin');
    assert.notEqual(panes[0]!.attach, null, 'its Filedata input is the upload');
  });
  test('an inline reply under a message: its own pane, To prefilled from the sender', () => {
    const panes = createGmailAdapter().composePanes(fixture('conversation-reply.html'));
    assert.equal(panes.length, 1);
    assert.deepEqual(panes[0]!.getRecipients().to, ['alice@example.test']);
    assert.equal(panes[0]!.getSubject(), 'Re: Befund');
  });
  test('the 2021 compose ("peoplekit"): chips are data-hovercard-id elements in div[name=<field>]', () => {
    const doc = fixture('compose.html');
    const form = doc.querySelector('form')!;
    for (const old of form.querySelectorAll('input[type="hidden"][name="to"], input[type="hidden"][name="cc"]')) old.remove();
    form.querySelector('textarea[name="cc"]')!.textContent = '';
    (form.querySelector('textarea[name="cc"]') as HTMLTextAreaElement).value = '';
    const row = (name: string, ...addrs: string[]) => {
      const div = doc.createElement('div');
      div.setAttribute('name', name);
      for (const a of addrs) {
        const chip = doc.createElement('div');
        chip.setAttribute('role', 'option');
        chip.setAttribute('data-hovercard-id', a);
        div.append(chip);
      }
      return div;
    };
    form.append(row('to', 'erin@example.test'), row('bcc', 'frank@example.test'));
    const [pane] = createGmailAdapter().composePanes(doc);
    assert.deepEqual(pane!.getRecipients(), { to: ['erin@example.test'], cc: [], bcc: ['frank@example.test'] });
  });
  test('recipients are added by typing into the field and Enter (Gmail chips it), only those no field holds', () => {
    const doc = fixture('compose.html');
    const typed: string[] = [];
    // What Gmail does on Enter in a recipient textarea: the text becomes a chip (the fixture has no script).
    doc.addEventListener('keydown', (e) => {
      const field = e.target as HTMLTextAreaElement;
      if ((e as KeyboardEvent).key !== 'Enter' || field.tagName !== 'TEXTAREA') return;
      typed.push(`${field.name}:${field.value}`);
      const chip = doc.createElement('input');
      chip.type = 'hidden';
      chip.name = field.name;
      chip.value = field.value;
      field.before(chip);
      field.value = '';
    });
    const [pane] = createGmailAdapter().composePanes(doc);
    pane!.setRecipients!({ to: ['alice@example.test', 'erin@example.test'], cc: ['DAVE@example.test', 'frank@example.test'] });
    assert.deepEqual(typed, ['to:erin@example.test', 'cc:frank@example.test']);
    assert.deepEqual(pane!.getRecipients(), { to: ['alice@example.test', 'carol@example.test', 'erin@example.test'], cc: ['dave@example.test', 'frank@example.test'], bcc: [] });
  });
  test('addressesIn keeps addr-specs only', () => {
    assert.deepEqual(addressesIn('Alice <alice@example.test>, bob@example.test; not an address'), ['alice@example.test', 'bob@example.test']);
  });
});
