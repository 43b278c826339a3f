/**
 * Generic mode with a rich editor that keeps its text in a frame, as CKEditor (SOGo's default editor) and
 * TinyMCE do: an about:blank iframe whose document the page writes after the frame was added, with its
 * body contenteditable, and the page's source textarea hidden. The Secure control goes before the frame,
 * and the armored text lands in the frame's body as one <pre> by an editing command the page hears.
 */
import { expect, test } from '../support/fixtures';
import { answerPromptIfAsked } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { alice, enable, setUpProfile } from '../support/identities';

const page = `<!doctype html><html><head><title>Rich mail</title></head><body><main>
<form id="compose" aria-label="Compose">
  <label>To <input name="to" type="text" value="alice@example.test"></label>
  <label>Subject <input name="subject" type="text" value="Framed"></label>
  <textarea id="source" style="display:none"></textarea>
  <div id="holder" style="width:700px;height:300px"></div>
</form>
<script>
  // Like CKEditor: the frame first, its editable document written a moment later; the page copies what
  // the user (or an editing command) puts there into its model on input events.
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:100%;height:100%;border:1px solid #999';
  document.getElementById('holder').append(frame);
  setTimeout(() => {
    const d = frame.contentDocument;
    d.open();
    d.write('<!doctype html><html><body contenteditable="true"><p>Hello</p></body></html>');
    d.close();
    d.body.addEventListener('input', () => { document.getElementById('source').value = d.body.innerHTML; });
  }, 400);
</script></main></body></html>`;

test('an editor in a same-origin frame gets the Secure control; the ciphertext goes into its body as <pre>, and the page hears it', async ({ context, server }) => {
  const a = await setUpProfile(context, alice);
  await enable(a, server.origin);
  server.page('/rich-frame.html', page);
  const tab = await context.newPage();
  await tab.setViewportSize({ width: 1200, height: 900 });
  await tab.goto(server.url('/rich-frame.html'));
  // Exactly one control, before the frame (the hidden source textarea gets none).
  const secure = tab.locator('#holder > lockpane-secure');
  await expect(secure).toHaveCount(1);
  await expect(tab.locator('lockpane-secure')).toHaveCount(1);
  await secure.click();
  const editor = tab.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue('alice@example.test');
  await editor.getByTestId('editor-body').fill('Framed secret 4711');
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), alice.passphrase);
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  const body = tab.frameLocator('#holder > iframe:not([src])').locator('body');
  await expect(body.locator('pre')).toContainText('-----BEGIN PGP MESSAGE-----');
  await expect(body.locator('p')).toHaveCount(0);
  // The armor's blank line survives (a <pre>, not a paragraph per line).
  expect(await body.locator('pre').textContent()).toMatch(/^-----BEGIN PGP MESSAGE-----\n\n/);
  await expect(tab.locator('#source')).toHaveValue(/^<pre>-----BEGIN PGP MESSAGE-----/);
  expect(await tab.evaluate(() => document.documentElement.outerHTML + (document.querySelector<HTMLIFrameElement>('#holder > iframe:not([src])')!.contentDocument!.documentElement.outerHTML))).not.toContain('Framed secret 4711');
});
