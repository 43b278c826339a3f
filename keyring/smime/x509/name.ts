/** X.500 names: readable RFC 4514-style strings and a comparison tolerant of string-type changes. */
import { contentOf, decodeOid, Tag, type Tlv } from '../asn1/der-reader';
import { OID } from '../oids';

const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID', [OID.emailAddress]: 'emailAddress',
};

/** Decodes a directory string of any of the usual ASN.1 string types. */
export function decodeString(n: Tlv): string {
  const b = contentOf(n);
  switch (n.tag) {
    case Tag.UTF8: return new TextDecoder('utf-8', { fatal: false }).decode(b);
    case Tag.BMP: {
      let s = '';
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    case 28: return '(universal string)';
    default: return new TextDecoder('latin1').decode(b); // Printable, IA5, T61, Visible
  }
}

export type NameAttribute = { type: string; value: string };

export function nameAttributes(name: Tlv): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of name.children) {
    for (const atv of rdn.children) {
      const [t, v] = atv.children;
      if (t === undefined || v === undefined) continue;
      out.push({ type: decodeOid(t), value: v.constructed ? '' : decodeString(v) });
    }
  }
  return out;
}

const escape = (s: string): string => s.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');

/** RFC 4514 order (most specific first), e.g. "CN=bob,O=Example". */
export function formatName(name: Tlv): string {
  const rdns = name.children.map((rdn) => rdn.children.map((atv) => {
    const [t, v] = atv.children;
    if (t === undefined || v === undefined) return '';
    const type = decodeOid(t);
    return `${shortNames[type] ?? type}=${escape(v.constructed ? '' : decodeString(v))}`;
  }).join('+'));
  return rdns.reverse().join(',');
}

/** Equal when the DER is equal, or when the attribute lists match ignoring case and spacing. */
export function namesEqual(a: Tlv, b: Tlv): boolean {
  const ab = a.buf.subarray(a.start, a.end);
  const bb = b.buf.subarray(b.start, b.end);
  if (ab.length === bb.length && ab.every((x, i) => x === bb[i])) return true;
  const norm = (n: Tlv): string => nameAttributes(n).map((x) => `${x.type}=${x.value.trim().replace(/\s+/g, ' ').toLowerCase()}`).join('|');
  return norm(a) === norm(b);
}
