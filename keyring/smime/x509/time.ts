/** UTCTime / GeneralizedTime (RFC 5280 §4.1.2.5) to Date. */
import { LockpaneError } from '../../errors';
import { contentOf, Tag, type Tlv } from '../asn1/der-reader';

export function parseTime(n: Tlv | undefined): Date {
  if (n === undefined || n.cls !== 0 || (n.tag !== Tag.UTC_TIME && n.tag !== Tag.GENERALIZED_TIME)) {
    throw new LockpaneError('bad-data', 'expected a time');
  }
  const s = new TextDecoder('latin1').decode(contentOf(n));
  const m = n.tag === Tag.UTC_TIME
    ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?Z$/.exec(s)
    : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(?:\.\d+)?Z$/.exec(s);
  if (m === null) throw new LockpaneError('bad-data', `unsupported time format "${s.slice(0, 20)}"`);
  let year = Number(m[1]);
  if (n.tag === Tag.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0')));
  if (Number.isNaN(d.getTime())) throw new LockpaneError('bad-data', 'invalid time');
  return d;
}
