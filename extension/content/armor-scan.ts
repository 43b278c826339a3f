/**
 * Finds armored blocks in a piece of page text. Pure and DOM-free so that it is unit-tested; the DOM
 * side (which element holds the block) lives in detector.ts.
 */
import type { ReaderKind } from '../shared/catalogue';

export type FoundBlock = { kind: ReaderKind; text: string };

const blockPattern =
  /-----BEGIN (PGP MESSAGE|PGP SIGNED MESSAGE|PGP PUBLIC KEY BLOCK|PKCS7|CMS)-----[\s\S]*?-----END (PGP MESSAGE|PGP SIGNATURE|PGP PUBLIC KEY BLOCK|PKCS7|CMS)-----/g;

const kindByHeader: Record<string, ReaderKind> = {
  'PGP MESSAGE': 'pgp-message',
  'PGP SIGNED MESSAGE': 'pgp-signed',
  'PGP PUBLIC KEY BLOCK': 'pgp-key',
  PKCS7: 'cms',
  CMS: 'cms',
};

const endFor: Record<ReaderKind, string[]> = {
  'pgp-message': ['PGP MESSAGE'],
  'pgp-signed': ['PGP SIGNATURE'],
  'pgp-key': ['PGP PUBLIC KEY BLOCK'],
  cms: ['PKCS7', 'CMS'],
};

/** Cheap pre-check used on every mutation batch before any real work. */
export function mayContainArmor(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/**
 * Normalises page text as web mails render it: non-breaking spaces, CRLF, and trailing spaces per line.
 * Zero-width characters are not silently dropped: a block containing them is refused (SECURITY A6.6).
 */
export function normaliseArmorText(text: string): string | null {
  if (/[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.test(text)) return null;
  return text.replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n');
}

export function findArmoredBlocks(text: string, limit = 20): FoundBlock[] {
  const found: FoundBlock[] = [];
  for (const m of text.matchAll(blockPattern)) {
    const kind = kindByHeader[m[1]!];
    if (!kind || !endFor[kind].includes(m[2]!)) continue;
    const normalised = normaliseArmorText(m[0]);
    if (normalised) found.push({ kind, text: normalised });
    if (found.length >= limit) break;
  }
  return found;
}
