/**
 * Stands between Playwright and Debian's firefox-esr (Playwright's executablePath for Firefox runs this,
 * through firefox-bidi-shim.sh). Playwright's BiDi client targets a newer Firefox: it sends a few
 * emulation commands ESR does not have yet (emulation.setMediaFeaturesOverride at every context start),
 * and then refuses to launch. This starts the real Firefox, proxies its WebDriver BiDi socket, and
 * answers an "unknown command" error for those emulation commands alone with an empty success; every
 * other message passes through unchanged. Nothing the specs rely on is emulated: the commands set
 * colour-scheme and screen overrides, which no spec asks for.
 * ESR also reports a download (an <a download> of a blob) with `navigation: null` and no download id,
 * which Playwright drops; the shim gives both events of one download the same id, so `download` events work.
 * A control socket (its port written to $LOCKPANE_SHIM_CONTROL) lets a spec run a script in the browser's
 * privileged chrome scope over the same BiDi session, for what no web API does: terminating the add-on's
 * background page the way idle suspension does (background-control.ts).
 * ESR sometimes sends no `script.realmCreated` for a newly committed document (a moz-extension frame or
 * tab); the shim then gets it announced (firefox-bidi-realms.ts). ESR may also answer a navigate command
 * with the id of the navigation before it; the shim puts in the right one (firefox-bidi-navigations.ts).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { NavigationIds } from './firefox-bidi-navigations';
import { RealmAnnouncer } from './firefox-bidi-realms';

const firefox = process.env.LOCKPANE_FIREFOX ?? '/usr/bin/firefox-esr';
/** Commands whose absence in ESR only loses an emulation no spec needs. */
const optional = new Set(['emulation.setMediaFeaturesOverride', 'emulation.setScreenOrientationOverride', 'emulation.setScreenSettingsOverride']);
const announce = /WebDriver BiDi listening on (ws:\/\/\S+)/;
/** LOCKPANE_BIDI_LOG=<file>: every message both ways with a time in ms, for debugging the driver ("%p" in the name: the shim's pid). */
const logFile = process.env.LOCKPANE_BIDI_LOG?.replace('%p', String(process.pid));
const t0 = Date.now();
const log = (dir: string, text: string) => { if (logFile) fs.appendFileSync(logFile, `${Date.now() - t0} ${dir} ${text.slice(0, 2000)}\n`); };

const child = spawn(firefox, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
let seen = '';
let proxying = false;

child.stderr.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  if (proxying) return void process.stderr.write(text);
  seen += text;
  const m = announce.exec(seen);
  if (!m) return;
  proxying = true;
  // Playwright reads the endpoint from this line: print ours instead of Firefox's.
  process.stderr.write(seen.replace(announce, 'WebDriver BiDi (Firefox) on $1'));
  proxy(m[1]!);
});

function proxy(upstream: string): void {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
    const { port } = server.address() as { port: number };
    process.stderr.write(`WebDriver BiDi listening on ws://127.0.0.1:${port}\n`);
  });
  server.on('connection', (client, request) => {
    const up = new WebSocket(upstream + (request.url ?? ''));
    const queued: string[] = [];
    const navigations = new NavigationIds();
    const methods = new Map<number, string>();
    /** Replies to the shim's own commands (ids far above Playwright's), never forwarded. */
    const own = new Map<number, (reply: BidiReply) => void>();
    let ownId = 1_000_000_000;
    const command = (method: string, params: object) => new Promise<BidiReply>((done) => {
      const id = ownId++;
      own.set(id, done);
      up.send(JSON.stringify({ id, method, params }));
    });
    control(command);
    const realms = new RealmAnnouncer(command, (event) => {
      const text = JSON.stringify(event);
      log('<+', text);
      client.send(text);
    }, (text) => log('#', text));
    up.on('open', () => queued.splice(0).forEach((m) => up.send(m)));
    client.on('message', (data) => {
      const text = data.toString();
      log('>', text);
      const sent = JSON.parse(text) as { id?: number; method?: string; params?: { context?: string } };
      const { id, method } = sent;
      navigations.sent(sent);
      if (id !== undefined && method !== undefined && optional.has(method)) methods.set(id, method);
      if (up.readyState === WebSocket.OPEN) up.send(text);
      else queued.push(text);
    });
    const downloads = new Map<string, string>();
    up.on('message', (data) => {
      const raw = withDownloadId(data.toString(), downloads);
      const reply = JSON.parse(raw) as BidiReply;
      const text = navigations.received(reply, raw);
      log('<', text);
      if (text !== raw) log('#', 'navigate answered with the id of the navigation it started');
      if (dropped(reply)) return void log('#', 'dropped (LOCKPANE_BIDI_DROP_EXT_REALMS)');
      const mine = reply.id === undefined ? undefined : own.get(reply.id);
      if (mine) return void (own.delete(reply.id!), mine(reply));
      const method = reply.id === undefined ? undefined : methods.get(reply.id);
      if (method !== undefined) methods.delete(reply.id!);
      if (method !== undefined && reply.type === 'error' && reply.error === 'unknown command') {
        client.send(JSON.stringify({ type: 'success', id: reply.id, result: {} }));
      } else client.send(text);
      realms.observe(reply);
    });
    client.on('close', () => (realms.stop(), up.close()));
    up.on('close', () => client.close());
    up.on('error', () => client.close());
  });
}

/**
 * LOCKPANE_BIDI_DROP_EXT_REALMS=1 withholds every moz-extension window realm's `script.realmCreated`, as
 * Firefox sometimes does for one: to check that the realm announcer brings the frames back.
 */
const dropExtRealms = process.env.LOCKPANE_BIDI_DROP_EXT_REALMS === '1';
const dropped = (m: BidiReply): boolean =>
  dropExtRealms && m.method === 'script.realmCreated' && !m.params?.sandbox && (m.params?.origin ?? '').startsWith('moz-extension:');

type BidiReply = {
  id?: number; type?: string; error?: string; message?: string; method?: string; params?: Record<string, string | undefined>;
  result?: { result?: unknown; exceptionDetails?: { text?: string } };
};
type Command = (method: string, params: object) => Promise<BidiReply>;

/** POST /chrome-evaluate <expression>: its (awaited) value, evaluated in the browser's first chrome window. */
function control(command: Command): void {
  const file = process.env.LOCKPANE_SHIM_CONTROL;
  if (!file) return;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => void (async () => {
      const tree = await command('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const contexts = (tree.result as { contexts?: { context: string }[] } | undefined)?.contexts ?? [];
      if (contexts.length === 0) return void res.writeHead(500).end(`no chrome context: ${tree.message ?? ''}`);
      const r = await command('script.evaluate', { expression: body, target: { context: contexts[0]!.context }, awaitPromise: true });
      const failed = r.type === 'error' || r.result?.exceptionDetails;
      res.writeHead(failed ? 500 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(failed ? { error: r.message ?? r.result?.exceptionDetails?.text } : { value: r.result?.result }));
    })());
  });
  server.listen(0, '127.0.0.1', () => fs.writeFileSync(file, String((server.address() as { port: number }).port)));
}

type DownloadEvent = { method?: string; params?: { url?: string; navigation?: string | null; download?: string } };

/** Adds the id ESR leaves out of download events (the same for the start and the end of one URL). */
function withDownloadId(text: string, ids: Map<string, string>): string {
  const event = JSON.parse(text) as DownloadEvent;
  const p = event.params;
  if (!event.method?.startsWith('browsingContext.download') || !p?.url || p.navigation || p.download) return text;
  const id = ids.get(p.url) ?? randomUUID();
  ids.set(p.url, id);
  if (event.method === 'browsingContext.downloadEnd') ids.delete(p.url);
  return JSON.stringify({ ...event, params: { ...p, navigation: id } });
}

child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
