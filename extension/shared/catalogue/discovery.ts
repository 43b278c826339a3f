/**
 * Key discovery (WKD, VKS key servers from settings). Never from content scripts; the editor frame
 * passes its token. Import takes only a candidate id the worker kept from a lookup.
 */
import { discoveryImportSchema, discoveryLookupSchema } from '../discovery-types';
import { obj, optional, str } from '../schema';
import { emailSchema, tokenSchema, type Entry } from './common';

export const discoveryMessages = {
  'discovery.lookup': { from: ['frame', 'page'], request: obj({ email: emailSchema, token: optional(tokenSchema) }), reply: discoveryLookupSchema },
  'discovery.import': { from: ['frame', 'page'], request: obj({ id: str({ min: 16, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }), token: optional(tokenSchema) }), reply: discoveryImportSchema },
} as const satisfies Record<string, Entry>;
