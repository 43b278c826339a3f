/**
 * A small, honest passphrase strength estimate: roughly how many bits of guessing an attacker who knows
 * common tricks needs. It takes the smallest of three views — characters, words, and patterns (repeats,
 * runs like "abc"/"123", common passwords, the user's own name or address) — and never rounds up.
 * A real cracking tool knows more; the meter only tries not to flatter.
 */
export type Strength = { bits: number; score: 0 | 1 | 2 | 3 | 4 };

const common = [
  'password', 'passwort', 'qwerty', 'qwertz', 'letmein', 'welcome', 'willkommen', 'admin', 'iloveyou', 'monkey', 'dragon',
  'sunshine', 'princess', 'football', 'fussball', 'master', 'hallo', 'hello', 'secret', 'geheim', 'lockpane', 'abc123',
  'trustno1', 'login', 'starwars', 'whatever', 'summer', 'sommer', 'winter', 'changeme',
];
/** Stands for a removed pattern; a private-use character a typed passphrase will not contain. */
const marker = '\uE000';
const markerGlobal = /\uE000/g;
const runs = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm'];

/** Bits for a string from the size of the character classes it uses. */
function charsetBits(s: string): number {
  let pool = 0;
  if (/[a-z]/.test(s)) pool += 26;
  if (/[A-Z]/.test(s)) pool += 26;
  if (/[0-9]/.test(s)) pool += 10;
  if (/[^A-Za-z0-9]/.test(s)) pool += 33;
  return pool === 0 ? 0 : s.length * Math.log2(pool);
}

/** Removes what costs an attacker (almost) nothing: runs, repeats, common words, the user's own data. */
function stripPatterns(input: string, userInputs: readonly string[]): string {
  let s = input.toLowerCase();
  const known = [...common, ...userInputs.flatMap((u) => u.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3)];
  for (const w of known.sort((a, b) => b.length - a.length)) s = s.split(w).join(marker);
  for (const run of runs) {
    for (let len = run.length; len >= 3; len -= 1) {
      for (let i = 0; i + len <= run.length; i += 1) {
        const piece = run.slice(i, i + len);
        s = s.split(piece).join(marker).split([...piece].reverse().join('')).join(marker);
      }
    }
  }
  return s.replace(/(.)\1{2,}/g, '$1').replace(/(\S{2,}?)\1+/g, '$1');
}

export function estimateStrength(passphrase: string, userInputs: readonly string[] = []): Strength {
  if (passphrase.length === 0) return { bits: 0, score: 0 };
  // Each removed pattern still costs a few guesses: ~4 bits for which pattern it was.
  const stripped = stripPatterns(passphrase, userInputs);
  const markers = (stripped.match(markerGlobal) ?? []).length;
  const rest = stripped.replace(markerGlobal, '');
  const patternBits = charsetBits(rest) + markers * 4;
  // Word view: several words count like picks from a 4,000-word list (~12 bits each), no more.
  const words = passphrase.trim().split(/[\s\-_.,;:+]+/).filter((w) => w.length > 0);
  const wordBits = words.length >= 2 ? words.length * 12 + (/[0-9A-Z]/.test(passphrase) ? 3 : 0) : Infinity;
  const bits = Math.floor(Math.min(charsetBits(passphrase), patternBits, wordBits));
  const score = bits < 28 ? 0 : bits < 40 ? 1 : bits < 56 ? 2 : bits < 72 ? 3 : 4;
  return { bits, score };
}

/** Good enough to protect a key on this device (the passphrase also guards the backup). */
export const minimumScore = 2;
