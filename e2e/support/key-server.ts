/**
 * A local HTTPS key server for the discovery specs: a real Web Key Directory layout (advanced method on
 * openpgpkey.<domain>, direct method on <domain>) and VKS answers (/vks/v1/by-email/…), with the CORS
 * headers real servers send. URLs and hashes come from GnuPG's gpg-wks-client, not from our code.
 * Chromium reaches it by name through --host-resolver-rules (and accepts its self-signed certificate with
 * --ignore-certificate-errors): the extension runs unchanged, with no test seam.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const wksClient = '/usr/lib/gnupg/gpg-wks-client';

export type KeyServer = {
  port: number;
  /** Chromium flags: names → this server; hosts in `missing` fail like an unknown host. */
  launchArgs: string[];
  /** Every request as "host path?query", in order. */
  requests: string[];
  /** Serves a binary key at the address's WKD URL; returns that URL. */
  serveWkd(email: string, binaryKey: Uint8Array, method: 'advanced' | 'direct'): string;
  /** A VKS answer for the address on `host` (a name in `hosts`). */
  serveVks(host: string, email: string, armoredKey: string): void;
  close(): Promise<void>;
};

/** The advanced-method URL for an address, as GnuPG computes it; the direct one follows from it. */
export function wkdUrls(email: string): { advanced: string; direct: string } {
  const advanced = execFileSync(wksClient, ['--print-wkd-url', email], { encoding: 'utf8' }).trim();
  const u = new URL(advanced);
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const hash = u.pathname.split('/').pop()!;
  return { advanced, direct: `https://${domain}/.well-known/openpgpkey/hu/${hash}${u.search}` };
}

function selfSigned(dir: string, names: string[]): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

export async function startKeyServer(opts: { hosts: string[]; missing?: string[] }): Promise<KeyServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-keyserver-'));
  const files = new Map<string, { body: Buffer; type: string }>();
  const requests: string[] = [];
  const server = https.createServer(selfSigned(dir, opts.hosts), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', 'https://x');
    requests.push(`${host} ${url.pathname}${url.search}`);
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'accept' };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    const hit = req.method === 'GET' ? files.get(`${host}${decodeURIComponent(url.pathname)}`) : undefined;
    if (!hit) { res.writeHead(404, { ...cors, 'content-type': 'text/plain' }).end('Not Found'); return; }
    res.writeHead(200, { ...cors, 'content-type': hit.type, 'content-length': hit.body.length, 'cache-control': 'no-store' }).end(hit.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rules = [...opts.hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), ...(opts.missing ?? []).map((h) => `MAP ${h} ~NOTFOUND`)];
  return {
    port,
    launchArgs: [`--host-resolver-rules=${rules.join(', ')}`, '--ignore-certificate-errors'],
    requests,
    serveWkd(email, binaryKey, method) {
      const url = new URL(wkdUrls(email)[method]);
      files.set(`${url.hostname}${url.pathname}`, { body: Buffer.from(binaryKey), type: 'application/octet-stream' });
      return url.href;
    },
    serveVks(host, email, armoredKey) {
      files.set(`${host}/vks/v1/by-email/${email.toLowerCase()}`, { body: Buffer.from(armoredKey), type: 'application/pgp-keys' });
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      fs.rmSync(dir, { recursive: true, force: true });
    }),
  };
}
