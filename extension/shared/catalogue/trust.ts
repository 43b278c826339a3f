/** S/MIME trust anchors added by the user; policy roots are listed, locked. */
import { arr, bool, empty, exactly, literal, obj, optional, str, type Infer } from '../schema';
import { fingerprintSchema, isoTime, mailText, many, MiB, type Entry } from './common';

const trustRootSummarySchema = obj({ fingerprint: fingerprintSchema, subject: mailText, source: literal('user', 'policy'), locked: bool, addedAt: isoTime });
export type TrustRootSummary = Infer<typeof trustRootSummarySchema>;

export const trustMessages = {
  'trust.roots': { from: ['frame', 'page'], request: empty, reply: obj({ roots: arr(trustRootSummarySchema, many) }) },
  'trust.addRoot': { from: ['page'], request: obj({ text: optional(str({ max: 1 * MiB })), base64: optional(str({ max: 2 * MiB })) }), reply: obj({ root: trustRootSummarySchema }) },
  'trust.removeRoot': { from: ['page'], request: obj({ fingerprint: fingerprintSchema }), reply: obj({ removed: exactly(true) }) },
} as const satisfies Record<string, Entry>;
