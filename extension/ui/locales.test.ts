/**
 * Every message key the code uses exists in English and German, German has every English key, and both
 * languages use the same placeholders. Keys are collected from t('…'), tk('…'), both branches of a
 * ternary inside t(…), i18n.getMessage(…) (content.js, which carries no English fallbacks), and __MSG_…__
 * in the manifest.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Messages => JSON.parse(fs.readFileSync(path.join(root, 'extension/static/_locales', lang, 'messages.json'), 'utf8')) as Messages;

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') sources(full, out);
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(full);
  }
  return out;
}

/** The first argument of each t( / tk( / getMessage( call, as source text (up to the first top-level comma or paren). */
function firstArguments(src: string): string[] {
  const out: string[] = [];
  const re = /\b(?:tk?|getMessage)\(/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let depth = 0;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < src.length; i += 1) {
      const c = src[i];
      if (c === '(' || c === '[' || c === '{') depth += 1;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth -= 1;
      } else if (c === ',' && depth === 0) break;
    }
    out.push(src.slice(start, i));
  }
  return out;
}

function keysIn(arg: string): string[] {
  const direct = /^\s*'([A-Za-z0-9_]+)'\s*$/.exec(arg);
  if (direct) return [direct[1]!];
  // Only string literals in result positions of a ternary are keys (conditions compare other strings).
  return [...arg.matchAll(/[?:]\s*\(?\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!);
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(path.join(root, 'extension'))) {
    const src = fs.readFileSync(file, 'utf8');
    for (const arg of firstArguments(src)) for (const k of keysIn(arg)) used.set(k, path.relative(root, file));
  }
  const manifest = fs.readFileSync(path.join(root, 'manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.set(m[1]!, 'manifest.json');
  return used;
}

test('the collector finds keys in plain calls and in ternaries', () => {
  assert.deepEqual(keysIn(" 'popupEnable'"), ['popupEnable']);
  assert.deepEqual(keysIn("k.kind === 'openpgp' ? (k.hasPrivate ? 'kindOwnKey' : 'kindPublicKey') : 'kindCertificate'"), ['kindOwnKey', 'kindPublicKey', 'kindCertificate']);
  const used = usedKeys();
  assert.ok(used.size > 150, `only ${used.size} keys found: the collector is broken`);
  assert.ok(used.has('popupDisabledOn') && used.has('statusRevoked') && used.has('passphraseUnlock'));
});

test('every key used in extension/ exists in en and de', () => {
  const en = load('en');
  const de = load('de');
  const missing = [...usedKeys()].flatMap(([k, file]) => [
    ...(en[k] ? [] : [`en: ${k} (${file})`]), ...(de[k] ? [] : [`de: ${k} (${file})`]),
  ]);
  assert.deepEqual(missing, []);
});

test('de has every en key with the same placeholders, and no empty message', () => {
  const en = load('en');
  const de = load('de');
  const problems: string[] = [];
  for (const [k, v] of Object.entries(en)) {
    const d = de[k];
    if (!d) { problems.push(`de lacks ${k}`); continue; }
    if (!v.message.trim() || !d.message.trim()) problems.push(`${k} is empty`);
    const ph = (m: Messages[string]) => JSON.stringify(Object.entries(m.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]).sort());
    if (ph(v) !== ph(d)) problems.push(`${k}: placeholders differ`);
    for (const name of v.message.match(/\$[A-Za-z0-9_]+\$/g) ?? []) {
      if (!v.placeholders?.[name.slice(1, -1).toLowerCase()]) problems.push(`${k}: ${name} has no placeholder definition`);
    }
  }
  for (const k of Object.keys(de)) if (!en[k]) problems.push(`en lacks ${k} (only in de)`);
  assert.deepEqual(problems, []);
});
