/**
 * What `lockpane smime encrypt|sign` read on stdin must be a MIME entity (RFC 2045): header fields,
 * a blank line, the body. Plain text without headers would be sealed as a body whose first line a
 * reader takes for a header, so it is refused with how to fix it, before any work is done.
 */
import { LockpaneError } from '../../errors';

const headerField = /^[!-9;-~]+:/; // field name: printable ASCII except ':' (RFC 5322 2.2)

export type EntityCheck = { hasContentType: boolean };

/** Throws bad-data unless `data` starts with a header section (possibly empty) ended by a blank line or the end. */
export function checkMimeEntity(data: Uint8Array): EntityCheck {
  if (data.length === 0) throw new LockpaneError('bad-data', 'stdin is empty: give a MIME entity (headers, a blank line, the body)');
  let at = 0;
  let line = 0;
  let hasContentType = false;
  while (at < data.length) {
    let end = data.indexOf(0x0a, at);
    if (end < 0) end = data.length;
    const text = new TextDecoder('latin1').decode(data.subarray(at, end)).replace(/\r$/, '');
    line++;
    if (text === '') return { hasContentType };
    const continued = line > 1 && (text[0] === ' ' || text[0] === '\t');
    if (!continued && !headerField.test(text)) {
      const where = line === 1 ? 'its first line' : `line ${line}`;
      throw new LockpaneError('bad-data',
        `stdin is not a MIME entity: ${where} is not a header field ("Name: value") and no blank line ends the headers before it. `
        + 'Put headers first, e.g. "Content-Type: text/plain; charset=utf-8", then a blank line, then the text');
    }
    if (/^content-type:/i.test(text)) hasContentType = true;
    at = end + 1;
  }
  return { hasContentType };
}
