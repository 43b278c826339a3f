/** S/MIME trust anchors the user manages on the options page; policy roots are listed but locked. */
import { fromBase64 } from '../../../keyring/bytes';
import { LockpaneError } from '../../../keyring/errors';
import type { TrustRoot } from '../../../keyring/trust/types';
import type { TrustRootSummary } from '../../shared/catalogue';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

const summary = (r: TrustRoot): TrustRootSummary => ({ fingerprint: r.fingerprint, subject: r.subject, source: r.source, locked: r.locked, addedAt: r.addedAt });

function input(req: { text?: string | undefined; base64?: string | undefined }): string | Uint8Array {
  if (req.text !== undefined) return req.text;
  if (req.base64 !== undefined) {
    try {
      return fromBase64(req.base64);
    } catch {
      throw new LockpaneError('bad-data', 'The file could not be read (invalid base64).');
    }
  }
  throw new LockpaneError('missing-argument', 'No certificate was given.');
}

export function trustRootHandlers(s: Services): Pick<HandlerMap, 'trust.roots' | 'trust.addRoot' | 'trust.removeRoot'> {
  return {
    'trust.roots': async () => ({ roots: (await s.keyring.store()).roots().map(summary) }),
    'trust.addRoot': async (req) => ({ root: summary(await (await s.keyring.store()).addUserRoot(input(req))) }),
    'trust.removeRoot': async (req) => {
      await (await s.keyring.store()).removeRoot(req.fingerprint);
      return { removed: true };
    },
  };
}
