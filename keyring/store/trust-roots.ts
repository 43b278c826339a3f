/**
 * X.509 trust roots as stored: the user's own (removable) and the organisation's policy roots from
 * managed storage (locked: only a new policy replaces them).
 */
import { LockpaneError } from '../errors';
import type { TrustRoot } from '../trust/types';
import type { Prepared } from './collection';
import { certificatePem, type describeCertificate } from './facts-x509';
import type { Plan, StoreRecords } from './store-records';

type Described = Awaited<ReturnType<typeof describeCertificate>>;

export function addUserRootPlan(records: StoreRecords, d: Described): Plan<TrustRoot> {
  const cur = records.roots.get(d.fingerprint);
  if (cur) return { writes: [], result: cur };
  const root: TrustRoot = { fingerprint: d.fingerprint, certificatePem: certificatePem(d.der), subject: d.facts.subject, source: 'user', locked: false, addedAt: records.now().toISOString() };
  return { writes: [records.roots.prepare(root.fingerprint, root)], result: root };
}

export function removeRootPlan(records: StoreRecords, fp: string): Plan<void> {
  const cur = records.roots.get(fp);
  if (!cur) throw new LockpaneError('not-found', 'No such trust root.');
  if (cur.locked) throw new LockpaneError('unsupported-option', 'This root is set by your organisation\'s policy and cannot be removed here.');
  return { writes: [records.roots.prepare(fp, undefined)], result: undefined };
}

/** The policy roots become exactly `described`; user roots stay. */
export function policyRootsPlan(records: StoreRecords, described: readonly Described[]): Plan<TrustRoot[]> {
  const at = records.now().toISOString();
  const wanted = new Map(described.map((d) => [d.fingerprint as string, d]));
  const writes: Prepared[] = [];
  for (const r of records.roots.values()) if (r.source === 'policy' && !wanted.has(r.fingerprint)) writes.push(records.roots.prepare(r.fingerprint, undefined));
  const result: TrustRoot[] = [];
  for (const [fp, d] of wanted) {
    const cur = records.roots.get(fp);
    const root: TrustRoot = { fingerprint: fp, certificatePem: certificatePem(d.der), subject: d.facts.subject, source: 'policy', locked: true, addedAt: cur?.addedAt ?? at };
    result.push(root);
    if (!cur || cur.source !== 'policy' || !cur.locked) writes.push(records.roots.prepare(fp, root));
  }
  return { writes, result };
}
