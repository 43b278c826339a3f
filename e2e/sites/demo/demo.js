// The demo web mail's own script (page code, not Lockpane): sign in as an address, send what the compose
// box holds to the local post office, and show delivered mail as plain text in the read pane.
/* global document, Element, fetch, localStorage, location, URL, Blob, FileReader, atob */
const me = document.getElementById('demo-me');
const status = document.getElementById('demo-status');
const delivered = document.getElementById('delivered');
// `?me=` (as `npm start -- --two` opens it) signs in as that address; otherwise the last one used here.
const asked = new URL(location.href).searchParams.get('me');
if (asked) localStorage.setItem('demo-me', asked);
me.value = localStorage.getItem('demo-me') || me.value;
me.addEventListener('change', () => {
  localStorage.setItem('demo-me', me.value.trim());
  void checkMail();
});

function show(mail, item) {
  for (const li of document.querySelectorAll('.list li')) li.classList.remove('selected');
  item.classList.add('selected');
  document.querySelector('#read-pane .subject').textContent = mail.subject || '(no subject)';
  document.querySelector('#read-pane .from').textContent = `From: ${mail.from}`;
  const pre = document.createElement('pre');
  pre.textContent = mail.body;
  const files = document.createElement('ul');
  files.className = 'attachments';
  files.setAttribute('aria-label', 'Attachments');
  for (const a of mail.attachments || []) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.textContent = a.name;
    link.download = a.name;
    link.href = URL.createObjectURL(new Blob([Uint8Array.from(atob(a.data), (c) => c.charCodeAt(0))], { type: a.type || 'application/octet-stream' }));
    li.append(link);
    files.append(li);
  }
  document.getElementById('message-body').replaceChildren(pre, ...(files.childElementCount ? [files] : []));
}

async function checkMail() {
  const res = await fetch(`api/inbox?for=${encodeURIComponent(me.value.trim())}`);
  const { mails } = await res.json();
  delivered.replaceChildren(...mails.map((mail) => {
    const li = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'open-mail';
    open.textContent = `${mail.from} — ${mail.subject || '(no subject)'}`;
    open.addEventListener('click', () => show(mail, li));
    li.append(open);
    return li;
  }));
  status.textContent = mails.length === 1 ? '1 message for you.' : `${mails.length} messages for you.`;
}

document.getElementById('check-mail').addEventListener('click', () => void checkMail());

const compose = document.getElementById('compose');
// Files picked for the message being written, uploaded at once as web mails do (here: read into memory).
let attached = [];
function newCompose() {
  attached = [];
  compose.replaceChildren(document.getElementById('compose-form').content.cloneNode(true));
}

function readAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

compose.addEventListener('change', async (event) => {
  if (!(event.target instanceof Element) || event.target.id !== 'compose-files') return;
  const input = event.target;
  const picked = [...input.files];
  input.value = ''; // the upload has the files now, as in a real web mail
  for (const file of picked) {
    attached.push({ name: file.name, type: file.type, data: await readAsBase64(file) });
    const li = document.createElement('li');
    li.textContent = `${file.name} (${file.size} bytes)`;
    document.getElementById('compose-attachments').append(li);
  }
});

compose.addEventListener('click', async (event) => {
  if (!(event.target instanceof Element) || event.target.id !== 'send') return;
  const to = document.getElementById('compose-to').value;
  const res = await fetch('api/send', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: me.value, to, subject: document.getElementById('compose-subject').value, body: document.getElementById('compose-body').value, attachments: attached }),
  });
  if (!res.ok) {
    status.textContent = `Not sent: ${(await res.json()).error}`;
    return;
  }
  status.textContent = `Sent to ${to}.`;
  newCompose();
});

newCompose();
void checkMail();
