import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Certificate } from '../x509/certificate';
import { certificateHasEmail, encryptionUsageProblems, normaliseEmail, signingUsageProblems } from './cert-policy';

/** Only the fields the rules read; a truncated SPKI counts as a non-EC key, like RSA. */
const cert = (over: Partial<Certificate>): Certificate => ({
  keyUsage: undefined, extendedKeyUsage: undefined, sanEmails: [], subjectEmails: [],
  spki: new Uint8Array([0x30, 0x0d, 0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]),
  ...over,
}) as Certificate;

test('signing: digitalSignature or nonRepudiation, and emailProtection or anyEKU when the extensions are present', () => {
  assert.deepEqual(signingUsageProblems(cert({})), []);
  assert.deepEqual(signingUsageProblems(cert({ keyUsage: ['nonRepudiation'], extendedKeyUsage: ['2.5.29.37.0'] })), []);
  assert.equal(signingUsageProblems(cert({ keyUsage: ['keyEncipherment'] })).length, 1);
  assert.equal(signingUsageProblems(cert({ extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'] })).length, 1);
});

test('encryption: keyEncipherment for RSA when key usage is present', () => {
  assert.deepEqual(encryptionUsageProblems(cert({ keyUsage: ['keyEncipherment'] })), []);
  assert.match(encryptionUsageProblems(cert({ keyUsage: ['digitalSignature'] }))[0]!, /keyEncipherment/);
});

test('email binding: addr-spec from a display form, case-insensitive, SAN or subject emailAddress', () => {
  assert.equal(normaliseEmail('The Manager <Eve@Example.TEST>'), 'eve@example.test');
  assert.equal(certificateHasEmail(cert({ sanEmails: ['eve@example.test'] }), '"Manager" <EVE@example.test>'), true);
  assert.equal(certificateHasEmail(cert({ subjectEmails: ['a@b.test'] }), 'a@b.test'), true);
  assert.equal(certificateHasEmail(cert({ sanEmails: ['eve@example.test'] }), 'The Manager <manager@example.test>'), false);
  assert.equal(certificateHasEmail(cert({}), ''), false);
});
