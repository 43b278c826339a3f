// A replica of the parts of Gmail's DOM and behaviour Lockpane's Gmail adapter relies on (page code, not
// Lockpane; see NOTES.md). It loads its mailbox from ./mailbox.json (written by the spec), builds its UI
// late, switches views by URL hash without loading a document, and rebuilds panes as Gmail does.
// `?replica=classes` renames every generated class; `?replica=hooks` renames the stable data-* hooks, as a
// Gmail redesign might. "Send" posts what the compose form holds to ./send, drafts autosave to ./draft.
/* global document, fetch, location, window, setTimeout, clearTimeout, URL, FileReader */
(() => {
  const mutate = new URL(location.href).searchParams.get('replica') || '';
  const cls = (names) => (mutate === 'classes' ? names.split(' ').map((n) => `q${n}x`).join(' ') : names);
  const hook = (name) => (mutate === 'hooks' ? name.replace('message-id', 'msg-key').replace('thread-perm-id', 'conv-key') : name);
  let mailbox = { threads: [] };
  let main = null;
  let composeCount = 0;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = cls(v);
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  }

  function decimalId(hex) {
    return BigInt(`0x${hex}`).toString(10);
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  // --- read: list and conversation views ---------------------------------------------------------------
  function showList() {
    const rows = mailbox.threads.map((t) => {
      const row = el('tr', { class: 'zA row', role: 'row', 'data-legacy-thread-id': t.legacyId },
        el('td', { class: 'yX', text: t.messages[0].from.name }), el('td', { class: 'y6', text: t.subject }));
      row.addEventListener('click', () => { location.hash = `#inbox/${t.id}`; });
      return row;
    });
    main.replaceChildren(el('table', { class: 'F cf', role: 'grid' }, el('tbody', {}, ...rows)));
  }

  function attachmentChip(a, legacyId) {
    return el('span', { class: 'aZo att', download_url: `${a.type}:${a.name}:https://mail.google.com/mail/u/0/?ui=2&view=att&th=${legacyId}&disp=safe`, text: a.name });
  }

  function messageView(t, m) {
    const reply = el('div', { class: 'T-I J-J5-Ji btn', role: 'button', 'aria-label': 'Reply', 'data-tooltip': 'Reply', text: 'Reply' });
    reply.addEventListener('click', () => openInlineReply(t, m, reply.closest(`[${hook('data-message-id')}]`)));
    const header = el('div', { class: 'gE iv gt hdr' },
      el('h3', { class: 'iw' }, el('span', { class: 'gD', email: m.from.email, name: m.from.name, 'data-hovercard-id': m.from.email, text: m.from.name })),
      el('span', { class: 'go', text: `<${m.from.email}>` }), reply);
    const body = el('div', { class: 'ii gt' }, el('div', { class: 'a3s aiL body', text: m.body }));
    const files = el('div', { class: 'hq gt' }, ...(m.attachments || []).map((a) => attachmentChip(a, m.legacyId)));
    return el('div', { class: 'adn ads msg', [hook('data-message-id')]: `#msg-f:${decimalId(m.legacyId)}`, [hook('data-legacy-message-id')]: m.legacyId },
      el('div', { class: 'gs' }, header, body, files));
  }

  function showConversation(id) {
    const t = mailbox.threads.find((x) => x.id === id);
    main.replaceChildren(el('div', { class: 'nH', text: 'Loading…' }));
    if (!t) return;
    // Built lazily, a moment after the URL changed (Gmail fetches the thread first).
    setTimeout(() => {
      if (location.hash !== `#inbox/${id}`) return;
      const subject = el('h2', { class: 'hP', [hook('data-thread-perm-id')]: `thread-f:${decimalId(t.legacyId)}`, [hook('data-legacy-thread-id')]: t.legacyId, text: t.subject });
      const back = el('div', { class: 'btn', role: 'button', 'aria-label': 'Back to Inbox', text: '← Inbox' });
      back.addEventListener('click', () => { location.hash = '#inbox'; });
      main.replaceChildren(el('div', { class: 'nH' }, back, subject, ...t.messages.map((m) => messageView(t, m))));
    }, 120);
  }

  function route() {
    const m = /^#inbox\/([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (m) showConversation(m[1]);
    else showList();
  }

  // --- compose: new message dialogs and inline replies ------------------------------------------------
  function recipientField(name, label, initial) {
    const row = el('div', { class: 'aoD field' });
    const input = el('textarea', { name, class: 'vO', 'aria-label': label, rows: '1' });
    const chip = (text) => {
      const addr = (/<([^<>]+)>/.exec(text) || [null, text])[1].trim();
      if (!/^[^\s@]+@[^\s@]+$/.test(addr)) return;
      row.insertBefore(el('div', { class: 'vR chip' },
        el('span', { class: 'vN', email: addr, 'data-hovercard-id': addr, text: addr }),
        el('input', { type: 'hidden', name, value: addr })), input);
    };
    // Typing a separator or leaving the field turns the text into a chip, as Gmail does.
    const commit = () => {
      for (const part of input.value.split(/[,;]/)) if (part.trim()) chip(part.trim());
      input.value = '';
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
        e.preventDefault();
        commit();
      }
    });
    input.addEventListener('blur', commit);
    row.append(el('span', { class: 'aB', text: label.replace(' recipients', '') }), input);
    for (const a of initial || []) chip(a);
    return row;
  }

  function composeForm(opts) {
    composeCount += 1;
    const id = `c${composeCount}`;
    const editor = el('div', {
      class: 'Am Al editable', contenteditable: 'true', role: 'textbox', 'aria-label': 'Message Body', 'aria-multiline': 'true', g_editable: 'true', tabindex: '1',
    });
    // Gmail rewrites its editor's content as it goes: bare text lines become one <div> each.
    let draftTimer = null;
    editor.addEventListener('input', () => {
      const loose = [...editor.childNodes].filter((n) => n.nodeType === 3 || (n.nodeType === 1 && n.tagName === 'BR'));
      if (loose.length > 0) {
        const lines = editor.innerText.split('\n');
        editor.replaceChildren(...lines.map((line) => el('div', {}, line ? document.createTextNode(line) : el('br'))));
      }
      clearTimeout(draftTimer);
      draftTimer = setTimeout(() => void post('draft', { composeId: id, body: editor.innerText }), 300);
    });
    const subject = el('input', { name: 'subjectbox', class: 'aoT', placeholder: 'Subject', 'aria-label': 'Subject', value: opts.subject || '' });
    if (opts.inline) subject.type = 'hidden';
    const upload = el('input', { type: 'file', name: 'Filedata', multiple: 'true', style: 'display:none' });
    const files = el('div', { class: 'GM' });
    upload.addEventListener('change', () => {
      for (const f of [...upload.files]) {
        const progress = el('div', { role: 'progressbar', 'aria-label': `Uploading ${f.name}`, text: `Uploading ${f.name}…` });
        files.append(progress);
        // The file is uploaded (its bytes posted to ./upload); once done it is listed with its download_url.
        const reader = new FileReader();
        reader.onload = () => {
          const data = String(reader.result).replace(/^data:[^,]*,/, '');
          void post('upload', { composeId: id, name: f.name, type: f.type, data }).then(() => {
            progress.replaceWith(el('span', { class: 'dL att', download_url: `${f.type || 'application/octet-stream'}:${f.name}:blob:${id}`, text: `${f.name} (${f.size} B)` }));
          });
        };
        reader.readAsDataURL(f);
      }
      upload.value = '';
    });
    const attachBtn = el('div', { class: 'a1 btn', role: 'button', 'aria-label': 'Attach files', text: 'Attach' });
    attachBtn.addEventListener('click', () => upload.click());
    const send = el('div', { class: 'T-I aoO btn', role: 'button', 'aria-label': 'Send ‪(Ctrl-Enter)‬', 'data-tooltip': 'Send ‪(Ctrl-Enter)‬', text: 'Send' });
    const form = el('form', { class: 'bAs', method: 'POST', enctype: 'multipart/form-data' },
      el('input', { type: 'hidden', name: 'composeid', value: id }),
      recipientField('to', 'To recipients', opts.to), recipientField('cc', 'Cc recipients'), recipientField('bcc', 'Bcc recipients'),
      subject, upload);
    const box = el('div', { class: opts.inline ? 'M9 compose' : 'AD compose', ...(opts.inline ? {} : { role: 'dialog', 'aria-label': 'New Message' }) },
      form, el('div', { class: 'Ar Au' }, el('div', { class: 'Ap' }, editor)), files, el('div', { class: 'btC' }, send, attachBtn));
    send.addEventListener('click', () => {
      const field = (name) => [...form.querySelectorAll(`input[type="hidden"][name="${name}"]`)].map((i) => i.value);
      const attachments = [...files.querySelectorAll('[download_url]')].map((a) => a.getAttribute('download_url').split(':')[1]);
      void post('send', { to: field('to'), cc: field('cc'), bcc: field('bcc'), subject: subject.value, body: editor.innerText, attachments }).then(() => {
        box.remove();
      });
    });
    return box;
  }

  function openCompose() {
    const dialogs = document.getElementById('compose-windows');
    // Built a moment after the click, as Gmail does.
    setTimeout(() => dialogs.append(composeForm({})), 80);
  }

  function openInlineReply(t, m, messageEl) {
    if (!messageEl) return;
    setTimeout(() => messageEl.after(composeForm({ inline: true, to: [m.from.email], subject: `Re: ${t.subject}` })), 80);
  }

  // --- start: the app shell is built after the document loaded ---------------------------------------
  async function start() {
    mailbox = await (await fetch('mailbox.json', { cache: 'no-store' })).json();
    const composeBtn = el('div', { class: 'T-I T-I-KE btn', role: 'button', 'aria-label': 'Compose', text: 'Compose' });
    composeBtn.addEventListener('click', openCompose);
    main = el('div', { class: 'AO main', role: 'main' });
    document.getElementById('loading').remove();
    document.body.append(el('div', { class: 'nH shell' },
      el('div', { class: 'aeN nav', role: 'navigation' }, composeBtn), main), el('div', { id: 'compose-windows', class: 'dw' }));
    document.title = 'Inbox - bob@example.test - Gmail';
    window.addEventListener('hashchange', route);
    route();
  }
  setTimeout(() => void start(), 200);
})();
