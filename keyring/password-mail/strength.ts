/**
 * A conservative password strength estimate in bits of guessing work, for the editor's meter and the
 * policy minimum. Not zxcvbn: it counts the character pool actually used, then takes off what the
 * common attacks get for free (repeats, keyboard and alphabet runs, years, a leading word with digits
 * after it, the most used passwords). It errs low; a suggestion's exact entropy is used as is.
 */
import { looksSuggested, suggestionBits } from './suggest';

export type StrengthLevel = 'very-weak' | 'weak' | 'fair' | 'strong' | 'very-strong';
export type Strength = { bits: number; level: StrengthLevel };

/** Thresholds in bits (with Argon2 at ~64 MiB, 50 bits is decades of a GPU farm; see password-mail.design.md). */
export const levelFloor: Record<StrengthLevel, number> = { 'very-weak': 0, weak: 28, fair: 40, strong: 50, 'very-strong': 64 };

const common = new Set([
  'password', 'passwort', 'qwerty', 'qwertz', 'letmein', 'welcome', 'willkommen', 'iloveyou', 'admin', 'monkey',
  'dragon', 'master', 'sunshine', 'princess', 'football', 'fussball', 'hallo', 'geheim', 'schatz', 'baseball',
  'abc123', 'passw0rd', 'secret', 'shadow', 'michael', 'superman', 'trustno1', 'starwars', 'hello', 'freedom',
]);

const runs = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm'];

function poolSize(s: string): number {
  let pool = 0;
  if (/[a-z]/.test(s)) pool += 26;
  if (/[A-Z]/.test(s)) pool += 26;
  if (/[0-9]/.test(s)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(s)) pool += 33;
  return pool;
}

/** Length after collapsing repeats and runs: "aaaa" and "1234" count as about one character each. */
function effectiveLength(s: string): number {
  const lower = s.toLowerCase();
  let n = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    const prev = lower[i - 1];
    if (prev === c) continue;
    if (prev !== undefined && runs.some((r) => r.includes(prev + c) || r.includes(c + prev))) { n += 0.25; continue; }
    n += 1;
  }
  return n;
}

function levelOf(bits: number): StrengthLevel {
  const order: StrengthLevel[] = ['very-strong', 'strong', 'fair', 'weak'];
  return order.find((l) => bits >= levelFloor[l]) ?? 'very-weak';
}

export function estimateStrength(password: string): Strength {
  if (looksSuggested(password)) return { bits: Math.floor(suggestionBits), level: levelOf(suggestionBits) };
  const chars = [...password];
  if (chars.length === 0) return { bits: 0, level: 'very-weak' };
  const core = password.toLowerCase().replace(/[^a-z]/g, '');
  if (common.has(password.toLowerCase()) || common.has(core) && core.length >= password.length - 4) return { bits: 10, level: 'very-weak' };
  const years = password.match(/(19|20)\d\d/g)?.length ?? 0;
  let text = password.replace(/(19|20)\d\d/g, '');
  // "Word123!" style: a dictionary-looking head is worth far less than random letters.
  const wordHead = /^[A-Za-z]{3,}(?=[^A-Za-z]{1,5}$)/.exec(text);
  let bits = years * 7;
  if (wordHead) {
    bits += 20;
    text = text.slice(wordHead[0].length);
  }
  bits += effectiveLength(text) * Math.log2(Math.max(poolSize(text), 10));
  const rounded = Math.max(0, Math.floor(bits));
  return { bits: rounded, level: levelOf(rounded) };
}
