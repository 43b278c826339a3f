/**
 * The SOGo adapter on DOM fixtures captured from the rig's real SOGo 5.8 (fixtures/sogo, made by
 * e2e/sogo/capture-fixtures.ts), in happy-dom: probe, health (also with SOGo's layout classes renamed,
 * which must not matter, and with a model binding renamed, which must), read panes with sender, subject,
 * listed parts and the export route, and compose panes with recipients from SOGo's chips.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeFixtureBrowser, loadFixture, siteFixtures } from '../../testing/site-fixtures';
import { needsRawReading } from '../raw-message';
import { addressesIn, createSogoAdapter, writeRecipients, decodeViewSource, folderId, messageRefOf, rawSourceUrl, shownAttachmentsOf, SourceError, sogoHealth, sogoProbe, xsrfTokenOf } from './sogo';

after(() => closeFixtureBrowser());

const fixtures = siteFixtures('sogo');
function fixture(name: string): Document {
  const f = fixtures.find((x) => x.name === name);
  assert.ok(f, name);
  return loadFixture(f);
}

/** A restyled SOGo: every class renamed (the adapter must not depend on layout classes it does not name). */
function renameLayoutClasses(doc: Document): Document {
  const kept = new Set(['msg-body', 'mailer_mailcontent', 'msg-attachment-link', 'sg-attachment-name', 'cke_wysiwyg_frame', 'ng-hide']);
  for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].map((c) => (kept.has(c) ? c : `z${c}9`)).join(' '));
  return doc;
}

function replaceAttribute(doc: Document, q: string, name: string, value: string): Document {
  for (const el of doc.querySelectorAll(q)) el.setAttribute(name, value);
  return doc;
}

type Call = { url: string; init: RequestInit | undefined };
function fakeFetch(response: () => Response) {
  const calls: Call[] = [];
  return { calls, fetchImpl: async (url: string, init?: RequestInit) => { calls.push({ url, init }); return response(); } };
}

describe('probe', () => {
  test('matches SOGo\'s mail module paths on any host', () => {
    assert.equal(sogoProbe.matches(new URL('https://groupware.example.org/SOGo/so/alice/Mail/view#!/Mail/0/INBOX')), true);
    assert.equal(sogoProbe.matches(new URL('http://127.0.0.1:8090/SOGo/so/bob@example.test/Mail/')), true);
    assert.equal(sogoProbe.matches(new URL('https://groupware.example.org/SOGo/so/alice/Calendar/view')), false);
    assert.equal(sogoProbe.matches(new URL('https://mail.example.org/?_task=mail')), false);
    assert.equal(sogoProbe.matches(new URL('https://mail.example.org/also/so/x/Mailbox')), false);
  });
  test('claims every captured SOGo mail page; not without SOGo\'s page meta', () => {
    for (const f of fixtures) assert.equal(sogoProbe.detect(loadFixture(f)), true, f.name);
    const doc = fixture('message.html');
    for (const el of doc.querySelectorAll('meta[name="description"]')) el.remove();
    assert.equal(sogoProbe.detect(doc), false);
  });
});

describe('routes', () => {
  test('the open message from the route; folder ids as SOGo makes them', () => {
    assert.deepEqual(messageRefOf('http://h/SOGo/so/alice/Mail/view#!/Mail/0/INBOX/79'), { account: '0', folder: 'folderINBOX', uid: '79' });
    assert.deepEqual(messageRefOf('http://h/SOGo/so/alice/Mail/view#!/Mail/1/INBOX%252FWork%2520Stuff/5'), { account: '1', folder: 'folderINBOX/folderWork_SP_Stuff', uid: '5' });
    assert.equal(messageRefOf('http://h/SOGo/so/alice/Mail/view#!/Mail/0/INBOX'), null);
    assert.equal(folderId('a.b_c'), 'foldera_D_b_U_c');
    assert.equal(folderId('2026'), 'folder_2026');
    assert.equal(rawSourceUrl('https://h.example/SOGo/so/alice/Mail/view#!/Mail/0/Sent/12'), 'https://h.example/SOGo/so/alice/Mail/0/folderSent/12/viewsource');
    assert.equal(rawSourceUrl('https://h.example/SOGo/so/alice/Mail/view#!/Mail/0/Sent'), null);
  });
  test('the XSRF token from the cookie, shape-checked', () => {
    const doc = fixture('message.html');
    assert.equal(xsrfTokenOf(doc), null);
    doc.cookie = 'XSRF-TOKEN=12974e1f2c43f9096a6c37b392bd2d859ca3ad42';
    assert.equal(xsrfTokenOf(doc), '12974e1f2c43f9096a6c37b392bd2d859ca3ad42');
  });
});

describe('health', () => {
  test('healthy on every captured page, with SOGo\'s classes renamed too', () => {
    for (const f of fixtures) {
      assert.deepEqual(sogoHealth(loadFixture(f)), { ok: true }, f.name);
      assert.deepEqual(sogoHealth(renameLayoutClasses(loadFixture(f))), { ok: true }, `${f.name} renamed`);
    }
  });
  test('a changed binding fails it: the subject and sender of an open message, the To chips of a compose form', () => {
    const viewDoc = replaceAttribute(fixture('message.html'), 'h5[ng-bind="viewer.message.subject"]', 'ng-bind', 'viewer.msg.subject');
    assert.deepEqual(sogoHealth(viewDoc), { ok: false, missing: ['h5[ng-bind="viewer.message.subject"]'] });
    const composeDoc = replaceAttribute(fixture('compose-html.html'), 'md-chips[ng-model="editor.message.editable.to"]', 'ng-model', 'editor.to');
    assert.deepEqual(sogoHealth(composeDoc), { ok: false, missing: ['md-chips[ng-model="editor.message.editable.to"]'] });
  });
});

describe('read panes', () => {
  test('the open message: its body, sender, subject, listed parts and reply', () => {
    const panes = createSogoAdapter().readPanes(fixture('message.html'));
    assert.equal(panes.length, 1);
    const [pane] = panes;
    assert.ok(pane!.container.matches('.msg-body'));
    assert.equal(pane!.senderEmail, 'bob@example.test');
    assert.match(pane!.subject ?? '', /^Fixture: encrypted note /);
    assert.deepEqual(pane!.attachments, [{ name: 'notes.pgp', mimeType: '' }]);
    assert.equal(typeof pane!.openReply, 'function');
    assert.equal(needsRawReading(pane!.attachments!), true, 'a .pgp file: read from the raw source');
  });
  test('renamed layout classes change nothing', () => {
    const [pane] = createSogoAdapter().readPanes(renameLayoutClasses(fixture('message.html')));
    assert.equal(pane?.senderEmail, 'bob@example.test');
  });
  test('no read pane on the mailbox list or in a compose dialog over it', () => {
    assert.deepEqual(createSogoAdapter().readPanes(fixture('mailbox.html')), []);
  });
  test('what SOGo shows of PGP/MIME and S/MIME mail says to read the raw source', () => {
    const kinds: [string, string[]][] = [
      ['message-pgpmime-encrypted.html', ['multipart/encrypted']],
      ['message-pgpmime-signed.html', ['', 'multipart/signed']],
      ['message-smime-opaque-signed.html', ['multipart/signed']],
      ['message-smime-detached-signed.html', ['', 'multipart/signed']],
      ['message-smime-encrypted.html', ['']],
    ];
    for (const [name, types] of kinds) {
      const [pane] = createSogoAdapter().readPanes(fixture(name));
      assert.ok(pane, name);
      assert.deepEqual(pane.attachments!.map((a) => a.mimeType), types, name);
      assert.equal(needsRawReading(pane.attachments!), true, name);
      assert.equal(pane.senderEmail, 'bob@example.test', name);
    }
    const view = fixture('message-smime-encrypted.html').querySelector('#detailView')!;
    assert.deepEqual(shownAttachmentsOf(view), [{ name: 'smime.p7m', mimeType: '' }]);
  });
  test('a plain message SOGo shows as text needs no raw reading', () => {
    const doc = fixture('message-smime-opaque-signed.html');
    doc.querySelector('sg-block-toggle[ng-show="viewer.message.signed"]')!.classList.add('ng-hide');
    const [pane] = createSogoAdapter().readPanes(doc);
    assert.deepEqual(pane!.attachments, []);
    assert.equal(needsRawReading(pane!.attachments!), false);
  });
  test('SOGo\'s escaped message source back to the IMAP bytes: entities byte by byte, LF to CRLF', () => {
    // As SOGo 5.8 answered for a mail with "Röntgen" in 8-bit UTF-8 (checked against Dovecot's bytes).
    const source = 'From: Bob &lt;bob@example.test&gt;\nSubject: x\n\nR&#195;&#182;ntgen &amp; &quot;ok&quot; &#38;#1;\r\n';
    const want = Buffer.from('From: Bob <bob@example.test>\r\nSubject: x\r\n\r\nRöntgen & "ok" &#1;\r\n', 'utf8');
    assert.deepEqual(Buffer.from(decodeViewSource(source)), want);
    assert.throws(() => decodeViewSource('a & b'), SourceError);
    assert.throws(() => decodeViewSource('R\u00f6ntgen'), /unescaped non-ASCII/);
    assert.throws(() => decodeViewSource('&#300;'), /above one byte/);
  });
  test('the raw source: POST to SOGo\'s viewsource route with the XSRF header; only its plain-text answer is the message', async () => {
    const doc = fixture('message.html');
    doc.cookie = 'XSRF-TOKEN=12974e1f2c43f9096a6c37b392bd2d859ca3ad42';
    const ok = fakeFetch(() => new Response('From: bob@example.test\n\nhello &amp; bye\n', { headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    const [pane] = createSogoAdapter(ok.fetchImpl).readPanes(doc);
    const bytes = await pane!.fetchRawSource!();
    assert.equal(new TextDecoder().decode(bytes), 'From: bob@example.test\r\n\r\nhello & bye\r\n');
    const uid = /\/(\d+)$/.exec(new URL(doc.URL).hash)![1];
    assert.equal(ok.calls[0]!.url, `http://127.0.0.1:8090/SOGo/so/alice/Mail/0/folderINBOX/${uid}/viewsource`);
    assert.equal(ok.calls[0]!.init?.method, 'POST');
    assert.deepEqual(ok.calls[0]!.init?.headers, { 'X-XSRF-TOKEN': '12974e1f2c43f9096a6c37b392bd2d859ca3ad42' });
    const login = fakeFetch(() => new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const [again] = createSogoAdapter(login.fetchImpl).readPanes(doc);
    await assert.rejects(again!.fetchRawSource!(), /SOGo refused the message source \(HTTP 200, text\/html\)/);
    doc.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    await assert.rejects(again!.fetchRawSource!(), /XSRF token not found/);
  });
});

describe('compose panes', () => {
  for (const [name, editorTag] of [['compose-html.html', 'SG-CKEDITOR'], ['compose-text.html', 'TEXTAREA']] as const) {
    test(`${name}: recipients from SOGo's chips, the subject, its upload`, () => {
      const panes = createSogoAdapter().composePanes(fixture(name));
      assert.equal(panes.length, 1);
      const [pane] = panes;
      assert.equal(pane!.editor.tagName, editorTag);
      assert.deepEqual(pane!.getRecipients(), { to: ['bob@example.test', 'carol@example.test'], cc: [], bcc: [] });
      assert.equal(pane!.getSubject(), 'Fixture subject');
      assert.equal(typeof pane!.attach, 'function');
    });
  }
  test('typed text not yet a chip counts; a named chip gives its address', () => {
    const doc = fixture('compose-text.html');
    const cc = doc.querySelector('md-chips[ng-model="editor.message.editable.cc"] input') as HTMLInputElement;
    cc.value = 'Dora <dora@example.test>';
    const [pane] = createSogoAdapter().composePanes(doc);
    assert.deepEqual(pane!.getRecipients().cc, ['dora@example.test']);
    assert.deepEqual(addressesIn('"Doe, J" <j@x.test>, k@y.test; nobody'), ['j@x.test', 'k@y.test']);
  });
  test('recipients written back: only addresses in none of the fields, typed into the field\'s chip input, then blurred', () => {
    const doc = fixture('compose-text.html');
    const form = doc.querySelector('form[name="messageForm"]')!;
    const typed: string[] = [];
    let blurs = 0;
    const cc = form.querySelector<HTMLInputElement>('md-chips[ng-model="editor.message.editable.cc"] input')!;
    cc.addEventListener('input', () => typed.push(cc.value));
    cc.addEventListener('blur', () => blurs++);
    const to = form.querySelector<HTMLInputElement>('md-chips[ng-model="editor.message.editable.to"] input')!;
    to.addEventListener('input', () => typed.push(`to:${to.value}`));
    writeRecipients(form, { to: ['bob@example.test'], cc: ['Carol@example.test', 'dora@example.test', 'not an address'] });
    assert.deepEqual(typed, ['dora@example.test'], 'Bob and Carol already have chips');
    assert.equal(blurs, 1);
  });
  test('the plain-text editor gets the text through its value setter and input event', () => {
    const doc = fixture('compose-text.html');
    const [pane] = createSogoAdapter().composePanes(doc);
    let inputs = 0;
    pane!.editor.addEventListener('input', () => inputs++);
    pane!.setBody('-----BEGIN PGP MESSAGE-----\n\nabc\n-----END PGP MESSAGE-----');
    assert.equal((pane!.editor as HTMLTextAreaElement).value, '-----BEGIN PGP MESSAGE-----\n\nabc\n-----END PGP MESSAGE-----');
    assert.equal(inputs, 1);
    pane!.setSubject!('...');
    assert.equal(pane!.getSubject(), '...');
  });
  test('no compose pane without SOGo\'s compose form, and none on the message view', () => {
    assert.deepEqual(createSogoAdapter().composePanes(fixture('message.html')), []);
    const doc = replaceAttribute(fixture('compose-text.html'), 'form[name="messageForm"]', 'name', 'other');
    assert.deepEqual(createSogoAdapter().composePanes(doc), []);
  });
});
