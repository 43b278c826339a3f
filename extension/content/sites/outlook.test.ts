/**
 * The Outlook on the web adapter on the replica's DOM fixtures (fixtures/outlook, both variants, captured
 * by e2e/sites/outlook/capture-fixtures.ts), in happy-dom: probe, health (also with generated class names
 * renamed, which must not matter, and with its id hooks renamed, which must), read panes with the
 * GetItem raw-source route, and compose panes with recipients read from and written to the wells.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeFixtureBrowser, loadFixture, siteFixtures } from '../../testing/site-fixtures';
import { needsRawReading } from '../raw-message';
import { addressIn, createOutlookAdapter, itemIdOf, mimeFromGetItem, outlookHealth, outlookProbe, serviceUrl, variantOf } from './outlook';

after(() => closeFixtureBrowser());

const fixtures = siteFixtures('outlook');
function fixture(name: string): Document {
  const f = fixtures.find((x) => x.name === name);
  assert.ok(f, name);
  return loadFixture(f);
}
const both = ['live', 'office'] as const;

/** What an Outlook redeploy does to generated class names: every one renamed. */
function renameClasses(doc: Document): Document {
  for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].map((c) => `x${c}7`).join(' '));
  return doc;
}

/** Every element whose id matches `from` gets it rewritten (a changed stable hook). */
function renameIds(doc: Document, from: RegExp, to: string): Document {
  for (const el of doc.querySelectorAll('[id]')) el.id = el.id.replace(from, to);
  return doc;
}

type Call = { url: string; init: RequestInit | undefined };
function fakeFetch(response: () => Response) {
  const calls: Call[] = [];
  return { calls, fetchImpl: async (url: string, init?: RequestInit) => { calls.push({ url, init }); return response(); } };
}
const getItemAnswer = (bytes: Uint8Array) => ({ Body: { ResponseMessages: { Items: [{ ResponseClass: 'Success', Items: [{ MimeContent: { Value: Buffer.from(bytes).toString('base64') } }] }] } } });

describe('probe', () => {
  test('matches both variants\' mail paths over https only', () => {
    assert.equal(variantOf(new URL('https://outlook.live.com/mail/0/inbox')), 'live');
    assert.equal(variantOf(new URL('https://outlook.office.com/mail/inbox/id/AAMkAD')), 'office');
    assert.equal(variantOf(new URL('https://outlook.office365.com/mail/')), 'office');
    assert.equal(outlookProbe.matches(new URL('http://outlook.live.com/mail/0/')), false);
    assert.equal(outlookProbe.matches(new URL('https://outlook.live.com/calendar/0/')), false);
    assert.equal(outlookProbe.matches(new URL('https://outlook.office.com.evil.test/mail/')), false);
  });
  test('the item id comes from the URL; the service endpoint differs per variant', () => {
    assert.equal(itemIdOf(new URL('https://outlook.live.com/mail/0/inbox/id/AQMkADAwATM0MDAAMS1kZTZk%3D')), 'AQMkADAwATM0MDAAMS1kZTZk=');
    assert.equal(itemIdOf(new URL('https://outlook.live.com/mail/0/inbox')), null);
    assert.equal(itemIdOf(new URL('https://outlook.live.com/mail/0/inbox/id/%3Cscript%3E0123456789abcdef')), null);
    assert.equal(serviceUrl(new URL('https://outlook.live.com/mail/1/inbox')), 'https://outlook.live.com/owa/1/service.svc?action=GetItem&app=Mail');
    assert.equal(serviceUrl(new URL('https://outlook.office.com/mail/inbox')), 'https://outlook.office.com/owa/service.svc?action=GetItem&app=Mail');
  });
  test('addresses are read from OWA\'s "From:"/"Von:" labels', () => {
    assert.equal(addressIn('From: Alice Example <alice@example.test>'), 'alice@example.test');
    assert.equal(addressIn('Von: bob@example.test'), 'bob@example.test');
    assert.equal(addressIn('Alice Example'), null);
  });
});

describe('health', () => {
  test('unhealthy while loading (no main region), healthy on every built view of both variants', () => {
    for (const v of both) assert.deepEqual(outlookHealth(fixture(`${v}-loading.html`)), { ok: false, missing: ['div[role="main"]'] });
    for (const f of fixtures.filter((x) => !x.name.endsWith('loading.html'))) assert.deepEqual(outlookHealth(loadFixture(f)), { ok: true }, f.name);
  });
  test('renamed generated classes: still healthy, panes found with sender and subject', () => {
    for (const v of both) {
      const doc = renameClasses(fixture(`${v}-conversation.html`));
      assert.deepEqual(outlookHealth(doc), { ok: true });
      const panes = createOutlookAdapter().readPanes(doc);
      assert.deepEqual(panes.map((p) => [p.senderEmail, p.subject]), [['alice@example.test', 'Befund'], ['bob@example.test', 'Befund']]);
      assert.equal(createOutlookAdapter().composePanes(renameClasses(fixture(`${v}-compose.html`))).length, 1);
    }
  });
  test('renamed body and subject ids on an open message: unhealthy, naming them', () => {
    const doc = renameIds(renameIds(fixture('office-conversation.html'), /^UniqueMessageBody/, 'MessageBodyRegion'), /_SUBJECT$/, '_TITLE');
    assert.deepEqual(outlookHealth(doc), { ok: false, missing: ['[role="heading"][id^="CONV_"][id$="_SUBJECT"]', 'div[id^="UniqueMessageBody"][role="document"]'] });
  });
  test('a message whose sender line lost its hook: unhealthy', () => {
    const doc = renameIds(fixture('live-conversation.html'), /_FROM$/, '_SENDER');
    assert.deepEqual(outlookHealth(doc), { ok: false, missing: ['[id^="MSG_"][id$="_FROM"]'] });
  });
  test('a compose editor whose form lost its To well: unhealthy', () => {
    const doc = fixture('live-compose.html');
    doc.querySelector('[aria-label="To"]')?.setAttribute('aria-label', 'À');
    assert.deepEqual(outlookHealth(doc), { ok: false, missing: ['div[contenteditable="true"][aria-label="To"], div[contenteditable="true"][aria-label="An"]'] });
  });
  test('a compose form whose editor has a label the adapter does not know (French): unhealthy, so generic mode takes it', () => {
    for (const v of both) {
      const doc = fixture(`${v}-compose.html`);
      assert.deepEqual(outlookHealth(doc), { ok: true });
      doc.querySelector('[aria-label^="Message body"]')!.setAttribute('aria-label', 'Corps du message, appuyez sur Alt+F10 pour quitter');
      assert.equal(createOutlookAdapter().composePanes(doc).length, 0);
      assert.deepEqual(outlookHealth(doc), { ok: false, missing: ['div[contenteditable="true"][role="textbox"][aria-label^="Message body"], div[contenteditable="true"][role="textbox"][aria-label^="Nachrichtentext"]'] });
    }
  });
});

describe('read panes', () => {
  test('a conversation: one pane per message body, sender, subject, a reply opener, no raw source for several', () => {
    for (const v of both) {
      const panes = createOutlookAdapter().readPanes(fixture(`${v}-conversation.html`));
      assert.equal(panes.length, 2);
      assert.equal(panes[0]!.senderEmail, 'alice@example.test');
      assert.equal(panes[0]!.subject, 'Befund');
      assert.match(panes[0]!.container.textContent ?? '', /^-----BEGIN PGP MESSAGE-----/);
      assert.equal(typeof panes[0]!.openReply, 'function');
      assert.equal(panes[0]!.fetchRawSource, null, 'the URL does not say which of two messages it names');
    }
  });
  test('PGP/MIME as OWA lists it makes a raw-reading pane', () => {
    const [pane] = createOutlookAdapter().readPanes(fixture('live-message-pgp-mime.html'));
    assert.deepEqual(pane!.attachments, [{ name: 'PGP/MIME version identification', mimeType: '' }, { name: 'OpenPGP encrypted message.asc', mimeType: '' }]);
    assert.equal(needsRawReading(pane!.attachments!), true);
  });
  test('without the canary cookie (a token-only OWA) there is no raw source', () => {
    const [pane] = createOutlookAdapter().readPanes(fixture('live-message-pgp-mime.html'));
    assert.equal(pane!.fetchRawSource, null);
  });
  test('with the canary cookie: GetItem with IncludeMimeContent from the page\'s origin, the canary as header; a login page is refused', async () => {
    const doc = fixture('office-message-pgp-mime.html');
    doc.cookie = 'X-OWA-CANARY=canary123';
    const id = itemIdOf(new URL(doc.URL))!;
    const eml = new TextEncoder().encode('From: a@x\r\n\r\nbody\r\n');
    const good = fakeFetch(() => new Response(JSON.stringify(getItemAnswer(eml)), { headers: { 'content-type': 'application/json; charset=utf-8' } }));
    const [pane] = createOutlookAdapter(good.fetchImpl).readPanes(doc);
    assert.deepEqual(await pane!.fetchRawSource!(), eml);
    assert.equal(good.calls[0]!.url, 'https://outlook.office.com/owa/service.svc?action=GetItem&app=Mail');
    const init = good.calls[0]!.init!;
    assert.equal((init.headers as Record<string, string>)['x-owa-canary'], 'canary123');
    assert.equal(init.redirect, 'error');
    const sent = JSON.parse(String(init.body)) as { Body: { ItemShape: { IncludeMimeContent: boolean }; ItemIds: { Id: string }[] } };
    assert.equal(sent.Body.ItemShape.IncludeMimeContent, true);
    assert.equal(sent.Body.ItemIds[0]!.Id, id);
    const login = fakeFetch(() => new Response('<p>Login Timeout</p>', { status: 440, headers: { 'content-type': 'text/html' } }));
    const [pane2] = createOutlookAdapter(login.fetchImpl).readPanes(doc);
    await assert.rejects(pane2!.fetchRawSource!(), /Outlook refused the message source \(HTTP 440/);
  });
  test('a GetItem error answer is a clear error, not empty bytes', () => {
    assert.throws(() => mimeFromGetItem({ Body: { ResponseMessages: { Items: [{ ResponseClass: 'Error' }] } } }), /no message source/);
    assert.throws(() => mimeFromGetItem(null), /no message source/);
  });
});

describe('compose panes', () => {
  test('a new message: To and Cc from the persona chips, the subject (both variants\' labels)', () => {
    for (const v of both) {
      const panes = createOutlookAdapter().composePanes(fixture(`${v}-compose.html`));
      assert.equal(panes.length, 1, v);
      assert.deepEqual(panes[0]!.getRecipients(), { to: ['alice@example.test', 'carol@example.test'], cc: ['dave@example.test'], bcc: [] });
      assert.equal(panes[0]!.getSubject(), 'Termin');
      assert.notEqual(panes[0]!.attach, null, 'its file input is the upload');
    }
  });
  test('text typed into a well but not yet a chip counts', () => {
    const doc = fixture('office-compose.html');
    doc.querySelector('[aria-label="Bcc"]')!.append(doc.createTextNode('Erin <erin@example.test>'));
    const [pane] = createOutlookAdapter().composePanes(doc);
    assert.deepEqual(pane!.getRecipients().bcc, ['erin@example.test']);
  });
  test('an inline reply: its own pane next to the conversation, To prefilled, no subject box', () => {
    const panes = createOutlookAdapter().composePanes(fixture('live-conversation-reply.html'));
    assert.equal(panes.length, 1);
    assert.deepEqual(panes[0]!.getRecipients().to, ['alice@example.test']);
    assert.equal(panes[0]!.getSubject(), null);
  });
  test('recipients are written by typing into the well and pressing Enter, each once, none already in another field', () => {
    const doc = fixture('office-compose.html');
    doc.querySelector('[aria-label="Bcc"]')!.append(doc.createTextNode('erin@example.test'));
    const [pane] = createOutlookAdapter().composePanes(doc);
    const cc = doc.querySelector<HTMLElement>('[aria-label="Cc"]')!;
    const keys: string[] = [];
    cc.addEventListener('keydown', (e) => keys.push((e as KeyboardEvent).key));
    // The editor shows Bcc under Cc: erin comes back as Cc and must stay in Bcc only.
    pane!.setRecipients!({ to: ['alice@example.test'], cc: ['dave@example.test', 'erin@example.test', 'frank@example.test', 'frank@example.test'] });
    assert.deepEqual(keys, ['Enter'], 'only the one missing address is typed');
    assert.deepEqual(pane!.getRecipients(), { to: ['alice@example.test', 'carol@example.test'], cc: ['dave@example.test', 'frank@example.test'], bcc: ['erin@example.test'] });
  });
  test('writing a recipient focuses the well without scrolling the page, and leaves it', () => {
    const doc = fixture('office-compose.html');
    const [pane] = createOutlookAdapter().composePanes(doc);
    const cc = doc.querySelector<HTMLElement>('[aria-label="Cc"]')!;
    const focused: (FocusOptions | undefined)[] = [];
    const focus = cc.focus.bind(cc);
    cc.focus = (opts?: FocusOptions) => { focused.push(opts); focus(opts); };
    pane!.setRecipients!({ to: [], cc: ['zoe@example.test'] });
    assert.deepEqual(focused, [{ preventScroll: true }]);
    assert.notEqual(doc.activeElement, cc);
    assert.match(cc.textContent ?? '', /zoe@example\.test/);
  });
  test('German labels (An, Nachrichtentext, Betreff) are recognised', () => {
    const doc = fixture('office-compose.html');
    doc.querySelector('[aria-label="To"]')!.setAttribute('aria-label', 'An');
    doc.querySelector('[aria-label="Subject"]')!.setAttribute('aria-label', 'Betreff');
    doc.querySelector('[aria-label^="Message body"]')!.setAttribute('aria-label', 'Nachrichtentext, drücken Sie ALT+F10 zum Beenden');
    const [pane] = createOutlookAdapter().composePanes(doc);
    assert.deepEqual(pane!.getRecipients().to, ['alice@example.test', 'carol@example.test']);
    assert.equal(pane!.getSubject(), 'Termin');
  });
});
