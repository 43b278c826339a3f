/**
 * The sanitiser's filter for `style` attributes (issue #23 item 6, EFAIL direct exfiltration): the value is
 * tokenized as the browser will tokenize it (css-tokens.ts: escapes decoded, comments gone), and a
 * declaration survives only if every function in it is on a short list of functions that cannot load
 * anything, and any url() holds an inline image. Kept declarations are written out again from their
 * tokens, so what reaches the frame has no escapes or comments left that could mean something else.
 * Anything the tokenizer calls malformed (bad strings or URLs, blocks) drops the whole attribute.
 */
import { tokenize, type CssToken } from './css-tokens';

/** Functions that compute a value and can reference nothing outside the declaration. */
const harmless = new Set([
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'light-dark',
  'calc', 'min', 'max', 'clamp', 'round', 'abs', 'sign',
  'linear-gradient', 'radial-gradient', 'conic-gradient', 'repeating-linear-gradient', 'repeating-radial-gradient', 'repeating-conic-gradient',
  'translate', 'translatex', 'translatey', 'rotate', 'scale', 'scalex', 'scaley', 'skew', 'skewx', 'skewy', 'matrix',
  'rect', 'inset', 'circle', 'ellipse', 'polygon', 'cubic-bezier', 'steps', 'minmax', 'repeat', 'fit-content', 'counter', 'counters',
]);
/** Properties that bind behaviour or feed other declarations; custom properties (--x) are dropped too. */
const refused = new Set(['behavior', '-ms-behavior', '-moz-binding', 'binding']);
const inlineImage = /^\s*data:image\/(png|gif|jpeg|webp)[;,]/i;
const remote = /^\s*(https?:|\/\/|ftp:)/i;

export type InlineStyleResult = { style: string | null; blockedRemote: number };

/** Escapes what is not a name character; `ident`: also a leading digit (or "-" then digit), as an ident needs. */
function escapeName(s: string, ident: boolean): string {
  return [...s].map((ch, k) => {
    const leadingDigit = ident && /[0-9]/.test(ch) && (k === 0 || (k === 1 && s[0] === '-'));
    const plain = (/[a-zA-Z0-9_-]/.test(ch) || ch.codePointAt(0)! >= 0x80) && !leadingDigit;
    return plain ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }).join('');
}

function quote(s: string): string {
  return `"${[...s].map((ch) => (/["\\\n]/.test(ch) || ch.codePointAt(0)! < 0x20 || ch === '\x7f' ? `\\${ch.codePointAt(0)!.toString(16)} ` : ch)).join('')}"`;
}

function serializeToken(k: CssToken): string {
  switch (k.t) {
    case 'ident': return escapeName(k.value, true);
    case 'function': return `${escapeName(k.value, true)}(`;
    case 'hash': return `#${escapeName(k.value, false)}`;
    case 'string': return quote(k.value);
    case 'url': return `url(${quote(k.value)})`;
    case 'number': return k.repr;
    case 'percentage': return `${k.repr}%`;
    case 'dimension': return `${k.repr}${escapeName(k.unit, true)}`;
    case 'colon': return ':';
    case 'comma': return ',';
    case '(': case ')': case '[': case ']': return k.t;
    case 'delim': return k.value;
    default: return '';
  }
}

const solid = (tokens: readonly CssToken[]) => tokens.filter((k) => k.t !== 'ws');

/**
 * One declaration written from its tokens with a space between every two (so no two tokens can merge, as
 * `ur/**\/l(` would into `url(` once the comment is gone), then read back: it must give the same tokens.
 */
function serialize(tokens: readonly CssToken[]): string | null {
  const parts = solid(tokens);
  const text = parts.map(serializeToken).join(' ');
  const back = solid(tokenize(text)).map((k) => (k.t === 'url' ? { t: 'function', value: 'url' } : k));
  const expected = parts.flatMap((k): CssToken[] => (k.t === 'url' ? [{ t: 'function', value: 'url' }, { t: 'string', value: k.value }, { t: ')' }] : [k]));
  return JSON.stringify(back) === JSON.stringify(expected) ? text : null;
}

type Verdict = 'keep' | 'drop' | 'malformed';

/** Whether one declaration's tokens (name, colon, value) may stay; counts remote references refused. */
function judge(tokens: readonly CssToken[], count: () => void): Verdict {
  const body = tokens.filter((k) => k.t !== 'ws');
  const [nameTok, colon] = body;
  if (nameTok?.t !== 'ident' || colon?.t !== 'colon') return 'drop';
  const name = nameTok.value.toLowerCase();
  if (name.startsWith('--') || refused.has(name) || !/^-?[a-z][a-z0-9-]*$/.test(name)) return 'drop';
  let verdict: Verdict = 'keep';
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    // A bare "(" outside a function is no CSS value (`url/**/(…)` would be one): nothing to keep.
    if (tok.t === '(' && depth === 0) verdict = 'drop';
    if (tok.t === '(' || tok.t === 'function') depth++;
    if (tok.t === ')' && depth > 0) depth--;
    if (tok.t === 'url') {
      if (!inlineImage.test(tok.value)) {
        if (remote.test(tok.value)) count();
        verdict = 'drop';
      }
    } else if (tok.t === 'function') {
      const fn = tok.value.toLowerCase();
      if (fn === 'url') {
        // url("…"): the string must be the only argument, and an inline image.
        const args = tokens.slice(k + 1).filter((a) => a.t !== 'ws');
        const arg = args[0];
        const ok = arg?.t === 'string' && args[1]?.t === ')' && inlineImage.test(arg.value);
        if (!ok) {
          if (arg?.t === 'string' && remote.test(arg.value)) count();
          verdict = 'drop';
        }
      } else if (!harmless.has(fn)) {
        // image-set(), -webkit-image-set(), image(), cross-fade(), element(), src(), var(), attr(), expression()...
        if (tokens.slice(k + 1).some((a) => (a.t === 'string' || a.t === 'url') && remote.test(a.value))) count();
        verdict = 'drop';
      }
    } else if (tok.t === 'at' || tok.t === 'cdo' || tok.t === 'cdc' || (tok.t === 'delim' && tok.value === '\\')) {
      verdict = 'drop';
    } else if (tok.t === 'bad-string' || tok.t === 'bad-url' || tok.t === '{' || tok.t === '}') {
      return 'malformed';
    }
  }
  return verdict;
}

/** Filters one style attribute's value. `style: null` means: remove the attribute. */
export function filterInlineStyle(value: string): InlineStyleResult {
  let blockedRemote = 0;
  const count = () => { blockedRemote += 1; };
  const tokens = tokenize(value);
  const declarations: CssToken[][] = [[]];
  let depth = 0;
  for (const tok of tokens) {
    if (tok.t === '(' || tok.t === 'function' || tok.t === '[') depth++;
    if ((tok.t === ')' || tok.t === ']') && depth > 0) depth--;
    if (tok.t === 'semicolon' && depth === 0) declarations.push([]);
    else declarations[declarations.length - 1]!.push(tok);
  }
  const kept: string[] = [];
  for (const d of declarations) {
    if (d.every((k) => k.t === 'ws')) continue;
    const v = judge(d, count);
    if (v === 'malformed') {
      // The rest of the attribute cannot be judged reliably; count what it tried to load and drop it all.
      for (const rest of declarations) for (const k of rest) if ((k.t === 'string' || k.t === 'url') && remote.test(k.value)) count();
      return { style: null, blockedRemote: Math.max(blockedRemote, 1) };
    }
    const text = v === 'keep' ? serialize(d) : null;
    if (text !== null) kept.push(text);
  }
  return { style: kept.length > 0 ? kept.join(';') : null, blockedRemote };
}
