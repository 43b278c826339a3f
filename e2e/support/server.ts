/**
 * A local web server for the e2e specs: serves the web mail replicas under e2e/sites on 127.0.0.1, plus
 * any page a spec registers, and records every request so specs can assert that nothing leaked.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const sitesDir = path.resolve(__dirname, '../sites');
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

export type TestServer = {
  origin: string;
  url(p: string): string;
  /** Every request path seen since the last reset, in order. */
  requests: string[];
  /** Serve an HTML page from memory at a path (for pages built by a spec). */
  page(p: string, html: string): void;
  close(): Promise<void>;
};

export async function startServer(): Promise<TestServer> {
  const requests: string[] = [];
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
