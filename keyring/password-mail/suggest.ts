/**
 * Suggested passwords that are strong and easy to read out on the phone, in English or German:
 * groups of consonant-vowel syllables ("bako-refu-timo-laze-nupi"). The letters leave out those that
 * sound different in the two languages or are confused in handwriting (c, j, q, v, w, x, y).
 * Each syllable is one of 14 × 5 = 70, drawn uniformly with rejection sampling (no modulo bias).
 */
const consonants = 'bdfghklmnprstz';
const vowels = 'aeiou';
const syllables = consonants.length * vowels.length;

export const suggestionShape = { groups: 5, syllablesPerGroup: 2 } as const;

/** Entropy of a suggestion in bits: 10 syllables × log2(70) ≈ 61.3. */
export const suggestionBits = suggestionShape.groups * suggestionShape.syllablesPerGroup * Math.log2(syllables);

export type RandomBytes = (n: number) => Uint8Array;
const webCryptoRandom: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

function syllable(random: RandomBytes): string {
  const limit = 256 - (256 % syllables);
  for (;;) {
    const b = random(1)[0]!;
    if (b < limit) {
      const i = b % syllables;
      return consonants[Math.floor(i / vowels.length)]! + vowels[i % vowels.length]!;
    }
  }
}

export function suggestPassword(random: RandomBytes = webCryptoRandom): string {
  const groups: string[] = [];
  for (let g = 0; g < suggestionShape.groups; g++) {
    let group = '';
    for (let s = 0; s < suggestionShape.syllablesPerGroup; s++) group += syllable(random);
    groups.push(group);
  }
  return groups.join('-');
}

const suggestionPattern = new RegExp(`^(?:[${consonants}][${vowels}]){2}(?:-(?:[${consonants}][${vowels}]){2}){${suggestionShape.groups - 1}}$`);

/** True when the text has the exact shape of a suggestion (then its entropy is known, not estimated). */
export function looksSuggested(password: string): boolean {
  return suggestionPattern.test(password);
}
