/**
 * Byte codecs shared by every layer: the only part of keyring/ that content scripts, frames and
 * extension pages may import (lint-fenced), so it imports nothing but keyring/errors.
 */
export { base64Decode, base64Encode, fromBase64, fromBase64Url, latin1Bytes, latin1String, toBase64, toBase64Url } from './base64';
export { concatBytes } from './concat';
export { toHex } from './hex';
export { plainBytes, type Bytes } from './plain';
export { randomHex, randomToken } from './random';
