/**
 * Single-use frame tokens (DESIGN §2.2). A content script gets a token for a ciphertext it found; only an
 * extension frame of the right kind, in the same tab, can claim it, and only once. Tokens are mirrored in
 * storage.session so that a worker restart between mount and claim loses nothing.
 */
import { randomToken } from '../../keyring/bytes';
import type { FrameKind } from '../shared/catalogue';
import type { FrameToken } from '../shared/ids';
import type { FrameContext } from '../shared/sender';
import { ProtocolError } from '../shared/result';
import { int, literal, nullable, obj, str, type Schema } from '../shared/schema';
import type { KeyValueArea } from './kv';
import { readStored } from './stored-record';

type FrameClaimant = FrameContext;

export type TokenRecord<P> = {
  token: string;
  frame: FrameKind;
  tabId: number;
  createdAt: number;
  payload: P;
  claimedBy: { frameId: number; documentId: string | null } | null;
};

function recordSchema<P>(payload: Schema<P>): Schema<TokenRecord<P>> {
  return obj({
    token: str({ max: 64 }),
    frame: literal<FrameKind>('reader', 'editor'),
    tabId: int({ min: 0, max: 2 ** 53 }),
    createdAt: int({ min: 0, max: 2 ** 53 }),
    payload,
    claimedBy: nullable(obj({ frameId: int({ min: 0, max: 2 ** 53 }), documentId: nullable(str({ max: 200 })) })),
  });
}

const prefix = 'frameToken:';
const unclaimedLifetimeMs = 10 * 60 * 1000;

/** `payload`: the schema every stored record's payload is checked against when read back. */
export function createFrameTokens<P>(area: KeyValueArea, payload: Schema<P>, now: () => number = Date.now) {
  const schema = recordSchema(payload);
  /** The token's record; a damaged one is removed and counts as no token (the frame is refused, nothing else is touched). */
  async function read(token: string): Promise<TokenRecord<P> | undefined> {
    try {
      return await readStored(area, prefix + token, schema, 'frame token');
    } catch {
      await area.remove(prefix + token);
      throw new ProtocolError('token-invalid', 'this secure frame is no longer valid; reload the message');
    }
  }
  return {
    async issue(frame: FrameKind, tabId: number, payload: P): Promise<FrameToken> {
      const token = randomToken(32) as FrameToken;
      const record: TokenRecord<P> = { token, frame, tabId, createdAt: now(), payload, claimedBy: null };
      await area.set(prefix + token, record);
      return token;
    },

    /**
     * Claims a token for the calling frame. A retry from the same frame document is allowed (the worker may
     * have restarted mid-reply); any other frame, tab or frame kind is refused.
     */
    async claim(token: string, claimant: FrameClaimant): Promise<P> {
      const record = await read(token);
      const refuse = () => new ProtocolError('token-invalid', 'this secure frame is no longer valid; reload the message');
      if (!record) throw refuse();
      if (`/${record.frame}.html` !== claimant.path || record.tabId !== claimant.tabId) throw refuse();
      if (record.claimedBy) {
        const same = record.claimedBy.frameId === claimant.frameId && record.claimedBy.documentId === claimant.documentId;
        if (!same) throw refuse();
        return record.payload;
      }
      if (now() - record.createdAt > unclaimedLifetimeMs) {
        await area.remove(prefix + token);
        throw refuse();
      }
      record.claimedBy = { frameId: claimant.frameId, documentId: claimant.documentId };
      await area.set(prefix + token, record);
      return record.payload;
    },

    /**
     * Changes the payload of a token the calling frame holds (claiming it if it has not yet): the secure
     * editor's own draft id, given on first save and changed when it restores another draft.
     */
    async amend(token: string, claimant: FrameClaimant, change: (payload: P) => P): Promise<P> {
      await this.claim(token, claimant);
      const record = await read(token);
      if (!record) throw new ProtocolError('token-invalid', 'this secure frame is no longer valid; reload the message');
      record.payload = change(record.payload);
      await area.set(prefix + token, record);
      return record.payload;
    },

    /**
     * Changes the payload of a token not yet claimed, in the same tab (a reply editor whose web mail page
     * navigated to its own reply form: the content script there has another frame id). False otherwise.
     */
    async retarget(token: string, tabId: number, change: (payload: P) => P): Promise<boolean> {
      const record = await read(token).catch(() => undefined);
      if (!record || record.tabId !== tabId || record.claimedBy || now() - record.createdAt > unclaimedLifetimeMs) return false;
      record.payload = change(record.payload);
      await area.set(prefix + token, record);
      return true;
    },
  };
}

export type FrameTokens<P> = ReturnType<typeof createFrameTokens<P>>;
