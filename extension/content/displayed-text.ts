/**
 * The text of an element with its line breaks as the page shows them. `textContent` drops `<br>` and
 * block boundaries, so a block that a web mail renders line by line (SOGo: `-----BEGIN…<br>wV4D…<br>`;
 * others one `<div>` per line) would come out as one long line and fail to parse as armor. The detector
 * uses this only when textContent ran a block into one line: where textContent has the line breaks, it
 * keeps them as they are (a `<br>` followed by a newline in the source must not become two).
 */
const blocks = new Set(['ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL']);

export function displayedText(root: Node): string {
  let out = '';
  const newline = () => { if (out.length > 0 && !out.endsWith('\n')) out += '\n'; };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (tag === 'BR') {
      out += '\n';
      return;
    }
    const block = blocks.has(tag);
    if (block) newline();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) newline();
  };
  walk(root);
  return out;
}
