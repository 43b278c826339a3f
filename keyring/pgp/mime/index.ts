/** PGP/MIME (RFC 3156): build and parse multipart/signed and multipart/encrypted. */
export { buildSigned, buildEncrypted, type MimeMessage } from './build';
export { parsePgpMime, verifyPgpMime, decryptPgpMime, type ParsedPgpMime, type PgpMimeKind } from './parse';
export { toCrlf, multipartParts } from './canonical';
