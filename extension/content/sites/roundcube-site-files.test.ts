/**
 * Roundcube's own attachments and the PGP/MIME field, on the captured compose pages (elastic and larry):
 * the adapter lists them; after Encrypt a file attached with Roundcube's button blocks Send and Save with
 * a notice (the field would make Roundcube drop it), and nothing else is blocked.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { Browser } from 'happy-dom';
import { createRoundcubeAdapter } from './roundcube';

const fixtures = path.join(__dirname, 'fixtures', 'roundcube');
const composeUrl = 'http://127.0.0.1:8080/?_task=mail&_action=compose&_id=123';
const browser = new Browser({ settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true } } });
after(() => browser.close());

function compose(name: string): Document {
  const page = browser.newPage();
  page.url = composeUrl;
  page.content = fs.readFileSync(path.join(fixtures, name), 'utf8');
  return page.mainFrame.document as unknown as Document;
}

/** The item Roundcube 1.6 (elastic) adds for a finished upload, as captured from the rig. */
function addRoundcubeFile(doc: Document, id: string, name: string): Element {
  const li = doc.createElement('li');
  li.id = id;
  li.className = 'application octet-stream txt';
  const link = doc.createElement('a');
  link.className = 'filename';
  link.href = '#load';
  const label = doc.createElement('span');
  label.className = 'attachment-name';
  label.textContent = name;
  const size = doc.createElement('span');
  size.className = 'attachment-size';
  size.textContent = '(2.9 MB)';
  link.append(label, size);
  const del = doc.createElement('a');
  del.className = 'delete';
  del.setAttribute('aria-label', `Delete ${name}`);
  li.append(link, del);
  doc.querySelector('#attachment-list')!.append(li);
  return li;
}

const settle = () => new Promise((r) => setTimeout(r, 0)); // MutationObserver callbacks
const noticeText = (doc: Document) => doc.querySelector('lockpane-site-files')?.shadowRoot?.querySelector('[role="alert"] p')?.textContent ?? null;

/** Clicks `selector` as the user would; returns whether Roundcube's own handler on it ran. */
function click(doc: Document, selector: string): { reached: boolean; prevented: boolean } {
  const el = doc.querySelector(selector);
  assert.ok(el, `no ${selector}`);
  let reached = false;
  el.addEventListener('click', () => { reached = true; }, { once: true });
  const ev = new (doc.defaultView as unknown as typeof globalThis).MouseEvent('click', { bubbles: true, cancelable: true });
  el.dispatchEvent(ev);
  return { reached, prevented: ev.defaultPrevented };
}

const fieldCount = (doc: Document) => doc.querySelectorAll('form[name="form"] input[name="_pgpmime"]').length;

describe('Roundcube attachments and PGP/MIME', () => {
  test('siteFiles: the names in Roundcube\'s compose list (finished and still uploading), none on an empty form', () => {
    const doc = compose('elastic-compose.html');
    const pane = createRoundcubeAdapter().composePanes(doc)[0]!;
    assert.deepEqual(pane.siteFiles?.(), []);
    addRoundcubeFile(doc, 'rcmfile11796346524020763400', 'befund-klartext.pdf');
    const uploading = doc.createElement('li');
    uploading.id = 'rcmupload1764812345';
    uploading.className = 'uploading';
    uploading.textContent = 'Uploading...';
    doc.querySelector('#attachment-list')!.append(uploading);
    assert.deepEqual(pane.siteFiles?.(), ['befund-klartext.pdf', 'Uploading...']);
  });

  for (const [skin, send, save] of [
    ['elastic-compose.html', '.formbuttons button.send', 'a.save.draft'],
    ['larry-compose.html', 'a.button.send', 'a.savedraft'],
  ] as const) {
    test(`${skin}: a file attached after Encrypt shows the notice at once and blocks Send and Save until it is removed`, async () => {
      const doc = compose(skin);
      // Roundcube enables its buttons once its scripts ran (the capture has them still disabled).
      for (const b of doc.querySelectorAll('[disabled]')) b.removeAttribute('disabled');
      const pane = createRoundcubeAdapter().composePanes(doc)[0]!;
      pane.setBody('This message is encrypted with OpenPGP (PGP/MIME).');
      pane.setPgpMime!('-----BEGIN PGP MESSAGE-----\n\nx\n-----END PGP MESSAGE-----\n');
      // Nothing listed: Send goes through to Roundcube with the field.
      assert.deepEqual(click(doc, send), { reached: true, prevented: false });
      assert.equal(noticeText(doc), null);

      const li = addRoundcubeFile(doc, 'rcmfile1', 'scan.pdf');
      await settle();
      assert.equal(noticeText(doc), 'roundcubeSiteFilesBlocked scan.pdf', 'the notice comes as soon as the file is listed');
      doc.querySelector('lockpane-site-files')!.remove();
      for (const control of [send, save]) {
        assert.deepEqual(click(doc, control), { reached: false, prevented: true }, `${control} must not reach Roundcube`);
        assert.equal(noticeText(doc), 'roundcubeSiteFilesBlocked scan.pdf');
      }
      // Still set: nothing was silently replaced; the user decides (remove the file, or encrypt again).
      assert.equal(fieldCount(doc), 1);
      // Other controls (removing the file, say) are not blocked.
      assert.equal(click(doc, '#compose-subject').reached, true);

      li.remove();
      assert.deepEqual(click(doc, send), { reached: true, prevented: false });
      assert.equal(fieldCount(doc), 1);
    });
  }

  test('without the field (plain or inline mail) Roundcube\'s own attachments never block Send', async () => {
    const doc = compose('elastic-compose.html');
    const pane = createRoundcubeAdapter().composePanes(doc)[0]!;
    pane.setBody('typed by the user');
    pane.setPgpMime!('armor');
    pane.setPgpMime!(null);
    addRoundcubeFile(doc, 'rcmfile2', 'plain.txt');
    await settle();
    assert.equal(noticeText(doc), null);
    assert.deepEqual(click(doc, '.formbuttons button.send'), { reached: true, prevented: false });
  });

  test('a body changed after Encrypt drops the field first, so Send is Roundcube\'s ordinary one again', async () => {
    const doc = compose('elastic-compose.html');
    const pane = createRoundcubeAdapter().composePanes(doc)[0]!;
    pane.setBody('This message is encrypted with OpenPGP (PGP/MIME).');
    pane.setPgpMime!('armor');
    addRoundcubeFile(doc, 'rcmfile3', 'x.pdf');
    const body = doc.querySelector<HTMLTextAreaElement>('#composebody')!;
    body.value = 'something else';
    assert.deepEqual(click(doc, '.formbuttons button.send'), { reached: true, prevented: false });
    assert.equal(fieldCount(doc), 0);
  });
});
