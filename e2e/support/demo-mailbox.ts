/**
 * The demo web mail's post office: what one profile sends on /demo/ is delivered, in memory, to the
 * inbox of every address in To, so two browser profiles can write to each other on the local server.
 * It carries only what the page posts (ciphertext once Lockpane is used); nothing is written to disk.
 */
import type http from 'node:http';

export type DemoAttachment = { name: string; type: string; data: string };
export type DemoMail = { id: number; from: string; to: string[]; subject: string; body: string; attachments: DemoAttachment[]; sent: string };

/** A whole posted mail, attachments (base64) included. */
const maxBodyBytes = 32 * 1024 * 1024;
const maxAttachments = 20;
const maxMessages = 500;
const addressPattern = /^[^\s@<>,;]{1,64}@[^\s@<>,;]{1,255}$/;

function addresses(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...new Set(text.split(/[,;\s]+/).map((a) => a.trim().toLowerCase()).filter((a) => addressPattern.test(a)))].slice(0, 20);
}

function attachmentsOf(value: unknown): DemoAttachment[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, maxAttachments).flatMap((a: unknown) => {
    const x = a as Partial<Record<keyof DemoAttachment, unknown>> | null;
    if (!x || typeof x.name !== 'string' || typeof x.data !== 'string' || !/^[A-Za-z0-9+/=]*$/.test(x.data)) return [];
    return [{ name: x.name.slice(0, 255), type: typeof x.type === 'string' ? x.type.slice(0, 100) : '', data: x.data }];
  });
}

function reply(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

export function createDemoMailbox() {
  const mails: DemoMail[] = [];

  function send(text: string, res: http.ServerResponse): void {
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      input = typeof parsed === 'object' && parsed !== null ? parsed as Record<string, unknown> : {};
    } catch {
      reply(res, 400, { error: 'not JSON' });
      return;
    }
    const [from] = addresses(input.from);
    const to = addresses(input.to);
    if (!from || to.length === 0) {
      reply(res, 400, { error: 'a sender and at least one recipient address are needed' });
      return;
    }
    const mail: DemoMail = {
      id: mails.length + 1, from, to,
      subject: typeof input.subject === 'string' ? input.subject.slice(0, 200) : '',
      body: typeof input.body === 'string' ? input.body : '',
      attachments: attachmentsOf(input.attachments),
      sent: new Date().toISOString(),
    };
    if (mails.length >= maxMessages) mails.shift();
    mails.push(mail);
    reply(res, 200, { id: mail.id });
  }

  return {
    mails,
    /** Answers /demo/api/* requests; false for any other path. */
    handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
      if (url.pathname === '/demo/api/inbox' && req.method === 'GET') {
        const [me] = addresses(url.searchParams.get('for'));
        reply(res, 200, { mails: me ? mails.filter((m) => m.to.includes(me)).reverse() : [] });
        return true;
      }
      if (url.pathname === '/demo/api/send' && req.method === 'POST') {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= maxBodyBytes) chunks.push(c);
        });
        req.on('end', () => (size > maxBodyBytes ? reply(res, 413, { error: 'message too large' }) : send(Buffer.concat(chunks).toString('utf8'), res)));
        return true;
      }
      return false;
    },
  };
}
