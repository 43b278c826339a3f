/**
 * The Yahoo Mail adapter on the replica's DOM fixtures (fixtures/yahoo, captured by
 * e2e/sites/yahoo/capture-fixtures.ts), in happy-dom: probe, health (also with generated class names
 * renamed, which must not matter, and with its data-test-id hooks renamed, which must), read panes with
 * the raw-source route, and compose panes with recipients read from and added through the pills.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeFixtureBrowser, loadFixture, siteFixtures } from '../../testing/site-fixtures';
import { needsRawReading } from '../raw-message';
import { addressOf, apiIdsIn, createYahooAdapter, messageIdInUrl, yahooHealth, yahooProbe } from './yahoo';

after(() => closeFixtureBrowser());

const fixtures = siteFixtures('yahoo');
function fixture(name: string): Document {
  const f = fixtures.find((x) => x.name === name);
  assert.ok(f, name);
  return loadFixture(f);
}

/** What a Yahoo release does to its generated class names: every one renamed. */
function renameClasses(doc: Document): Document {
  for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].map((c) => `${c}_Q7`).join(' '));
  return doc;
}

/** One data-test-id value renamed wherever it is used (a changed stable hook). */
function renameTestId(doc: Document, from: string, to: string): Document {
  for (const el of doc.querySelectorAll(`[data-test-id="${from}"]`)) el.setAttribute('data-test-id', to);
  return doc;
}

type Call = { url: string; init: RequestInit | undefined };
function fakeFetch(response: () => Response) {
  const calls: Call[] = [];
  return { calls, fetchImpl: async (url: string, init?: RequestInit) => { calls.push({ url, init }); return response(); } };
}

/** Keydown Enter in a recipient input commits its text as a pill, as Yahoo does (the fixtures have no script). */
function commitOnEnter(doc: Document): string[] {
  const typed: string[] = [];
  doc.addEventListener('keydown', (e) => {
    const input = e.target as HTMLInputElement;
    if ((e as KeyboardEvent).key !== 'Enter' || !/^message-(to|cc|bcc)-field$/.test(input.id)) return;
    typed.push(`${input.id}:${input.value}`);
    const pill = doc.createElement('div');
    pill.setAttribute('data-test-id', 'pill');
    pill.setAttribute('title', `${input.value} <${input.value}>`);
    input.before(pill);
    input.value = '';
  });
  return typed;
}

describe('probe', () => {
  test('matches Yahoo Mail\'s app paths over https only', () => {
    assert.equal(yahooProbe.matches(new URL('https://mail.yahoo.com/d/folders/1')), true);
    assert.equal(yahooProbe.matches(new URL('https://uk.mail.yahoo.com/d/folders/1/messages/AbC123xyz')), true);
    assert.equal(yahooProbe.matches(new URL('http://mail.yahoo.com/d/folders/1')), false);
    assert.equal(yahooProbe.matches(new URL('https://mail.yahoo.com/')), false);
    assert.equal(yahooProbe.matches(new URL('https://mail.yahoo.com.evil.test/d/folders/1')), false);
    assert.equal(yahooProbe.matches(new URL('https://evilmail.yahoo.com/d/folders/1')), false);
  });
  test('message URLs are told from folder and compose URLs', () => {
    assert.equal(messageIdInUrl('https://mail.yahoo.com/d/folders/1/messages/AOaz7z4nFWVdX4SezAAq-BQOb4k'), 'AOaz7z4nFWVdX4SezAAq-BQOb4k');
    assert.equal(messageIdInUrl('https://mail.yahoo.com/d/folders/1/messages/49227?.intl=de'), null, 'too short to be an id');
    assert.equal(messageIdInUrl('https://mail.yahoo.com/d/folders/1'), null);
    assert.equal(messageIdInUrl('https://mail.yahoo.com/d/compose/1'), null);
  });
});

describe('health', () => {
  test('unhealthy before the app is built, healthy on every built view', () => {
    assert.deepEqual(yahooHealth(fixture('loading.html')), { ok: false, missing: ['#mail-app-component [role="main"]'] });
    for (const f of fixtures.filter((x) => x.name !== 'loading.html')) assert.deepEqual(yahooHealth(loadFixture(f)), { ok: true }, f.name);
  });
  test('renamed generated classes: still healthy, panes still found with sender and subject', () => {
    const doc = renameClasses(fixture('conversation-inline.html'));
    assert.deepEqual(yahooHealth(doc), { ok: true });
    const panes = createYahooAdapter().readPanes(doc);
    assert.deepEqual(panes.map((p) => [p.senderEmail, p.subject]), [['alice@example.test', 'Befund'], ['bob@example.test', 'Befund']]);
    assert.match(panes[0]!.container.textContent ?? '', /^-----BEGIN PGP MESSAGE-----/);
    const compose = createYahooAdapter().composePanes(renameClasses(fixture('compose.html')));
    assert.equal(compose.length, 1);
    assert.deepEqual(compose[0]!.getRecipients().to, ['alice@example.test', 'carol@example.test']);
  });
  test('a renamed message hook or subject hook on a message URL: unhealthy, naming them', () => {
    const doc = renameTestId(renameTestId(fixture('conversation-inline.html'), 'message-view', 'msg-view'), 'message-group-subject-text', 'subject-v2');
    assert.deepEqual(yahooHealth(doc), { ok: false, missing: ['[data-test-id="message-view"]', '[data-test-id="message-group-subject-text"], [data-test-id="message-subject"]'] });
  });
  test('a compose editor whose form lost its To field: unhealthy', () => {
    const doc = fixture('compose.html');
    doc.querySelector('#message-to-field')!.id = 'to-field-v2';
    assert.deepEqual(yahooHealth(doc), { ok: false, missing: ['input[id="message-to-field"]'] });
  });
  test('a wrapper element added around the editor and the fields: still one pane, recipients still read', () => {
    const doc = fixture('compose.html');
    const region = doc.querySelector('[data-test-id="compose"]')!;
    const wrap = doc.createElement('div');
    wrap.append(...region.childNodes);
    region.append(wrap);
    const [pane] = createYahooAdapter().composePanes(doc);
    assert.deepEqual(pane!.getRecipients(), { to: ['alice@example.test', 'carol@example.test'], cc: ['dave@example.test'], bcc: [] });
  });
});

describe('read panes', () => {
  test('one per open message: sender from its pill, the subject, the body as container, a reply opener', () => {
    const panes = createYahooAdapter().readPanes(fixture('conversation-inline.html'));
    assert.equal(panes.length, 2);
    assert.equal(panes[0]!.senderEmail, 'alice@example.test');
    assert.equal(panes[0]!.subject, 'Befund');
    assert.match(panes[0]!.container.textContent ?? '', /^-----BEGIN PGP MESSAGE-----/);
    assert.equal(panes[0]!.container.getAttribute('data-test-id'), 'message-view-body-content');
    assert.equal(typeof panes[0]!.openReply, 'function');
    assert.deepEqual(panes[0]!.attachments, []);
    assert.equal(panes[0]!.fetchRawSource, null, 'no link into the API: no raw route');
  });
  test('the sender without data-email: from the pill\'s title', () => {
    const doc = fixture('conversation-inline.html');
    for (const p of doc.querySelectorAll('[data-email]')) p.removeAttribute('data-email');
    assert.equal(createYahooAdapter().readPanes(doc)[0]!.senderEmail, 'alice@example.test');
  });
  test('PGP/MIME: the listed parts make it a raw-reading pane', () => {
    const [pane] = createYahooAdapter().readPanes(fixture('conversation-pgp-mime.html'));
    assert.deepEqual(pane!.attachments, [{ name: 'noname', mimeType: '' }, { name: 'encrypted.asc', mimeType: '' }]);
    assert.equal(needsRawReading(pane!.attachments!), true);
  });
  test('the raw source comes from "View raw message" (rawplaintext of the ids in the attachment links); HTML or JSON answers are refused', async () => {
    const doc = fixture('conversation-pgp-mime.html');
    const ids = apiIdsIn(doc.querySelector('a[href*="/ws/v3/"]')!.getAttribute('href')!)!;
    assert.equal(ids.message, messageIdInUrl(doc.URL));
    const eml = new TextEncoder().encode('From: a@x\r\n\r\nbody\r\n');
    const good = fakeFetch(() => new Response(eml, { headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    const [pane] = createYahooAdapter(good.fetchImpl).readPanes(doc);
    assert.deepEqual(await pane!.fetchRawSource!(), eml);
    assert.equal(good.calls[0]!.url, `https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==${ids.mailbox}/messages/@.id==${ids.message}/content/rawplaintext?appid=YMailNorrin`);
    assert.equal(good.calls[0]!.init?.credentials, 'include');
    assert.equal(good.calls[0]!.init?.redirect, 'error');
    for (const type of ['text/html; charset=utf-8', 'application/json']) {
      const refused = fakeFetch(() => new Response('{}', { headers: { 'content-type': type } }));
      await assert.rejects(createYahooAdapter(refused.fetchImpl).readPanes(doc)[0]!.fetchRawSource!(), /Yahoo refused the raw message/);
    }
  });
  test('API links are parsed strictly; addresses from "Name <addr>"', () => {
    assert.equal(apiIdsIn('https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==VjN-abc/messages/@.id==AOaz7z/content'), null, 'mailbox id too short');
    assert.equal(apiIdsIn('https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==VjN-abcdefgh/messages/@.id==A"><x/'), null);
    assert.equal(addressOf('Alice Example <alice@example.test>'), 'alice@example.test');
    assert.equal(addressOf('not an address'), null);
  });
});

describe('compose panes', () => {
  test('a new message: To and Cc from their pills, the subject, an upload', () => {
    const panes = createYahooAdapter().composePanes(fixture('compose.html'));
    assert.equal(panes.length, 1);
    assert.deepEqual(panes[0]!.getRecipients(), { to: ['alice@example.test', 'carol@example.test'], cc: ['dave@example.test'], bcc: [] });
    assert.equal(panes[0]!.getSubject(), 'Termin');
    assert.notEqual(panes[0]!.attach, null, 'its file input is the upload');
  });
  test('text typed but not yet a pill counts', () => {
    const doc = fixture('compose.html');
    (doc.querySelector('#message-bcc-field') as HTMLInputElement).value = 'Erin <erin@example.test>';
    assert.deepEqual(createYahooAdapter().composePanes(doc)[0]!.getRecipients().bcc, ['erin@example.test']);
  });
  test('the inline reply: its own pane under the conversation, To prefilled from the sender', () => {
    const doc = fixture('conversation-reply.html');
    const panes = createYahooAdapter().composePanes(doc);
    assert.equal(panes.length, 1);
    assert.deepEqual(panes[0]!.getRecipients().to, ['alice@example.test']);
    assert.equal(panes[0]!.getSubject(), 'Re: Befund');
    assert.equal(createYahooAdapter().readPanes(doc).length, 2, 'the read panes stay');
  });
  test('recipients are added through the fields (typed, then Enter), never twice and never moved out of Bcc', () => {
    const doc = fixture('compose.html');
    const typed = commitOnEnter(doc);
    const bcc = doc.createElement('div');
    bcc.setAttribute('data-test-id', 'pill');
    bcc.setAttribute('title', 'Frank <frank@example.test>');
    doc.querySelector('#message-bcc-field')!.before(bcc);
    const [pane] = createYahooAdapter().composePanes(doc);
    // The secure editor shows Bcc under Cc; it asks for what it encrypted to.
    pane!.setRecipients!({ to: ['alice@example.test', 'gina@example.test'], cc: ['dave@example.test', 'frank@example.test', 'Hugo@Example.test', 'hugo@example.test'] });
    assert.deepEqual(typed, ['message-to-field:gina@example.test', 'message-cc-field:Hugo@Example.test']);
    assert.deepEqual(pane!.getRecipients(), {
      to: ['alice@example.test', 'carol@example.test', 'gina@example.test'], cc: ['dave@example.test', 'Hugo@Example.test'], bcc: ['frank@example.test'],
    });
  });
  test('setSubject writes the subject field', () => {
    const doc = fixture('compose.html');
    const [pane] = createYahooAdapter().composePanes(doc);
    pane!.setSubject!('...');
    assert.equal(pane!.getSubject(), '...');
  });
});
