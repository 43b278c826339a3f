import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpsUrlFormat, originFormat, pemCertificateFormat, publicKeyFormat, recipientPatternFormat, sitePatternFormat } from './policy-formats';
import type { StringFormat } from './policy-spec';

const accepts = (f: StringFormat, input: string, out: string) => assert.deepEqual(f(input), { ok: true, value: out }, input);
const refuses = (f: StringFormat, input: string) => assert.equal(f(input).ok, false, input);

test('origins, site patterns, recipient rules and key server URLs', () => {
  accepts(originFormat, ' https://Mail.Example.com ', 'https://mail.example.com');
  accepts(originFormat, 'http://127.0.0.1:8080', 'http://127.0.0.1:8080');
  for (const bad of ['https://mail.example.com/inbox', 'mail.example.com', 'file:///etc', 'https://*.example.com']) refuses(originFormat, bad);
  accepts(sitePatternFormat, 'https://*.Example.com', 'https://*.example.com');
  accepts(sitePatternFormat, 'https://mail.example.com', 'https://mail.example.com');
  refuses(sitePatternFormat, '*://*');
  accepts(recipientPatternFormat, 'Legal@Example.com', 'legal@example.com');
  accepts(recipientPatternFormat, '*.example.com', '*.example.com');
  for (const bad of ['', 'exa mple.com', '@example.com', '*@example.com', 'https://example.com']) refuses(recipientPatternFormat, bad);
  accepts(httpsUrlFormat, 'https://keys.example.com/', 'https://keys.example.com');
  for (const bad of ['http://keys.example.com', 'https://u:p@keys.example.com', 'keys.example.com']) refuses(httpsUrlFormat, bad);
});

test('PEM certificates and public keys; private key material is refused', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----\n';
  accepts(pemCertificateFormat, pem, pem.trim());
  refuses(pemCertificateFormat, `${pem}${pem}`.replace(/\n-----BEGIN/, 'junk-----BEGIN'));
  accepts(publicKeyFormat, pem, pem.trim());
  accepts(publicKeyFormat, '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----');
  refuses(publicKeyFormat, '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxjMEZ\n-----END PGP PRIVATE KEY BLOCK-----');
  refuses(publicKeyFormat, `${pem}-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----`);
});
