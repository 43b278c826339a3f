/**
 * The reply schemas of the messages a content script sends, in a module of their own: content.js (≤ 25 KB,
 * DESIGN §9) bundles only these, not every schema of the catalogue. The area files use the same schemas.
 */
import { bool, nullable, obj } from '../schema';
import { frameTokenSchema } from './common';

/** A single-use token for the frame the content script mounts next. */
export const openedReply = obj({ token: frameTokenSchema });
export const helloReply = obj({ enabled: bool });
/** The reply editor waiting for this tab and site, if any. */
export const takeReplyReply = obj({ token: nullable(frameTokenSchema) });
/** The adapter bundle was injected into the asking frame. */
export const loadAdapterReply = obj({ loaded: bool });
