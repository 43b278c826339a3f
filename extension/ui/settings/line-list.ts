/** Lists edited as one entry per line (addresses, domains, key server URLs). */
export const toLines = (list: readonly string[]): string => list.join('\n');
export const fromLines = (text: string): string[] => text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
