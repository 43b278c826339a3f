/**
 * The router: validates every incoming message against the catalogue, checks the sender class, and calls
 * exactly one handler. Pure apart from the handlers it is given, so it is unit-tested with fake senders.
 */
import { catalogue, isMessageName, type ContextFor, type MessageName, type RequestOf, type ResponseOf } from '../shared/catalogue';
import { err, ok, ProtocolError, type Result } from '../shared/result';
import { SchemaError } from '../shared/schema';
import { classifySender, type BrowserSender, type SenderContext } from '../shared/sender';
import { LockpaneError } from '../../keyring/errors';
import { timed } from './worker-timing';

/** `ctx` follows the entry's allowed senders: the router has refused every other class before the call. */
export type Handler<N extends MessageName> = (req: RequestOf<N>, ctx: ContextFor<N>) => Promise<ResponseOf<N>>;
/** Exhaustive: adding a message to the catalogue without a handler is a compile error. */
export type HandlerMap = { [N in MessageName]: Handler<N> };

export type RouterOptions = {
  ownId: string;
  ownOrigin: string;
  handlers: HandlerMap;
  /** Content scripts are honoured only on enabled origins (checked per message, not trusted from registration). */
  isSiteEnabled: (origin: string) => Promise<boolean>;
  onError?: (e: unknown, name: string) => void;
};

const maxNameLength = 64;

export function createRouter(opts: RouterOptions) {
  return async function route(message: unknown, sender: BrowserSender): Promise<Result<unknown>> {
    const ctx = classifySender(sender, opts.ownId, opts.ownOrigin);
    if (!ctx) return err('forbidden-sender', 'this sender is not part of Lockpane');
    if (typeof message !== 'object' || message === null) return err('bad-request', 'a message must be an object');
    const { lockpane, name, body } = message as { lockpane?: unknown; name?: unknown; body?: unknown };
    if (lockpane !== 1) return err('bad-request', 'not a Lockpane message');
    if (!isMessageName(name)) {
      return err('unknown-message', `unknown message "${String(name).slice(0, maxNameLength)}"`);
    }
    const entry = catalogue[name];
    if (!(entry.from as readonly string[]).includes(ctx.cls)) {
      return err('forbidden-sender', `"${name}" may not be sent from a ${ctx.cls} context`);
    }
    if (ctx.cls === 'content' && !(await timed('lp:site-check', () => opts.isSiteEnabled(ctx.origin)))) {
      return err('site-not-enabled', `Lockpane is not enabled on ${ctx.origin}`);
    }
    let request: unknown;
    try {
      request = entry.request.parse(body ?? {}, '');
    } catch (e) {
      if (e instanceof SchemaError) return err('bad-request', e.message);
      throw e;
    }
    try {
      const handler = opts.handlers[name] as (req: unknown, c: SenderContext) => Promise<unknown>;
      return ok(await timed(`lp:msg:${name}`, () => handler(request, ctx)));
    } catch (e) {
      if (e instanceof ProtocolError || e instanceof LockpaneError) return err(e.code, e.message);
      opts.onError?.(e, name);
      return err('internal', 'Lockpane hit an unexpected error; details are in the extension console');
    }
  };
}
