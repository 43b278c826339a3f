// The demo web mail's own script (page code, not Lockpane): sign in as an address, send what the compose
// box holds to the local post office, and show delivered mail as plain text in the read pane.
/* global document, Element, fetch, localStorage, location, URL */
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
  document.getElementById('message-body').replaceChildren(pre);
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
function newCompose() {
  compose.replaceChildren(document.getElementById('compose-form').content.cloneNode(true));
}

compose.addEventListener('click', async (event) => {
  if (!(event.target instanceof Element) || event.target.id !== 'send') return;
  const to = document.getElementById('compose-to').value;
  const res = await fetch('api/send', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: me.value, to, subject: document.getElementById('compose-subject').value, body: document.getElementById('compose-body').value }),
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
