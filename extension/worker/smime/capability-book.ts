/**
 * What each correspondent's S/MIME client said it can read (SMIMECapabilities in their signed mail),
 * remembered per certificate so that AES-GCM is chosen only when every recipient advertised it.
 */
import type { KeyValueArea } from '../kv';

const bookKey = 'smime.capabilities';
const maxEntries = 2000;
const maxOids = 64;

type Book = Record<string, { caps: string[]; seenAt: string }>;

export function createCapabilityBook(local: KeyValueArea) {
  async function read(): Promise<Book> {
    const v = await local.get(bookKey);
    return typeof v === 'object' && v !== null ? (v as Book) : {};
  }
  return {
    async record(fingerprint: string, caps: readonly string[], at = new Date()): Promise<void> {
      const book = await read();
      book[fingerprint.toUpperCase()] = { caps: caps.slice(0, maxOids).map(String), seenAt: at.toISOString() };
      const ids = Object.keys(book);
      // Bounded: forget the longest-unseen correspondents first.
      if (ids.length > maxEntries) {
        ids.sort((a, b) => book[a]!.seenAt.localeCompare(book[b]!.seenAt));
        for (const id of ids.slice(0, ids.length - maxEntries)) delete book[id];
      }
      await local.set(bookKey, book);
    },
    /** undefined: nothing known about this certificate's client. */
    async get(fingerprint: string): Promise<string[] | undefined> {
      return (await read())[fingerprint.toUpperCase()]?.caps;
    },
  };
}

export type CapabilityBook = ReturnType<typeof createCapabilityBook>;
