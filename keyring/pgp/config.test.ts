/** Guards the safety configuration (SECURITY.md A1.2, A4.1, A4.5, A4.6) against regressions anywhere in the repo. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { pgpConfig, openpgpVersion, MAX_ARGON2_MEMORY_EXPONENT, DEFAULT_MAX_DECOMPRESSED_BYTES } from './config';

const repo = path.resolve(__dirname, '../..');

function sources(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) sources(full, out);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(full);
  }
  return out;
}

test('no source in keyring/ or extension/ enables unauthenticated decryption or disables grammar checks', () => {
  const files = [...sources(path.join(repo, 'keyring')), ...sources(path.join(repo, 'extension'))];
  assert.ok(files.length > 10, 'the scan found the sources');
  const forbidden: [RegExp, string][] = [
    [/allowUnauthenticatedMessages\s*[:=]\s*true/, 'allowUnauthenticatedMessages: true'],
    [/allowUnauthenticatedStream\s*[:=]\s*true/, 'allowUnauthenticatedStream: true'],
    [/enforceGrammar\s*[:=]\s*false/, 'enforceGrammar: false'],
    [/allowInsecureDecryptionWithSigningKeys\s*[:=]\s*true/, 'allowInsecureDecryptionWithSigningKeys: true'],
  ];
  const hits: string[] = [];
  for (const f of files) {
    if (f === __filename) continue;
    const text = readFileSync(f, 'utf8');
    for (const [re, what] of forbidden) if (re.test(text)) hits.push(`${path.relative(repo, f)}: ${what}`);
  }
  assert.deepEqual(hits, []);
});

test('installed openpgp is >= 6.2.0 (grammar enforcement, CVE-2025-47934 fix)', () => {
  const pkg = JSON.parse(readFileSync(path.join(repo, 'node_modules/openpgp/package.json'), 'utf8')) as { version: string };
  const [major, minor] = pkg.version.split('.').map(Number) as [number, number];
  assert.ok(major > 6 || (major === 6 && minor >= 2), `openpgp ${pkg.version} is older than 6.2.0`);
  assert.equal(openpgpVersion(), pkg.version);
});

test('the safe values are set explicitly and applied to the library globals', () => {
  assert.equal(pgpConfig.allowUnauthenticatedMessages, false);
  assert.equal(pgpConfig.allowUnauthenticatedStream, false);
  assert.equal(pgpConfig.enforceGrammar, true);
  assert.equal(pgpConfig.allowInsecureDecryptionWithSigningKeys, false);
  assert.ok(MAX_ARGON2_MEMORY_EXPONENT <= 21);
  assert.equal(pgpConfig.maxDecompressedMessageSize, DEFAULT_MAX_DECOMPRESSED_BYTES);
  assert.ok(Number.isFinite(DEFAULT_MAX_DECOMPRESSED_BYTES));
  assert.ok(pgpConfig.rejectMessageHashAlgorithms?.has(openpgp.enums.hash.sha1));
  assert.equal(openpgp.config.maxDecompressedMessageSize, DEFAULT_MAX_DECOMPRESSED_BYTES);
  assert.equal(openpgp.config.maxArgon2MemoryExponent, MAX_ARGON2_MEMORY_EXPONENT);
  assert.equal(openpgp.config.allowUnauthenticatedStream, false);
});
