/**
 * A local web server for the e2e specs: serves the web mail replicas under e2e/sites on 127.0.0.1 (the demo
 * mail with its in-memory post office, so two profiles can write to each other), plus
 * any page a spec registers, and records every request so specs can assert that nothing leaked.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDemoMailbox, type DemoMail } from './demo-mailbox';

const sitesDir = path.resolve(__dirname, '../sites');
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

export type TestServer = {
  origin: string;
  url(p: string): string;
  /** Every request path seen since the last reset, in order. */
  requests: string[];
  /** Serve an HTML page from memory at a path (for pages built by a spec). */
  page(p: string, html: string): void;
  /** What was sent through the demo web mail (/demo/), oldest first. */
  demoMails: DemoMail[];
  close(): Promise<void>;
};

export async function startServer(): Promise<TestServer> {
  const requests: string[] = [];
  const pages = new Map<string, string>();
  const mailbox = createDemoMailbox();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (mailbox.handle(req, res, url)) return;
    const inline = pages.get(url.pathname);
    if (inline !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(inline);
      return;
    }
    const file = path.join(sitesDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    const target = fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    if (!target.startsWith(sitesDir) || !fs.existsSync(target)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => origin + p,
    requests,
    page: (p, html) => void pages.set(p, html),
    demoMails: mailbox.mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
