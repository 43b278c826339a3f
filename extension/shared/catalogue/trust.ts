/** S/MIME trust anchors added by the user; policy roots are listed, locked. */
import { empty, obj, optional, str } from '../schema';
import { fingerprintSchema, MiB, type Entry } from './common';

export type TrustRootSummary = { fingerprint: string; subject: string; source: 'user' | 'policy'; locked: boolean; addedAt: string };

export const trustMessages = {
  'trust.roots': { from: ['frame', 'page'], request: empty },
  'trust.addRoot': { from: ['page'], request: obj({ text: optional(str({ max: 1 * MiB })), base64: optional(str({ max: 2 * MiB })) }) },
  'trust.removeRoot': { from: ['page'], request: obj({ fingerprint: fingerprintSchema }) },
} as const satisfies Record<string, Entry>;

export type TrustResponses = {
  'trust.roots': { roots: TrustRootSummary[] };
  'trust.addRoot': { root: TrustRootSummary };
  'trust.removeRoot': { removed: true };
};
