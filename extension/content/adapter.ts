/**
 * The site adapter interface (STYLE §1). One file per web mail under `sites/`, each exporting one
 * `SiteAdapter`. Constructors are inert; `start`/`stop` are idempotent; a provider file never imports
 * another provider. All of a provider's selectors sit in one `sel` object at the top of its file.
 */
import type { Brand } from '../shared/ids';

export type SiteId = Brand<string, 'SiteId'>;

/** A message being read, as the adapter sees it in the page. */
export type ReadPane = {
  /** The element whose content a reader frame replaces (or is mounted after). */
  container: Element;
  /** The sender's address (addr-spec) as the page shows it, for the signer-vs-sender check. */
  senderEmail: string | null;
  subject: string | null;
  /**
   * Fetches the message's exact raw bytes (RFC 5322) when the web mail offers them (e.g. Roundcube's
   * view-source download). Null when only the rendered text is available.
   */
  fetchRawSource: (() => Promise<Uint8Array>) | null;
  /** The attachments the web mail lists for this message (names and media types as the page shows them). */
  attachments?: ShownAttachment[];
  /**
   * Opens the web mail's own reply form for this message (it navigates the page), so a secure reply keeps
   * the thread headers the web mail sets. Absent when the adapter cannot; the reply editor then opens below the reader.
   */
  openReply?: (() => void) | null;
};

/** An attachment as the web mail lists it; `mimeType` is lower case, '' when the page does not say. */
export type ShownAttachment = { name: string; mimeType: string };

/** A compose form. */
export type ComposePane = {
  /** The editor element the "Secure" control and the editor frame attach to. */
  editor: HTMLElement;
  getRecipients(): { to: string[]; cc: string[]; bcc: string[] };
  getSubject(): string | null;
  /** Puts text (ciphertext only) into the site's editor so the site registers it (input events). */
  setBody(text: string): void;
  /** Sets the site's Subject field (the protected-subject placeholder), when the adapter can. */
  setSubject?: ((subject: string) => void) | null;
  /** Attaches a file through the site's own upload, when the adapter can. */
  attach: ((file: File) => Promise<void>) | null;
};

export type SiteAdapter = {
  id: SiteId;
  /** Cheap check on the URL only; `detect` confirms from the page structure. */
  matches(url: URL): boolean;
  /** Recognises the web mail from its DOM (hosts differ per organisation). */
  detect(doc: Document): boolean;
  readPanes(doc: Document): ReadPane[];
  composePanes(doc: Document): ComposePane[];
  start(signal: AbortSignal): void;
  stop(): void;
};
