/**
 * The keyring's ChainValidator (keyring/trust/chain-validator.ts) over the S/MIME core's path building:
 * a certificate is usable only on a path to one of the user's or the organisation's roots, and only
 * while every certificate of that path is within its validity period.
 */
import { parseCertificate } from '../../../keyring/smime';
import { buildChain } from '../../../keyring/smime/trust/chain';
import type { ChainStatus, ChainValidator } from '../../../keyring/trust/chain-validator';
import { createDerMemo } from './certificate-cache';

// evaluateCertificates hands every leaf the same root and CA buffers: parse each of them once.
const parseShared = createDerMemo(parseCertificate);

export const smimeChainValidator: ChainValidator = {
  async validateChain(certDer, opts): Promise<ChainStatus> {
    const leaf = parseCertificate(certDer);
    const anchors = opts.roots.map(parseShared);
    const intermediates = opts.intermediates.map(parseShared);
    const r = await buildChain(leaf, intermediates, anchors);
    if (r.status === 'unsupported-algorithm') return { status: 'unsupported', detail: r.reason ?? 'unsupported algorithm' };
    if (r.status !== 'trusted') return { status: 'untrusted', detail: r.reason ?? 'no path to a trusted root' };
    if (r.expiredAt(opts.now)) return { status: 'expired', detail: 'a certificate of the path is outside its validity period' };
    return { status: 'valid', anchor: r.path[r.path.length - 1]!.subject };
  },
};
