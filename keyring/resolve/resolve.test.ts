import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CertificateEntry, Entry, OpenPgpEntry } from '../store/entry';
import { syntheticEntry } from '../testing/entries';
import type { Acceptance } from '../trust/acceptance';
import type { ChainStatus } from '../trust/chain-validator';
import type { ConflictRecord } from '../trust/types';
import { identityView } from './identity';
import { resolveRecipients } from './recipients';
import type { ResolveContext } from './types';

const NOW = new Date('2026-06-01T00:00:00Z');
let n = 0;

function pgp(email: string, over: { facts?: Partial<OpenPgpEntry['facts']>; sub?: Partial<OpenPgpEntry['facts']['subkeys'][number]>; priv?: boolean; created?: string } = {}): OpenPgpEntry {
  const e = syntheticEntry(++n, [email]);
  e.facts = { ...e.facts, ...(over.created ? { created: over.created } : {}), ...over.facts, subkeys: e.facts.subkeys.map((s) => ({ ...s, ...over.sub })) };
  if (over.priv) e.privateArmored = 'protected';
  return e;
}

function cert(email: string, over: Partial<CertificateEntry['facts']> = {}, priv = false): CertificateEntry {
  const fp = (++n).toString(16).padStart(64, 'C').toUpperCase();
  return {
    kind: 'x509', fingerprint: fp as CertificateEntry['fingerprint'], emails: [email], certificatePem: '', addedAt: '',
    facts: {
      subject: `CN=${email}`, issuer: 'CN=CA', serialNumber: '01', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z',
      selfSigned: false, isCa: false, publicKeyAlgorithm: 'rsa', keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: ['1.3.6.1.5.5.7.3.4'], ...over,
    },
    ...(priv ? { privateKey: {} as never } : {}),
  };
}

function ctx(entries: Entry[], opts: { acceptance?: Record<string, Acceptance>; chain?: Record<string, ChainStatus['status']>; conflicts?: ConflictRecord[] } = {}): ResolveContext {
  return {
    findByEmail: (email) => entries.filter((e) => e.emails.includes(email)),
    acceptanceOf: (fp) => opts.acceptance?.[fp] ?? 'unverified',
    chainStatus: (fp) => {
      const s = opts.chain?.[fp] ?? 'valid';
      return s === 'valid' ? { status: 'valid', anchor: 'R' } : { status: s, detail: s };
    },
    conflicts: opts.conflicts ?? [],
    now: NOW,
  };
}

describe('identity view', () => {
  it('gives the reason for each way a key or certificate can be unusable', () => {
    const cases: [string, Entry, Parameters<typeof ctx>[1], 'openpgp' | 'smime', string | null][] = [
      ['usable key', pgp('a@x.org'), {}, 'openpgp', null],
      ['revoked key', pgp('a@x.org', { facts: { revoked: true } }), {}, 'openpgp', 'revoked'],
      ['expired key', pgp('a@x.org', { facts: { expires: '2026-05-01T00:00:00Z' } }), {}, 'openpgp', 'expired'],
      ['expired encryption subkey', pgp('a@x.org', { sub: { expires: '2026-05-01T00:00:00Z' } }), {}, 'openpgp', 'expired'],
      ['revoked encryption subkey', pgp('a@x.org', { sub: { revoked: true } }), {}, 'openpgp', 'no-encryption-capability'],
      ['signing-only key', pgp('a@x.org', { sub: { canEncrypt: false, canSign: true } }), {}, 'openpgp', 'no-encryption-capability'],
      ['undecided key', pgp('a@x.org'), { acceptance: {} }, 'openpgp', 'untrusted'],
      ['usable certificate', cert('a@x.org'), {}, 'smime', null],
      ['untrusted chain', cert('a@x.org'), {}, 'smime', 'untrusted'],
      ['revoked certificate', cert('a@x.org'), {}, 'smime', 'revoked'],
      ['expired certificate', cert('a@x.org', { notAfter: '2026-05-01T00:00:00Z' }), {}, 'smime', 'expired'],
      ['signing-only key usage', cert('a@x.org', { keyUsage: ['digitalSignature'] }), {}, 'smime', 'no-encryption-capability'],
      ['no emailProtection EKU', cert('a@x.org', { extKeyUsage: ['1.3.6.1.5.5.7.3.2'] }), {}, 'smime', 'no-encryption-capability'],
      ['ECDH key agreement, no KU restriction on EKU', cert('a@x.org', { keyUsage: ['keyAgreement'], extKeyUsage: null }), {}, 'smime', null],
    ];
    for (const [what, entry, o, proto, reason] of cases) {
      const opts = { ...o };
      if (what === 'undecided key') opts.acceptance = { [entry.fingerprint]: 'undecided' };
      if (what === 'untrusted chain') opts.chain = { [entry.fingerprint]: 'untrusted' };
      if (what === 'revoked certificate') opts.chain = { [entry.fingerprint]: 'revoked' };
      const v = identityView('A@X.org', ctx([entry], opts));
      const pv = proto === 'openpgp' ? v.openpgp : v.smime;
      assert.equal(pv.reason, reason, what);
      assert.equal(pv.encryptTo, reason === null ? entry.fingerprint : null, what);
      assert.equal((proto === 'openpgp' ? v.smime : v.openpgp).reason, 'no-key', what);
    }
  });

  it('a rejected key is never used, not even to verify', () => {
    const k = pgp('b@x.org');
    const v = identityView('b@x.org', ctx([k], { acceptance: { [k.fingerprint]: 'rejected' } }));
    assert.deepEqual([v.openpgp.encryptTo, v.openpgp.reason, v.openpgp.verifiers], [null, 'rejected', []]);
  });

  it('prefers a verified key over a newer unverified one, and the newest among equals', () => {
    const old = pgp('c@x.org', { created: '2020-01-01T00:00:00Z' });
    const newer = pgp('c@x.org', { created: '2025-01-01T00:00:00Z' });
    assert.equal(identityView('c@x.org', ctx([old, newer])).openpgp.encryptTo, newer.fingerprint);
    assert.equal(identityView('c@x.org', ctx([old, newer], { acceptance: { [old.fingerprint]: 'verified' } })).openpgp.encryptTo, old.fingerprint);
    // Expired keys still verify old signatures; both are verifiers.
    assert.equal(identityView('c@x.org', ctx([old, newer])).openpgp.verifiers.length, 2);
  });

  it('a newcomer with an open conflict is neither used nor a verifier, while the known key keeps working', () => {
    const known = pgp('d@x.org');
    const pushed = pgp('d@x.org', { created: '2026-05-01T00:00:00Z' });
    const conflict: ConflictRecord = { id: 'c1', kind: 'openpgp', email: 'd@x.org', known: [known.fingerprint], candidate: pushed.fingerprint, source: 'autocrypt', detectedAt: '' };
    const v = identityView('d@x.org', ctx([known, pushed], { conflicts: [conflict] }));
    assert.equal(v.openpgp.encryptTo, known.fingerprint);
    assert.deepEqual(v.openpgp.verifiers, [known.fingerprint]);
    assert.equal(v.openpgp.candidates.find((c) => c.fingerprint === pushed.fingerprint)?.pendingConflict, true);
  });

  it('the shown reason is the most actionable one among several unusable keys', () => {
    const revoked = pgp('e@x.org', { facts: { revoked: true } });
    const undecided = pgp('e@x.org');
    const v = identityView('e@x.org', ctx([revoked, undecided], { acceptance: { [undecided.fingerprint]: 'undecided' } }));
    assert.equal(v.openpgp.reason, 'untrusted');
  });
});

describe('recipient resolution', () => {
  const alicePgp = pgp('alice@x.org');
  const aliceCert = cert('alice@x.org');
  const bobPgp = pgp('bob@x.org');
  const carolCert = cert('carol@x.org');
  const mePgp = pgp('me@x.org', { priv: true });
  const meCert = cert('me@x.org', {}, true);
  const all = [alicePgp, aliceCert, bobPgp, carolCert, mePgp, meCert];

  it('OpenPGP when every recipient has a usable key, with the sender\'s own key for the sent copy and signing', () => {
    const r = resolveRecipients({ from: 'me@x.org', to: ['Alice@x.org'], cc: ['bob@x.org', 'alice@x.org'], preference: 'smime' }, ctx(all));
    assert.ok(r.ok);
    assert.equal(r.protocol, 'openpgp');
    assert.deepEqual(r.recipients, [{ email: 'alice@x.org', fingerprint: alicePgp.fingerprint }, { email: 'bob@x.org', fingerprint: bobPgp.fingerprint }]);
    assert.deepEqual(r.self, { encryptTo: mePgp.fingerprint, signWith: mePgp.fingerprint });
    assert.equal(r.alternative, null);
  });

  it('S/MIME when every recipient has a usable certificate', () => {
    const r = resolveRecipients({ from: 'me@x.org', to: ['alice@x.org', 'carol@x.org'], preference: 'openpgp' }, ctx(all));
    assert.ok(r.ok);
    assert.equal(r.protocol, 'smime');
    assert.deepEqual(r.self, { encryptTo: meCert.fingerprint, signWith: meCert.fingerprint });
  });

  it('the preference decides when both work, and the other is reported as the alternative', () => {
    for (const preference of ['openpgp', 'smime'] as const) {
      const r = resolveRecipients({ from: 'me@x.org', to: ['alice@x.org'], preference }, ctx(all));
      assert.ok(r.ok);
      assert.equal(r.protocol, preference);
      assert.equal(r.alternative, preference === 'openpgp' ? 'smime' : 'openpgp');
    }
  });

  it('otherwise lists what is missing, per recipient and protocol', () => {
    const r = resolveRecipients({ from: 'me@x.org', to: ['bob@x.org', 'carol@x.org', 'dan@x.org', 'alice@x.org'], preference: 'openpgp' },
      ctx(all, { acceptance: {} }));
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.reason, 'missing-keys');
    assert.deepEqual(r.missing, [
      { email: 'bob@x.org', openpgp: null, smime: 'no-key' },
      { email: 'carol@x.org', openpgp: 'no-key', smime: null },
      { email: 'dan@x.org', openpgp: 'no-key', smime: 'no-key' },
    ]);
    assert.deepEqual(resolveRecipients({ from: 'me@x.org', to: [' '], preference: 'openpgp' }, ctx(all)), { ok: false, reason: 'no-recipients', missing: [] });
  });

  it('property: a chosen protocol always covers every recipient with a usable key of that protocol', () => {
    const people = ['p0@x.org', 'p1@x.org', 'p2@x.org', 'p3@x.org'];
    const entry = fc.tuple(fc.constantFrom(...people), fc.boolean(), fc.constantFrom<Acceptance>('undecided', 'unverified', 'verified', 'rejected'), fc.boolean(), fc.boolean());
    fc.assert(fc.property(fc.array(entry, { maxLength: 10 }), fc.subarray(people, { minLength: 1 }), fc.constantFrom('openpgp' as const, 'smime' as const), (specs, to, preference) => {
      const acceptance: Record<string, Acceptance> = {};
      const chain: Record<string, ChainStatus['status']> = {};
      const entries: Entry[] = specs.map(([email, isPgp, acc, revoked, trusted]) => {
        const e = isPgp ? pgp(email, { facts: { revoked } }) : cert(email);
        acceptance[e.fingerprint] = acc;
        chain[e.fingerprint] = trusted ? 'valid' : 'untrusted';
        return e;
      });
      const c = ctx(entries, { acceptance, chain });
      const r = resolveRecipients({ from: 'me@x.org', to, preference }, c);
      if (r.ok) {
        assert.equal(r.recipients.length, to.length);
        for (const rec of r.recipients) {
          const e = entries.find((x) => x.fingerprint === rec.fingerprint)!;
          assert.ok(e.emails.includes(rec.email));
          assert.equal(e.kind, r.protocol === 'openpgp' ? 'openpgp' : 'x509');
          if (e.kind === 'openpgp') assert.ok(!e.facts.revoked && (acceptance[e.fingerprint] === 'unverified' || acceptance[e.fingerprint] === 'verified'));
          else assert.equal(chain[e.fingerprint], 'valid');
        }
      } else {
        assert.ok(r.missing.length > 0);
      }
    }));
  });
});
