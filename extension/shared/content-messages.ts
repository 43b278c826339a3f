/**
 * Messages the worker sends to a content script (the only direction a content script accepts). A content
 * script acts on them only when they come from our own worker (no tab, our id) — see content/inbox.ts.
 */
export type ContentInsert = { lockpane: 1; name: 'content.insert'; token: string; text: string };
/** Mount an editor frame (reply) right after the reader frame of `readerToken`. */
export type ContentOpenEditor = { lockpane: 1; name: 'content.openEditor'; readerToken: string; editorToken: string };
export type ContentMessage = ContentInsert | ContentOpenEditor;

export function isContentOpenEditor(m: unknown): m is ContentOpenEditor {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.lockpane === 1 && r.name === 'content.openEditor' && typeof r.readerToken === 'string' && r.readerToken.length <= 64
    && typeof r.editorToken === 'string' && r.editorToken.length <= 64;
}

export function isContentInsert(m: unknown): m is ContentInsert {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.lockpane === 1 && r.name === 'content.insert' && typeof r.token === 'string' && r.token.length <= 64
    && typeof r.text === 'string' && r.text.length <= 16 * 1024 * 1024;
}
