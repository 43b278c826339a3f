// A replica of the parts of Yahoo Mail's DOM and behaviour Lockpane's Yahoo adapter relies on (page code,
// not Lockpane; see NOTES.md). It loads its mailbox from /_replica/mailbox.json (written by the spec),
// builds its views late, moves between the list, conversations and compose with history.pushState (no
// document load), and rebuilds views as Yahoo does. `?replica=classes` renames every generated class,
// `?replica=hooks` renames the data-test-id hooks of messages and editors (a redesign the adapter cannot
// follow), `?replica=de` shows German labels. Send posts what a compose view holds to /_replica/send;
// drafts autosave to /_replica/draft; uploads post the file to /_replica/upload.
/* global document, fetch, location, history, window, setTimeout, clearTimeout, URL, FileReader */
(() => {
  const mode = new URL(location.href).searchParams.get('replica') || '';
  const de = mode === 'de';
  const L = de
    ? { inbox: 'Posteingang', compose: 'Verfassen', reply: 'Antworten', to: 'An', cc: 'Cc', bcc: 'Bcc', ccBcc: 'Cc / Bcc', subject: 'Betreff', body: 'Nachrichtentext', send: 'Senden', attach: 'Dateien anhängen', back: 'Zurück zum Posteingang', more: 'Weitere Optionen', raw: 'Originalnachricht anzeigen', remove: 'Entfernen', uploading: 'Wird hochgeladen' }
    : { inbox: 'Inbox', compose: 'Compose', reply: 'Reply', to: 'To', cc: 'Cc', bcc: 'Bcc', ccBcc: 'Cc / Bcc', subject: 'Subject', body: 'Message body', send: 'Send', attach: 'Attach files', back: 'Back to Inbox', more: 'More', raw: 'View raw message', remove: 'Remove', uploading: 'Uploading' };
  // Yahoo's generated class names look like "D_F ab_C p_R"; a release renames them all.
  const cls = (names) => (mode === 'classes' ? names.split(' ').map((n) => `${n}_Zq9`).join(' ') : names);
  const renamedHooks = new Set(['message-view', 'message-view-body-content', 'message-from', 'rte', 'message-group-subject-text']);
  const tid = (id) => (mode === 'hooks' && renamedHooks.has(id) ? `x-${id}-v2` : id);
  const search = location.search;
  let mailbox = { mailboxId: '', threads: [] };
  let main = null;
  let dock = null;
  let composeCount = 0;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = cls(v);
      else if (k === 'text') e.textContent = v;
      else if (k === 'data-test-id') e.setAttribute(k, tid(v));
      else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  }

  function post(path, body) {
    return fetch(`/_replica/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  function go(path) {
    history.pushState(null, '', path + search);
    route();
  }

  const api = (m) => `https://apis.mail.yahoo.com/ws/v3/mailboxes/@.id==${mailbox.mailboxId}/messages/@.id==${m.id}`;

  // --- read: the list and conversation views -----------------------------------------------------------
  function showList() {
    const rows = mailbox.threads.map((t) => {
      const last = t.messages[t.messages.length - 1];
      const a = el('a', { class: 'D_F ek_BB rowlink', role: 'article', 'data-test-id': 'message-list-item', href: `/d/folders/1/messages/${last.id}${search}` },
        el('span', { class: 'o_h', text: t.messages[0].from.name }), ' — ', el('span', { id: `email-subject-${last.id}`, class: 'u_b', text: t.subject }));
      a.addEventListener('click', (e) => { e.preventDefault(); go(`/d/folders/1/messages/${last.id}`); });
      return el('li', { class: 'H_A' }, a);
    });
    main.replaceChildren(el('ul', { class: 'M_0 P_0', role: 'list', 'data-test-id': 'message-list' }, ...rows));
  }

  function attachmentItem(m, a, i) {
    // Yahoo links each listed attachment into its mail API (download and preview use these URLs).
    return el('li', { class: 'att D_F' },
      el('a', { href: `${api(m)}/content/parts/@.id==${i + 2}/raw?appid=YMailNorrin`, target: '_blank', class: 'C_Z' },
        el('span', { 'data-test-id': 'attachment-name', class: 'u_b', text: a.name })));
  }

  function messageView(t, m) {
    const reply = el('button', { type: 'button', class: 'btn r_P', 'data-test-id': 'btn-reply-sender', 'aria-label': L.reply, text: L.reply });
    reply.addEventListener('click', () => openReply(t, m));
    // "More" → "View raw message" opens the API's raw source in a new window, as Yahoo does.
    const raw = el('button', { type: 'button', class: 'btn', 'data-test-id': 'view-raw-message', text: L.raw });
    raw.addEventListener('click', () => window.open(`${api(m)}/content/rawplaintext?appid=YMailNorrin`, '_blank'));
    const from = el('div', { 'data-test-id': 'message-from', class: 'D_F hdr' },
      el('span', { 'data-test-id': 'email-pill', class: 'e_dRA', 'data-email': m.from.email, title: `${m.from.name} <${m.from.email}>` },
        el('span', { class: 'k_w' }, el('span', { text: m.from.name }))),
      el('span', { class: 'C_52qC', text: `<${m.from.email}>` }));
    const body = el('div', { 'data-test-id': 'message-view-body', class: 'msg-body' },
      el('div', { 'data-test-id': 'message-view-body-content', class: 'body I_52qC', text: m.body }));
    const files = (m.attachments || []).length
      ? [el('ul', { class: 'attachment-ul M_0' }, ...m.attachments.map((a, i) => attachmentItem(m, a, i)))] : [];
    return el('div', { 'data-test-id': 'message-view', class: 'msg W_6D6F' },
      el('header', { class: 'D_F ab_C' }, from, reply, raw), body, ...files);
  }

  function showConversation(id) {
    const t = mailbox.threads.find((x) => x.messages.some((m) => m.id === id));
    main.replaceChildren(el('div', { class: 'page-loader', text: 'Loading…' }));
    if (!t) return;
    // Built lazily, a moment after the URL changed (Yahoo fetches the conversation first).
    setTimeout(() => {
      if (!location.pathname.endsWith(`/messages/${id}`)) return;
      const back = el('button', { type: 'button', class: 'btn', 'aria-label': L.back, text: `← ${L.inbox}` });
      back.addEventListener('click', () => go('/d/folders/1'));
      main.replaceChildren(el('div', { id: 'message-group-view', class: 'D_F em_N' },
        el('div', { 'data-test-id': 'message-toolbar', class: 'D_F' }, back),
        el('div', { 'data-test-id': 'message-group-view-scroller', class: 'o_h' },
          el('h2', { class: 'u_b' }, el('span', { 'data-test-id': 'message-group-subject-text', text: t.subject })),
          ...t.messages.map((m) => messageView(t, m)),
          el('div', { id: 'reply-area' }))));
    }, 120);
  }

  function route() {
    const m = /\/d\/folders\/1\/messages\/([A-Za-z0-9_-]+)$/.exec(location.pathname);
    if (m) showConversation(m[1]);
    else showList();
  }

  // --- compose: new messages in the dock, replies under the conversation -------------------------------
  function pill(addr, name) {
    const remove = el('button', { type: 'button', class: 'btn', 'aria-label': `${L.remove} ${addr}`, text: '×' });
    const p = el('div', { 'data-test-id': 'pill', class: 'pill D_F', role: 'button', title: `${name || addr} <${addr}>` },
      el('div', { 'data-test-id': 'pill-text', class: 'u_b', text: name || addr }), remove);
    remove.addEventListener('click', () => p.remove());
    return p;
  }

  function recipientField(field, label, initial, hidden) {
    const input = el('input', { id: `message-${field}-field`, class: 'ab_C', type: 'text', autocomplete: 'off', 'aria-label': label });
    const pills = el('div', { class: 'D_F pills' });
    // Typing Enter, a comma or a semicolon, or leaving the field turns the text into a chip, as Yahoo does.
    const commit = () => {
      for (const part of input.value.split(/[,;]/)) {
        const text = part.trim();
        const addr = ((/<([^<>]+)>/.exec(text) || [null, text])[1] || '').trim();
        if (/^[^\s@]+@[^\s@]+$/.test(addr)) pills.append(pill(addr, /</.test(text) ? text.replace(/<.*$/, '').trim() : ''));
      }
      input.value = '';
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
        e.preventDefault();
        commit();
      }
    });
    input.addEventListener('blur', commit);
    for (const a of initial || []) pills.append(pill(a));
    return el('div', { class: `field D_F${hidden ? ' hidden' : ''}` }, el('label', { for: `message-${field}-field`, class: 'C_Z', text: label }), el('div', { class: 'D_F' }, pills, input));
  }

  function composeView(opts) {
    composeCount += 1;
    const draftId = `draft${composeCount}`;
    const editor = el('div', { 'data-test-id': 'rte', class: 'editable em_N', contenteditable: 'true', role: 'textbox', 'aria-label': L.body, 'aria-multiline': 'true' });
    // Yahoo's editor rewrites loose text into one <div> per line as it goes.
    let draftTimer = null;
    editor.addEventListener('input', () => {
      const loose = [...editor.childNodes].filter((n) => n.nodeType === 3 || (n.nodeType === 1 && n.tagName === 'BR'));
      if (loose.length > 0) {
        const lines = editor.innerText.split('\n');
        editor.replaceChildren(...lines.map((line) => el('div', {}, line ? document.createTextNode(line) : el('br'))));
      }
      clearTimeout(draftTimer);
      draftTimer = setTimeout(() => void post('draft', { draftId, body: editor.innerText }), 300);
    });
    const subject = el('input', { 'data-test-id': 'compose-subject', id: 'message-subject-field', class: 'ab_C', type: 'text', placeholder: L.subject, 'aria-label': L.subject, value: opts.subject || '' });
    const cc = recipientField('cc', L.cc, [], true);
    const bcc = recipientField('bcc', L.bcc, [], true);
    const ccBtn = el('button', { type: 'button', class: 'btn', 'data-test-id': 'btn-cc', text: L.ccBcc });
    ccBtn.addEventListener('click', () => { cc.classList.remove(cls('hidden')); bcc.classList.remove(cls('hidden')); });
    const upload = el('input', { type: 'file', multiple: 'true', class: 'hidden', tabindex: '-1' });
    const files = el('ul', { class: 'D_F M_0', 'aria-label': L.attach });
    const uploaded = [];
    upload.addEventListener('change', () => {
      for (const f of [...upload.files]) {
        const progress = el('li', { role: 'progressbar', 'aria-label': `${L.uploading} ${f.name}`, text: `${L.uploading} ${f.name}…` });
        files.append(progress);
        const reader = new FileReader();
        reader.onload = () => {
          const data = String(reader.result).replace(/^data:[^,]*,/, '');
          void post('upload', { draftId, name: f.name, type: f.type, data }).then(() => {
            uploaded.push(f.name);
            progress.replaceWith(el('li', { class: 'att' }, el('span', { 'data-test-id': 'attachment-name', text: f.name }), ` (${f.size} B)`));
          });
        };
        reader.readAsDataURL(f);
      }
      upload.value = '';
    });
    const attachBtn = el('button', { type: 'button', class: 'btn', 'data-test-id': 'icon-btn-attach', 'aria-label': L.attach, text: '📎' });
    attachBtn.addEventListener('click', () => upload.click());
    const send = el('button', { type: 'button', class: 'btn q_Z2aVTcY', 'data-test-id': 'compose-send-button', 'aria-label': L.send, text: L.send });
    const box = el('div', { class: 'compose D_F', 'data-test-id': opts.inline ? 'inline-reply' : 'compose', role: 'region', 'aria-label': opts.inline ? L.reply : L.compose },
      recipientField('to', L.to, opts.to), ccBtn, cc, bcc, subject,
      el('div', { 'data-test-id': 'compose-editor-container', class: 'p_R' }, editor),
      files, upload, el('div', { class: 'D_F' }, send, attachBtn));
    send.addEventListener('click', () => {
      // Text still in a field becomes a chip first, as on blur.
      for (const i of box.querySelectorAll('input[id$="-field"]')) i.dispatchEvent(new window.Event('blur'));
      const field = (name) => [...box.querySelector(`#message-${name}-field`).closest(`.${cls('field')}`).querySelectorAll('[data-test-id="pill"]')]
        .map((p) => (/<([^<>]+)>$/.exec(p.getAttribute('title')) || [])[1]);
      void post('send', { to: field('to'), cc: field('cc'), bcc: field('bcc'), subject: subject.value, body: editor.innerText, attachments: uploaded }).then(() => box.remove());
    });
    return box;
  }

  function openCompose() {
    // Built a moment after the click; the URL names the draft, as Yahoo's does.
    history.pushState(null, '', `/d/compose/${composeCount + 1}${search}`);
    setTimeout(() => dock.append(composeView({})), 80);
  }

  function openReply(t, m) {
    setTimeout(() => {
      const area = document.getElementById('reply-area');
      if (area) area.append(composeView({ inline: true, to: [m.from.email], subject: `Re: ${t.subject}` }));
    }, 80);
  }

  // --- start: the views are built after the document loaded -------------------------------------------
  async function start() {
    mailbox = await (await fetch('/_replica/mailbox.json', { cache: 'no-store' })).json();
    const composeBtn = el('a', { class: 'btn D_F', 'data-test-id': 'compose-button', href: `/d/compose/${search}`, role: 'button', 'aria-label': L.compose, text: L.compose });
    composeBtn.addEventListener('click', (e) => { e.preventDefault(); openCompose(); });
    main = el('div', { class: 'main I_52qC', role: 'main' });
    dock = el('div', { id: 'compose-dock', class: 'p_R' });
    const root = document.getElementById('mail-app-component');
    root.replaceChildren(el('div', { class: 'shell D_F' }, el('nav', { class: 'nav W_6D6F', role: 'navigation' }, composeBtn), main), dock);
    document.title = `${L.inbox} - bob@example.test - Yahoo Mail`;
    window.addEventListener('popstate', route);
    route();
  }
  setTimeout(() => void start(), 200);
})();
