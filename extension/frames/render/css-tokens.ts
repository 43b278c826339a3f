/**
 * A CSS tokenizer following CSS Syntax Level 3 §4 (the algorithm browsers use), for the sanitiser's
 * inline-style filter. It exists so that every decision is taken on what the browser will see: escapes
 * (`u\72l(`, `\75 rl(`) are decoded, comments dropped, strings and `url(` tokens told apart exactly as
 * the browser tells them apart. Nothing here touches the DOM.
 */
export type CssToken =
  | { t: 'ident' | 'function' | 'at' | 'hash'; value: string }
  | { t: 'string' | 'url'; value: string }
  | { t: 'number' | 'percentage'; repr: string }
  | { t: 'dimension'; repr: string; unit: string }
  | { t: 'ws' | 'colon' | 'semicolon' | 'comma' | '(' | ')' | '[' | ']' | '{' | '}' | 'cdo' | 'cdc' | 'bad-string' | 'bad-url' }
  | { t: 'delim'; value: string };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n';
const isNameStart = (c: string | undefined) => c !== undefined && (/^[a-zA-Z_]$/.test(c) || c.codePointAt(0)! >= 0x80);
const isName = (c: string | undefined) => isNameStart(c) || isDigit(c) || c === '-';
const isNonPrintable = (c: string) => {
  const n = c.codePointAt(0)!;
  return n <= 0x08 || n === 0x0b || (n >= 0x0e && n <= 0x1f) || n === 0x7f;
};
const validEscape = (a: string | undefined, b: string | undefined) => a === '\\' && b !== '\n' && b !== undefined;

/** §3.3 preprocessing: newlines unified, NUL replaced. */
function preprocess(s: string): string[] {
  return [...s.replace(/\r\n?|\f/g, '\n').replace(/\0/g, '\uFFFD')];
}

export function tokenize(input: string): CssToken[] {
  const c = preprocess(input);
  let i = 0;
  const out: CssToken[] = [];

  const startsIdent = (a = c[i], b = c[i + 1], d = c[i + 2]) => {
    if (a === '-') return isNameStart(b) || b === '-' || validEscape(b, d);
    if (isNameStart(a)) return true;
    return validEscape(a, b);
  };
  const startsNumber = (a = c[i], b = c[i + 1], d = c[i + 2]) => {
    if (a === '+' || a === '-') return isDigit(b) || (b === '.' && isDigit(d));
    if (a === '.') return isDigit(b);
    return isDigit(a);
  };
  /** After the backslash. */
  const escape = (): string => {
    const ch = c[i];
    if (ch === undefined) return '\uFFFD';
    i++;
    if (!isHex(ch)) return ch;
    let hex = ch;
    while (hex.length < 6 && isHex(c[i])) hex += c[i++];
    if (isWs(c[i])) i++;
    const n = Number.parseInt(hex, 16);
    return n === 0 || (n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff ? '\uFFFD' : String.fromCodePoint(n);
  };
  const name = (): string => {
    let s = '';
    for (;;) {
      if (isName(c[i])) s += c[i++];
      else if (validEscape(c[i], c[i + 1])) { i++; s += escape(); } else return s;
    }
  };
  const string = (quote: string): CssToken => {
    let s = '';
    for (;;) {
      const ch = c[i];
      if (ch === undefined) return { t: 'string', value: s };
      i++;
      if (ch === quote) return { t: 'string', value: s };
      if (ch === '\n') { i--; return { t: 'bad-string' }; }
      if (ch === '\\') {
        if (c[i] === undefined) continue;
        if (c[i] === '\n') { i++; continue; }
        s += escape();
      } else s += ch;
    }
  };
  const badUrlRemnants = () => {
    for (;;) {
      const ch = c[i];
      if (ch === undefined) return;
      i++;
      if (ch === ')') return;
      if (validEscape(ch, c[i])) escape();
    }
  };
  const url = (): CssToken => {
    let s = '';
    while (isWs(c[i])) i++;
    for (;;) {
      const ch = c[i];
      if (ch === undefined) return { t: 'url', value: s };
      i++;
      if (ch === ')') return { t: 'url', value: s };
      if (isWs(ch)) {
        while (isWs(c[i])) i++;
        if (c[i] === ')' || c[i] === undefined) { if (c[i] === ')') i++; return { t: 'url', value: s }; }
        badUrlRemnants();
        return { t: 'bad-url' };
      }
      if (ch === '"' || ch === "'" || ch === '(' || isNonPrintable(ch)) { badUrlRemnants(); return { t: 'bad-url' }; }
      if (ch === '\\') {
        if (validEscape(ch, c[i])) s += escape();
        else { badUrlRemnants(); return { t: 'bad-url' }; }
      } else s += ch;
    }
  };
  const identLike = (): CssToken => {
    const value = name();
    if (value.toLowerCase() === 'url' && c[i] === '(') {
      i++;
      while (isWs(c[i]) && isWs(c[i + 1])) i++;
      const next = isWs(c[i]) ? c[i + 1] : c[i];
      if (next === '"' || next === "'") return { t: 'function', value };
      return url();
    }
    if (c[i] === '(') { i++; return { t: 'function', value }; }
    return { t: 'ident', value };
  };
  const numeric = (): CssToken => {
    let repr = '';
    if (c[i] === '+' || c[i] === '-') repr += c[i++];
    while (isDigit(c[i])) repr += c[i++];
    if (c[i] === '.' && isDigit(c[i + 1])) { repr += c[i++]; while (isDigit(c[i])) repr += c[i++]; }
    if ((c[i] === 'e' || c[i] === 'E') && (isDigit(c[i + 1]) || ((c[i + 1] === '+' || c[i + 1] === '-') && isDigit(c[i + 2])))) {
      repr += `${c[i++]!}${c[i++]!}`;
      while (isDigit(c[i])) repr += c[i++];
    }
    if (startsIdent()) return { t: 'dimension', repr, unit: name() };
    if (c[i] === '%') { i++; return { t: 'percentage', repr }; }
    return { t: 'number', repr };
  };

  while (i < c.length) {
    const ch = c[i]!;
    if (ch === '/' && c[i + 1] === '*') {
      const end = c.indexOf('*', i + 2);
      let j = end;
      while (j !== -1 && c[j + 1] !== '/') j = c.indexOf('*', j + 1);
      i = j === -1 ? c.length : j + 2;
      continue;
    }
    if (isWs(ch)) { while (isWs(c[i])) i++; out.push({ t: 'ws' }); continue; }
    if (ch === '"' || ch === "'") { i++; out.push(string(ch)); continue; }
    if (ch === '#') {
      if (isName(c[i + 1]) || validEscape(c[i + 1], c[i + 2])) { i++; out.push({ t: 'hash', value: name() }); } else { i++; out.push({ t: 'delim', value: ch }); }
      continue;
    }
    const simple: Record<string, CssToken['t']> = { '(': '(', ')': ')', ',': 'comma', ':': 'colon', ';': 'semicolon', '[': '[', ']': ']', '{': '{', '}': '}' };
    const s = simple[ch];
    if (s) { i++; out.push({ t: s } as CssToken); continue; }
    if ((ch === '+' || ch === '.') && startsNumber()) { out.push(numeric()); continue; }
    if (ch === '-') {
      if (startsNumber()) { out.push(numeric()); continue; }
      if (c[i + 1] === '-' && c[i + 2] === '>') { i += 3; out.push({ t: 'cdc' }); continue; }
      if (startsIdent()) { out.push(identLike()); continue; }
    }
    if (ch === '<' && c[i + 1] === '!' && c[i + 2] === '-' && c[i + 3] === '-') { i += 4; out.push({ t: 'cdo' }); continue; }
    if (ch === '@' && startsIdent(c[i + 1], c[i + 2], c[i + 3])) { i++; out.push({ t: 'at', value: name() }); continue; }
    if (ch === '\\') {
      if (validEscape(ch, c[i + 1])) { out.push(identLike()); continue; }
      i++; out.push({ t: 'delim', value: ch }); continue;
    }
    if (isDigit(ch)) { out.push(numeric()); continue; }
    if (isNameStart(ch)) { out.push(identLike()); continue; }
    i++;
    out.push({ t: 'delim', value: ch });
  }
  return out;
}
