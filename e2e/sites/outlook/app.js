// A replica of the parts of Outlook on the web's DOM and behaviour Lockpane's Outlook adapter relies on
// (page code, not Lockpane; see NOTES.md). One script for both variants, chosen by host: outlook.live.com
// (personal, paths /mail/0/…, service /owa/0/service.svc) and outlook.office.com (business, /mail/…,
// /owa/service.svc). It loads its mailbox, builds its UI late, moves between messages with
// history.pushState (no document load), rebuilds the reading pane as OWA does, and posts what its Send
// and draft autosave see to service.svc. `?replica=classes` renames every generated class,
// `?replica=hooks` renames the UniqueMessageBody / _SUBJECT ids, `?replica=de` shows German labels.
/* global document, fetch, location, history, window, setTimeout, clearTimeout, URL */
(() => {
  const params = new URL(location.href).searchParams;
  const mutate = params.get('replica') || '';
  const live = location.hostname === 'outlook.live.com';
  const base = live ? '/mail/0/' : '/mail/';
  const service = live ? '/owa/0/service.svc' : '/owa/service.svc';
  const de = mutate === 'de';
  const L = (en, german) => (de ? german : en);
  // Generated (hashed) class names, as OWA's CSS-in-JS makes them.
  const cls = (names) => (mutate === 'classes' ? names.split(' ').map((n) => `r${n}Q`).join(' ') : names);
  const bodyId = (n) => (mutate === 'hooks' ? `MessageBodyRegion_${n}` : n === 0 ? 'UniqueMessageBody' : `UniqueMessageBody_${n}`);
  const subjectId = (conv) => (mutate === 'hooks' ? `CONV_${conv}_TITLE` : `CONV_${conv}_SUBJECT`);
  let mailbox = { threads: [] };
  let main = null;
  let pane = null;
  let draftCount = 0;
  let chipCount = 0;

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

  function call(action, body) {
    return fetch(`${service}?action=${action}&app=Mail`, { method: 'POST', headers: { action, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
  }

  function go(path) {
    history.pushState(null, '', `${path}${location.search}`);
    route();
  }

  // --- read: message list and reading pane ------------------------------------------------------------
  function list() {
    const opts = mailbox.threads.map((t) => {
      const last = t.messages[t.messages.length - 1];
      const opt = el('div', { class: 'jGG6V opt', role: 'option', 'data-convid': t.id, 'aria-label': `${last.from.name} ${t.subject}` },
        el('span', { class: 'XG5Jd', text: last.from.name }), el('span', { class: 'TtcXM', text: ` ${t.subject}` }));
      opt.addEventListener('click', () => go(`${base}inbox/id/${encodeURIComponent(last.itemId)}`));
      return opt;
    });
    return el('div', { class: 'customScrollBar list', role: 'listbox', 'aria-label': L('Message list', 'Nachrichtenliste') }, ...opts);
  }

  function card(t, m, n) {
    const reply = el('button', { class: 'ms-Button btn', type: 'button', 'aria-label': L('Reply', 'Antworten'), text: L('Reply', 'Antworten') });
    reply.addEventListener('click', () => openInlineReply(t, m, reply.closest('[data-owa-card]')));
    const forward = el('button', { class: 'ms-Button btn', type: 'button', 'aria-label': L('Forward', 'Weiterleiten'), text: L('Forward', 'Weiterleiten') });
    forward.addEventListener('click', () => {
      const at = forward.closest('[data-owa-card]');
      setTimeout(() => at && at.after(composeForm({ subject: `FW: ${t.subject}` })), 80);
    });
    const from = el('div', { class: 'OZZZK', id: `MSG_${m.itemId.slice(-12)}_FROM` },
      el('span', { class: 'lpc-hoverTarget', 'aria-label': `${L('From', 'Von')}: ${m.from.name} <${m.from.email}>`, text: m.from.name }),
      el('span', { class: 'fui-sub', text: ` <${m.from.email}>` }));
    const body = el('div', { class: 'XbIp4 body', id: bodyId(n), role: 'document', 'aria-label': L('Message body', 'Nachrichtentext'), text: m.body });
    const files = (m.attachments || []).map((name) => el('div', { class: 'card-att', role: 'option', title: name, text: name }));
    return el('div', { class: 'aVla3 card', 'data-owa-card': '', 'aria-label': L('Email message', 'E-Mail-Nachricht') },
      from, reply, forward, body, ...(files.length ? [el('div', { class: 'T3idP', role: 'listbox', 'aria-label': L('Attachments', 'Anlagen') }, ...files)] : []));
  }

  function showMessage(itemId) {
    const t = mailbox.threads.find((x) => x.messages.some((m) => m.itemId === itemId));
    pane.replaceChildren(el('div', { class: 'spin', text: L('Loading…', 'Wird geladen…') }));
    if (!t) return;
    // Built a moment after the URL changed (OWA fetches the conversation first).
    setTimeout(() => {
      if (!location.pathname.endsWith(encodeURIComponent(itemId))) return;
      const heading = el('span', { class: 'JdFsz', role: 'heading', 'aria-level': '2', id: subjectId(t.id), title: t.subject, text: t.subject });
      pane.replaceChildren(el('div', { class: 'wide-content-host', 'data-app-section': 'ConversationContainer' }, heading, ...t.messages.map((m, n) => card(t, m, n))));
    }, 120);
  }

  function route() {
    const m = /\/id\/([^/]+)$/.exec(location.pathname);
    if (m) showMessage(decodeURIComponent(m[1]));
    else pane.replaceChildren(el('div', { class: 'empty', text: L('Select an item to read', 'Element zum Lesen auswählen') }));
  }

  // --- compose: new mail, inline replies -------------------------------------------------------------
  // A recipient well: typed text becomes a persona chip on Enter, ";" or leaving the field.
  function well(name, label, initial) {
    const box = el('div', { class: 'EditorClass well', contenteditable: 'true', role: 'textbox', 'aria-label': label, 'aria-multiline': 'false' });
    const chip = (addr) => {
      chipCount += 1;
      const c = el('span', { class: 'wellItem chip', contenteditable: 'false', 'data-lpc-hover-target-id': `lpc-react-target-${chipCount}`, title: addr, 'aria-label': addr, text: addr });
      box.append(c);
    };
    const commit = () => {
      const typed = [...box.childNodes].filter((n) => n.nodeType === 3 || (n.nodeType === 1 && !n.hasAttribute('data-lpc-hover-target-id')));
      const text = typed.map((n) => n.textContent).join('');
      for (const n of typed) n.remove();
      for (const part of text.split(/[;,]/)) {
        const addr = part.trim();
        if (/^[^\s@]+@[^\s@]+$/.test(addr)) chip(addr);
      }
    };
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ';') {
        e.preventDefault();
        commit();
      }
    });
    box.addEventListener('blur', commit);
    for (const a of initial || []) chip(a);
    return el('div', { class: 'field' }, el('span', { text: label }), box);
  }

  function composeForm(opts) {
    draftCount += 1;
    const id = `d${draftCount}`;
    const editor = el('div', {
      class: 'elementToProof editor', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true',
      'aria-label': L('Message body, press Alt+F10 to exit', 'Nachrichtentext, drücken Sie ALT+F10 zum Beenden'),
    });
    // OWA's editor keeps its content as one <div> per line.
    let draftTimer = null;
    editor.addEventListener('input', () => {
      const loose = [...editor.childNodes].filter((n) => n.nodeType === 3 || (n.nodeType === 1 && n.tagName === 'BR'));
      if (loose.length > 0) {
        const lines = editor.innerText.split('\n');
        editor.replaceChildren(...lines.map((line) => el('div', {}, line ? document.createTextNode(line) : el('br'))));
      }
      clearTimeout(draftTimer);
      draftTimer = setTimeout(() => void call('UpdateItem', { draft: id, body: editor.innerText }), 300);
    });
    const to = well('to', L('To', 'An'), opts.to);
    const cc = well('cc', 'Cc');
    const bcc = well('bcc', 'Bcc');
    const subject = el('input', { class: 'fui-Input', id: `MSG_${id}_SUBJECT`, 'aria-label': live ? L('Add a subject', 'Betreff hinzufügen') : L('Subject', 'Betreff'), value: opts.subject || '' });
    const upload = el('input', { type: 'file', multiple: 'true', style: 'display:none' });
    const files = el('div', { class: 'attachWell' });
    upload.addEventListener('change', () => {
      for (const f of [...upload.files]) {
        const progress = el('div', { role: 'progressbar', 'aria-label': `${L('Uploading', 'Wird hochgeladen')} ${f.name}` });
        files.append(progress);
        setTimeout(() => progress.replaceWith(el('div', { class: 'card-att', 'data-testid': 'AttachmentCard', title: f.name, text: `${f.name} (${f.size} B)` })), 150);
      }
      upload.value = '';
    });
    const attach = el('button', { class: 'ms-Button btn', type: 'button', 'aria-label': L('Attach file', 'Datei anfügen'), text: L('Attach', 'Anfügen') });
    attach.addEventListener('click', () => upload.click());
    const send = el('button', { class: 'ms-Button--primary btn', type: 'button', 'data-testid': 'ComposeSendButton', 'aria-label': L('Send', 'Senden'), text: L('Send', 'Senden') });
    // Pop-out: OWA saves the draft and reopens it in a window of its own (a new document).
    const popout = el('button', { class: 'ms-Button btn', type: 'button', 'aria-label': L('Open in new window', 'In neuem Fenster öffnen'), text: '↗' });
    popout.addEventListener('click', () => {
      const chips = (w) => [...w.querySelectorAll('[data-lpc-hover-target-id]')].map((c) => c.getAttribute('title'));
      window.localStorage.setItem(`owa-replica-draft-${id}`, JSON.stringify({ to: chips(to), subject: opts.inline ? opts.subject : subject.value, inline: !!opts.inline }));
      window.open(`${base}deeplink/compose/${id}${location.search}`, '_blank', 'popup,width=900,height=700');
      form.remove();
    });
    const fields = opts.inline ? [to, cc, bcc] : [to, cc, bcc, subject];
    const form = el('div', { class: 'yz4r1 compose', 'data-app-section': 'ComposeForm', 'aria-label': opts.inline ? L('Reply', 'Antworten') : L('New message', 'Neue Nachricht') },
      el('div', { class: 'Kq5Sx' }, send, attach, popout), ...fields, el('div', { class: 'dXq7b' }, editor), files, upload);
    send.addEventListener('click', () => {
      const field = (w) => [...w.querySelectorAll('[data-lpc-hover-target-id]')].map((c) => c.getAttribute('title'));
      const attachments = [...files.querySelectorAll('[data-testid="AttachmentCard"]')].map((c) => c.getAttribute('title'));
      void call('CreateItem', {
        to: field(to), cc: field(cc), bcc: field(bcc), subject: opts.inline ? opts.subject : subject.value, body: editor.innerText, attachments,
      }).then(() => form.remove());
    });
    return form;
  }

  function openCompose() {
    // Built a moment after the click, as OWA does; several drafts can be open at once.
    setTimeout(() => document.getElementById('compose-area').append(composeForm({})), 80);
  }

  function openInlineReply(t, m, cardEl) {
    if (!cardEl) return;
    setTimeout(() => cardEl.after(composeForm({ inline: true, to: [m.from.email], subject: `RE: ${t.subject}` })), 80);
  }

  // --- start: the shell is built after the document loaded ----------------------------------------
  // A popped-out draft: a document holding only that compose form.
  function startPopout(draftId) {
    const saved = JSON.parse(window.localStorage.getItem(`owa-replica-draft-${draftId}`) || '{}');
    document.getElementById('loadingScreen').remove();
    const area = el('div', { id: 'compose-area' });
    document.body.append(el('div', { class: 'shell', id: 'app' }, el('div', { class: 'main', role: 'main' }, area)));
    area.append(composeForm({ to: saved.to || [], subject: saved.subject || '', inline: false }));
    document.title = `${saved.subject || L('Untitled', 'Ohne Titel')} – Outlook`;
  }

  async function start() {
    const popped = /\/deeplink\/compose\/([^/]+)$/.exec(location.pathname);
    if (popped) return startPopout(popped[1]);
    mailbox = await (await fetch('/owa-replica/mailbox.json', { cache: 'no-store' })).json();
    const newMail = el('button', { class: 'ms-Button btn', type: 'button', 'aria-label': L('New mail', 'Neue E-Mail'), text: L('New mail', 'Neue E-Mail') });
    newMail.addEventListener('click', openCompose);
    pane = el('div', { class: 'rp', 'data-app-section': 'MailReadCompose' });
    main = el('div', { class: 'main', role: 'main' }, list(), el('div', { class: 'rp' }, pane, el('div', { id: 'compose-area' })));
    document.getElementById('loadingScreen').remove();
    document.body.append(el('div', { class: 'shell', id: 'app' }, el('div', { class: 'nav', role: 'navigation' }, newMail), main));
    document.title = `${L('Mail', 'E-Mail')} – ${mailbox.account} – Outlook`;
    window.addEventListener('popstate', route);
    route();
  }
  setTimeout(() => void start(), 200);
})();
