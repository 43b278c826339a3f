import { fromBase64 } from '../../../keyring/bytes';
import { LockpaneError } from '../../../keyring/errors';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

function bytesOf(base64: string | undefined): Uint8Array | undefined {
  if (base64 === undefined) return undefined;
  try {
    return fromBase64(base64);
  } catch {
    throw new LockpaneError('bad-data', 'The file could not be read (invalid base64).');
  }
}

type KeyMessages = 'keys.list' | 'keys.generate' | 'keys.importPreview' | 'keys.import' | 'keys.exportPublic'
  | 'keys.exportPrivate' | 'keys.delete' | 'keys.setAcceptance' | 'keys.unlock' | 'keys.lockAll';

export function keyHandlers(s: Services): Pick<HandlerMap, KeyMessages> {
  const k = s.keyring;
  return {
    'keys.list': async (req) => ({ keys: await k.list(req.query ?? '') }),
    'keys.generate': async (req) => {
      await s.settings.assertAllowed('allowKeyGeneration'); // managed policy may forbid it
      return k.generate({ name: req.name, email: req.email, passphrase: req.passphrase, algorithm: req.algorithm ?? 'curve25519' });
    },
    'keys.importPreview': async (req) => ({ items: await k.preview({ text: req.text, bytes: bytesOf(req.base64), protectWith: req.protectWith, password: req.password }) }),
    'keys.import': async (req, ctx) => ({ results: await k.import({ text: req.text, bytes: bytesOf(req.base64), protectWith: req.protectWith, password: req.password }, ctx.cls === 'frame' ? 'mail' : 'user') }),
    'keys.exportPublic': async (req) => ({ armored: await k.exportPublic(req.fingerprint) }),
    'keys.exportPrivate': async (req) => {
      await s.settings.assertAllowed('allowPrivateKeyExport'); // managed policy may forbid it
      return { armored: await k.exportPrivate(req.fingerprint, req.passphrase) };
    },
    'keys.delete': async (req) => ({ removed: await k.remove(req.kind, req.fingerprint) }),
    'keys.setAcceptance': async (req) => ({ acceptance: await k.setAcceptance(req.fingerprint, req.event) }),
    'keys.unlock': async (req) => {
      await k.unlock(req.fingerprint, req.passphrase);
      return { unlocked: true };
    },
    'keys.lockAll': async () => {
      await k.unlocks.lockAll();
      return { locked: true };
    },
  };
}
