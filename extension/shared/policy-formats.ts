/**
 * Text formats that settings and policy entries must have. Each returns the normalised value or a
 * problem an administrator can act on. Deeper checks (does the PEM parse, does the key read) happen in
 * the worker when the entry is applied; these only keep obvious garbage out early.
 */
import { toSiteOrigin } from './ids';
import type { StringFormat } from './policy-spec';

const hostLabel = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const domain = `${hostLabel}(?:\\.${hostLabel})*`;
const domainPattern = new RegExp(`^(?:\\*\\.)?${domain}$`);
const addressPattern = new RegExp(`^[a-z0-9.!#$%&'+/=?^_{|}~-]{1,64}@${domain}$`);
const wildcardOriginPattern = new RegExp(`^(https?)://\\*\\.(${domain})(?::(\\d{1,5}))?$`);

/** `https://host[:port]`: where Lockpane may run. */
export const originFormat: StringFormat = (s) => {
  const o = toSiteOrigin(s.trim());
  if (!o) return { ok: false, problem: 'expected a web origin such as https://mail.example.com' };
  if (new URL(s.trim()).pathname !== '/') return { ok: false, problem: 'expected an origin without a path, such as https://mail.example.com' };
  return { ok: true, value: o };
};

/** An origin, or `https://*.example.com` for every subdomain: where Lockpane must never run. */
export const sitePatternFormat: StringFormat = (s) => {
  const t = s.trim().toLowerCase();
  if (wildcardOriginPattern.test(t)) return { ok: true, value: t };
  const o = originFormat(t);
  return o.ok ? o : { ok: false, problem: 'expected an origin such as https://mail.example.com or https://*.example.com' };
};

/** `alice@example.com`, `example.com` (that domain) or `*.example.com` (its subdomains). */
export const recipientPatternFormat: StringFormat = (s) => {
  const t = s.trim().toLowerCase();
  if (addressPattern.test(t) || domainPattern.test(t)) return { ok: true, value: t };
  return { ok: false, problem: 'expected an address (alice@example.com), a domain (example.com) or *.example.com' };
};

/** Key servers are contacted over HTTPS only. */
export const httpsUrlFormat: StringFormat = (s) => {
  let url: URL;
  try {
    url = new URL(s.trim());
  } catch {
    return { ok: false, problem: 'expected an https:// URL' };
  }
  if (url.protocol !== 'https:' || url.username || url.password) return { ok: false, problem: 'expected an https:// URL without credentials' };
  return { ok: true, value: url.href.replace(/\/$/, '') };
};

const pemCertificate = /^\s*-----BEGIN CERTIFICATE-----\s+[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/;

/** Exactly one PEM certificate. */
export const pemCertificateFormat: StringFormat = (s) =>
  pemCertificate.test(s) ? { ok: true, value: s.trim() } : { ok: false, problem: 'expected one PEM certificate (-----BEGIN CERTIFICATE-----)' };

/** An armored OpenPGP public key or a PEM certificate; private key material is refused outright. */
export const publicKeyFormat: StringFormat = (s) => {
  if (/PRIVATE KEY/.test(s)) return { ok: false, problem: 'contains private key material; only public keys and certificates may be pre-installed' };
  if (/^\s*-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----\s*$/.test(s)) return { ok: true, value: s.trim() };
  if (pemCertificate.test(s)) return { ok: true, value: s.trim() };
  return { ok: false, problem: 'expected an armored OpenPGP public key or one PEM certificate' };
};
