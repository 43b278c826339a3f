/**
 * The text half of the cleartext signature framework (RFC 9580 §7), written the way gpg and sqop
 * write it, so that text signed here comes back byte for byte from their verifiers and theirs from ours:
 * - each line keeps its own line ending (LF or CRLF); a last line without one gets LF, because the
 *   line ending before "-----BEGIN PGP SIGNATURE-----" belongs to the frame, not to the text;
 * - trailing spaces and tabs are not signed (§7.2), so they are neither written nor given back;
 * - lines starting with "-" or "From " are dash-escaped (§7.1).
 */

export type FramedLine = { content: string; eol: '\n' | '\r\n' };

/** Lines of `text`, split on LF; a CR before the LF is the line ending, not content. No final empty line. */
export function splitLines(text: string): FramedLine[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const lines: FramedLine[] = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (last && part === '') return;
    const crlf = !last && part.endsWith('\r');
    lines.push({ content: crlf ? part.slice(0, -1) : part, eol: crlf ? '\r\n' : '\n' });
  });
  return lines;
}

const stripTrailing = (s: string): string => s.replace(/[ \t]+$/, '');

/** What the signature covers: trailing white space removed, lines joined with LF (the signer makes them CRLF), no final line ending. */
export function signedText(lines: FramedLine[]): string {
  return lines.map((l) => stripTrailing(l.content)).join('\n');
}

/** The text as gpg and sqop print it after verifying: every line stripped and ended with its own line ending. */
export function printedText(lines: FramedLine[]): string {
  return lines.map((l) => stripTrailing(l.content) + l.eol).join('');
}

/** The frame's body: dash-escaped lines, each ended; it is followed directly by the BEGIN PGP SIGNATURE line. */
export function framedBody(lines: FramedLine[]): string {
  return lines.map((l) => {
    const c = stripTrailing(l.content);
    return (c.startsWith('-') || c.startsWith('From ') ? `- ${c}` : c) + l.eol;
  }).join('');
}

/**
 * The body lines of a cleartext-signed block (from its BEGIN line to its END line), dash-escapes
 * removed, or null when the block has no header/body separator or no signature line.
 */
export function readFramedBody(block: string): FramedLine[] | null {
  const lines = splitLines(block);
  const sep = lines.findIndex((l, i) => i > 0 && l.content === '');
  const sig = lines.findIndex((l, i) => i > sep && l.content.startsWith('-----BEGIN PGP SIGNATURE-----'));
  if (sep < 0 || sig < 0) return null;
  return lines.slice(sep + 1, sig).map((l) => ({ content: l.content.startsWith('- ') ? l.content.slice(2) : l.content, eol: l.eol }));
}
