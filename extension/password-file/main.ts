/**
 * The self-contained password-mail file (issue #22). Opened from disk in any current browser, it reads the
 * armored message and the sender description from its own inert data blocks, asks for the password, and
 * decrypts locally with keyring/password-mail. Nothing is shown unless the whole message authenticated; the
 * reply is encrypted to the sender key found inside the message. The CSP in the file allows no network.
 */
import { encryptReply, openPasswordMessage, PasswordMailError, type Payload, type PasswordFailure } from '../../keyring/password-mail';
import { messageElementId, metaElementId, type PasswordFileMeta } from '../../keyring/password-mail/html-file';
import { readKey } from '../../keyring/pgp/key-read';
import { h, present, saveBytes } from './dom';
import { pickLang, texts, type Texts } from './texts';

function readMeta(): PasswordFileMeta | null {
  try {
    const raw: unknown = JSON.parse(document.getElementById(metaElementId)?.textContent ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const m = raw as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return { from: str(m['from']), fingerprint: str(m['fingerprint']), senderKey: str(m['senderKey']), lang: m['lang'] === 'de' ? 'de' : 'en' };
  } catch {
    return null;
  }
}

function groupFingerprint(fp: string): string {
  return fp.toUpperCase().replace(/(.{4})/g, '$1 ').trim();
}

function failureText(t: Texts, f: PasswordFailure): string {
  return f === 'wrong-password' ? t.wrongPassword : f === 'tampered' ? t.tampered : t.wrongOrTampered;
}

async function innerKeyMatches(payload: Payload, meta: PasswordFileMeta): Promise<boolean> {
  if (!payload.senderKey) return meta.fingerprint === null;
  const key = await readKey(payload.senderKey);
  return meta.fingerprint === null || key.getFingerprint().toUpperCase() === meta.fingerprint.toUpperCase();
}

function showMessage(app: HTMLElement, t: Texts, meta: PasswordFileMeta, payload: Payload): void {
  const list = h('ul', { class: 'files' });
  payload.attachments.forEach((a, i) => {
    const button = h('button', { type: 'button', class: 'secondary', 'data-attachment': String(i), 'aria-label': t.save(a.name) }, t.save(a.name));
    button.addEventListener('click', () => saveBytes(a.name, a.data));
    list.append(h('li', {}, h('span', {}, `${a.name} (${t.bytes(a.data.length)})`), button));
  });
  app.replaceChildren(...present(
    h('h1', { tabindex: '-1', id: 'lp-heading' }, payload.subject || t.title),
    meta.from ? h('p', { class: 'muted' }, `${t.from}: ${meta.from}`) : null,
    h('div', { class: 'card body', id: 'lp-body' }, payload.text),
    payload.attachments.length ? h('section', { 'aria-labelledby': 'lp-files' }, h('h2', { id: 'lp-files' }, t.attachments), list) : null,
    replyForm(t, payload),
  ));
  document.getElementById('lp-heading')?.focus();
}

function replyForm(t: Texts, payload: Payload): HTMLElement {
  const senderKey = payload.senderKey;
  if (!senderKey) return h('p', { class: 'muted' }, t.noReply);
  const input = h('textarea', { id: 'lp-reply', name: 'reply' });
  const status = h('p', { role: 'status', id: 'lp-reply-status' });
  const out = h('div', { id: 'lp-reply-out' });
  const button = h('button', { type: 'submit' }, t.encryptReply);
  const form = h('form', { 'aria-labelledby': 'lp-reply-title' },
    h('h2', { id: 'lp-reply-title' }, t.replyTitle), h('p', { class: 'muted' }, t.replyHelp),
    h('label', { for: 'lp-reply' }, t.replyLabel), input, button, status, out);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (input.value.trim() === '') { status.textContent = t.replyEmpty; input.focus(); return; }
    button.disabled = true;
    status.textContent = t.encrypting;
    encryptReply({ text: input.value, senderKey, replyRef: payload.replyRef }).then((armored) => {
      const area = h('textarea', { id: 'lp-reply-armored', class: 'armored', readonly: true, 'aria-label': t.replyOut });
      area.value = armored;
      const copy = h('button', { type: 'button' }, t.copy);
      copy.addEventListener('click', () => {
        area.select();
        void navigator.clipboard?.writeText(armored).then(() => { status.textContent = t.copied; }, () => undefined);
      });
      const save = h('button', { type: 'button', class: 'secondary' }, t.saveReply);
      save.addEventListener('click', () => saveBytes('reply.asc', new TextEncoder().encode(armored)));
      out.replaceChildren(h('label', { for: 'lp-reply-armored' }, t.replyOut), area, copy, save);
      status.textContent = t.replyReady;
    }, (e: unknown) => { status.textContent = t.failed + (e instanceof Error ? e.message : String(e)); })
      .finally(() => { button.disabled = false; });
  });
  return form;
}

function showRefusal(app: HTMLElement, t: Texts, text: string): void {
  app.replaceChildren(h('h1', {}, t.title), h('p', { class: 'error', role: 'alert', id: 'lp-refused' }, text));
}

function main(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const meta = readMeta();
  const t = texts[pickLang(navigator.languages ?? [navigator.language], meta?.lang)];
  document.documentElement.lang = t === texts.de ? 'de' : 'en';
  document.title = t.title;
  const armored = document.getElementById(messageElementId)?.textContent?.trim() ?? '';
  if (!meta || !armored.startsWith('-----BEGIN PGP MESSAGE-----')) { showRefusal(app, t, t.notAFile); return; }
  const input = h('input', { id: 'lp-password', type: 'password', name: 'password', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'lp-error' });
  const status = h('p', { role: 'status', id: 'lp-status' });
  const button = h('button', { type: 'submit' }, t.open);
  const form = h('form', {}, h('label', { for: 'lp-password' }, t.password), input, button, status, error);
  app.replaceChildren(...present(
    h('h1', {}, t.title),
    h('p', {}, meta.from ? t.intro(meta.from) : t.introNoSender),
    h('p', { class: 'muted' }, t.local),
    meta.fingerprint ? h('p', { class: 'muted' }, `${t.senderKey}: `, h('span', { class: 'fpr' }, groupFingerprint(meta.fingerprint))) : null,
    form,
  ));
  input.focus();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    error.textContent = '';
    status.textContent = t.opening;
    openPasswordMessage(armored, input.value).then(async (payload) => {
      if (!(await innerKeyMatches(payload, meta))) { showRefusal(app, t, t.keyMismatch); return; }
      showMessage(app, t, meta, payload);
    }, (e: unknown) => {
      status.textContent = '';
      if (e instanceof PasswordMailError && e.failure === 'tampered') { showRefusal(app, t, t.tampered); return; }
      error.textContent = e instanceof PasswordMailError ? failureText(t, e.failure) : t.failed + (e instanceof Error ? e.message : String(e));
      button.disabled = false;
      input.focus();
      input.select();
    });
  });
}

main();
