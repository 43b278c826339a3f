/**
 * A webpack loader that takes the two `innerHTML` assignments out of our dependencies' code, so no
 * product bundle contains one (Firefox add-on review: web-ext lint's UNSAFE_VAR_ASSIGNMENT; issue #19).
 *
 * - Preact assigns `innerHTML` only for `dangerouslySetInnerHTML`, which Lockpane never uses (ESLint
 *   forbids markup sinks in our code). The branch now throws instead: a future use fails loudly in tests.
 * - DOMPurify assigns it only when `DOMParser` cannot parse (never in a current browser), into an inert
 *   XML document. That fallback now leaves the document empty: the sanitiser returns nothing (fails closed).
 *
 * Each edit names the exact text it replaces; if a dependency update changes that text the build fails,
 * so the edit is reviewed again rather than silently lost.
 */
type Edit = { file: RegExp; find: string; replace: string };

export const edits: Edit[] = [
  {
    file: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/,
    find: '(t.innerHTML=h.__html)',
    replace: '(()=>{throw new Error("dangerouslySetInnerHTML is not allowed in Lockpane")})()',
  },
  {
    file: /[\\/]node_modules[\\/]dompurify[\\/]dist[\\/]purify\.es\.mjs$/,
    find: 'doc.documentElement.innerHTML = IS_EMPTY_INPUT ? emptyHTML : dirtyPayload;',
    replace: '/* Lockpane: no innerHTML fallback; an unparsable input sanitises to nothing */',
  },
];

/** Applies the edit for `resourcePath` (if any); throws when its text is not found exactly once. */
export function applyEdits(source: string, resourcePath: string): string {
  let out = source;
  for (const edit of edits.filter((e) => e.file.test(resourcePath))) {
    const count = out.split(edit.find).length - 1;
    if (count !== 1) throw new Error(`no-markup-sinks: expected the text once in ${resourcePath}, found ${count} times: ${edit.find}`);
    out = out.replace(edit.find, edit.replace);
  }
  return out;
}

export default function noMarkupSinks(this: { resourcePath: string }, source: string): string {
  return applyEdits(source, this.resourcePath);
}
