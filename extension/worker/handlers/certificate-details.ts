/**
 * The details of one X.509 certificate for the keyring page: issuer, serial, validity, key usages, and
 * its path to a trust anchor with the validator's verdict (the same one recipient resolution uses).
 * Facts only; never key material.
 */
import { LockpaneError } from '../../../keyring/errors';
import type { CertificateEntry } from '../../../keyring/store/entry';
import { evaluateCertificates } from '../../../keyring/trust/chain-validator';
import type { TrustRoot } from '../../../keyring/trust/types';
import type { CertificateDetails } from '../../shared/catalogue';
import type { HandlerMap } from '../router';
import type { Services } from '../services';
import { smimeChainValidator } from '../smime/chain-validator';

type Link = { subject: string; issuer: string; selfSigned: boolean; anchor: boolean };

/**
 * The issuer chain by names, leaf first, through the keyring's CA certificates up to a trust anchor
 * (or as far as it goes). For display only: the verdict comes from the signature-checking validator.
 */
export function namePath(leaf: CertificateEntry, cas: readonly CertificateEntry[], roots: readonly TrustRoot[]): Link[] {
  const path: Link[] = [{ subject: leaf.facts.subject, issuer: leaf.facts.issuer, selfSigned: leaf.facts.selfSigned, anchor: false }];
  const seen = new Set([leaf.fingerprint]);
  let issuer = leaf.facts.issuer;
  for (let depth = 0; depth < 8 && !path[path.length - 1]!.selfSigned; depth++) {
    const root = roots.find((r) => r.subject === issuer);
    if (root) {
      path.push({ subject: root.subject, issuer: root.subject, selfSigned: true, anchor: true });
      break;
    }
    const next = cas.find((c) => c.facts.subject === issuer && !seen.has(c.fingerprint));
    if (!next) break;
    seen.add(next.fingerprint);
    path.push({ subject: next.facts.subject, issuer: next.facts.issuer, selfSigned: next.facts.selfSigned, anchor: false });
    issuer = next.facts.issuer;
  }
  return path;
}

export function certificateDetailHandlers(s: Services): Pick<HandlerMap, 'keys.certificateDetails'> {
  return {
    'keys.certificateDetails': async (req): Promise<CertificateDetails> => {
      const store = await s.keyring.store();
      const entry = store.getCertificate(req.fingerprint);
      if (!entry) throw new LockpaneError('not-found', 'No certificate with this fingerprint is in your keyring.');
      const certificates = store.list().filter((e): e is CertificateEntry => e.kind === 'x509');
      const cas = certificates.filter((c) => c.facts.isCa);
      const roots = store.roots();
      const verdict = entry.facts.isCa
        ? null
        : (await evaluateCertificates([entry, ...cas], roots, smimeChainValidator, new Date())).get(entry.fingerprint) ?? null;
      const f = entry.facts;
      return {
        subject: f.subject, issuer: f.issuer, serialNumber: f.serialNumber, notBefore: f.notBefore, notAfter: f.notAfter,
        keyUsage: f.keyUsage, extKeyUsage: f.extKeyUsage, isCa: f.isCa,
        chain: verdict ? (verdict.status === 'valid' ? { status: 'valid', anchor: verdict.anchor } : { status: verdict.status, detail: verdict.detail }) : null,
        path: namePath(entry, cas, roots).map((l) => ({ subject: l.subject, anchor: l.anchor })),
      };
    },
  };
}
