/**
 * Size limits shared by content scripts and the catalogue. Kept apart from the catalogue so that the
 * content script, which checks them before sending, does not bundle every schema (content.js ≤ 30 KB).
 */
const MiB = 1024 * 1024;

/** A raw RFC 5322 message handed over by a content script (reader.openRaw), as base64: 48 MiB of it is 36 MiB of mail. */
export const rawMessageBase64Max = 48 * MiB;
