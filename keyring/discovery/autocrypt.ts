/**
 * Autocrypt Level 1 headers from a raw message source → import candidates. Only the message's own
 * top-level header block is read. A header counts only if its addr equals the single From address,
 * it has keydata, and it carries no unknown critical attribute; more than one valid header means
 * none is used (as the specification asks). The key must bind the address to be offered.
 */
import { LockpaneError } from '../errors';
import { fromBase64 } from '../bytes';
import { emailFromUserId, normalizeEmail } from '../store/entry';
import { candidatesFrom, type KeyCandidate } from './candidate';

export type AutocryptCandidate = KeyCandidate & { preferEncrypt: 'mutual' | 'nopreference'; date: string | null };

export type AutocryptResult = { candidate: AutocryptCandidate | null; ignored: string[] };

/** Header blocks beyond this are not mail headers we want to parse. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** The unfolded top-level header fields, in order, as [lower-case name, value]. */
export function readHeaders(source: string | Uint8Array): [string, string][] {
  const text = typeof source === 'string' ? source.slice(0, MAX_HEADER_BYTES) : new TextDecoder('latin1').decode(source.subarray(0, MAX_HEADER_BYTES));
  const end = /\r?\n\r?\n/.exec(text);
  const block = end ? text.slice(0, end.index) : text;
  const fields: [string, string][] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

function parseAttributes(value: string): Map<string, string> | null {
  const attrs = new Map<string, string>();
  for (const part of value.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return null;
    const name = p.slice(0, eq).trim().toLowerCase();
    if (attrs.has(name)) return null;
    attrs.set(name, p.slice(eq + 1).trim());
  }
  return attrs;
}

export async function autocryptFromMessage(source: string | Uint8Array, now = new Date()): Promise<AutocryptResult> {
  const headers = readHeaders(source);
  const ignored: string[] = [];
  const froms = headers.filter(([n]) => n === 'from');
  const fromAddrs = froms.flatMap(([, v]) => v.split(',')).map((v) => emailFromUserId(v.trim())).filter((a): a is string => a !== undefined);
  if (froms.length !== 1 || fromAddrs.length !== 1) {
    return { candidate: null, ignored: headers.some(([n]) => n === 'autocrypt') ? ['the message has no single From address'] : [] };
  }
  const from = fromAddrs[0]!;
  const valid: { attrs: Map<string, string> }[] = [];
  for (const [name, value] of headers) {
    if (name !== 'autocrypt') continue;
    const attrs = parseAttributes(value);
    if (!attrs) { ignored.push('malformed Autocrypt header'); continue; }
    const addr = attrs.get('addr');
    if (!addr || !attrs.get('keydata')) { ignored.push('Autocrypt header without addr or keydata'); continue; }
    if (normalizeEmail(addr) !== from) { ignored.push(`Autocrypt addr ${addr} is not the From address`); continue; }
    const critical = [...attrs.keys()].filter((k) => !['addr', 'keydata', 'prefer-encrypt'].includes(k) && !k.startsWith('_'));
    if (critical.length > 0) { ignored.push(`Autocrypt header with unknown attribute ${critical[0]}`); continue; }
    valid.push({ attrs });
  }
  if (valid.length > 1) return { candidate: null, ignored: [...ignored, 'more than one Autocrypt header: all ignored'] };
  const chosen = valid[0];
  if (!chosen) return { candidate: null, ignored };
  let keyBytes: Uint8Array;
  try {
    keyBytes = fromBase64(chosen.attrs.get('keydata')!);
  } catch {
    return { candidate: null, ignored: [...ignored, 'Autocrypt keydata is not base64'] };
  }
  let found: KeyCandidate[];
  try {
    found = await candidatesFrom(keyBytes, 'autocrypt', from, from, now);
  } catch (e) {
    return { candidate: null, ignored: [...ignored, `Autocrypt keydata is not a usable key (${e instanceof LockpaneError ? e.code : 'error'})`] };
  }
  if (found.length !== 1) return { candidate: null, ignored: [...ignored, 'the Autocrypt key does not bind the From address'] };
  const dateHeader = headers.find(([n]) => n === 'date')?.[1];
  const parsed = dateHeader ? Date.parse(dateHeader) : NaN;
  return {
    candidate: {
      ...found[0]!,
      preferEncrypt: chosen.attrs.get('prefer-encrypt') === 'mutual' ? 'mutual' : 'nopreference',
      date: Number.isFinite(parsed) ? new Date(parsed).toISOString() : null,
    },
    ignored,
  };
}
