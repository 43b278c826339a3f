/** ContentInfo (RFC 5652 §3): the outer wrapper of every CMS object. */
import { LockpaneError } from '../../errors';
import { decodeOid, expect, isContext, isTruncation, parseDer, Tag, type DerLimits, defaultDerLimits, type Tlv } from '../asn1/der-reader';
import { ctx, oid, seq } from '../asn1/der-writer';

export type ContentInfo = { contentType: string; content: Tlv; root: Tlv };

export function parseContentInfo(der: Uint8Array, limits: DerLimits = defaultDerLimits): ContentInfo {
  let root: Tlv;
  try {
    root = parseDer(der, limits, false);
  } catch (e) {
    if (isTruncation(e)) throw new LockpaneError('bad-data', `the message is truncated: it ends before its CMS structure does (${der.length} bytes are there)`, { cause: e });
    if (e instanceof LockpaneError) throw e;
    throw new LockpaneError('bad-data', 'not a CMS structure');
  }
  try {
    const s = expect(root, Tag.SEQUENCE, 'ContentInfo');
    const contentType = decodeOid(s.children[0]);
    const c = s.children[1];
    if (!isContext(c, 0) || c.children[0] === undefined) throw new LockpaneError('bad-data', 'ContentInfo without content');
    return { contentType, content: c.children[0], root };
  } catch (e) {
    if (e instanceof LockpaneError) throw new LockpaneError(e.code, `CMS: ${e.message}`);
    throw new LockpaneError('bad-data', 'CMS: malformed ContentInfo');
  }
}

export function buildContentInfo(contentType: string, content: Uint8Array): Uint8Array {
  return seq(oid(contentType), ctx(0, content));
}
