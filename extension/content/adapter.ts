/**
 * The site adapter plug-in point (STYLE §1, docs/adapters.md). One file per web mail under `sites/`.
 *
 * A provider has two halves:
 * - a `SiteProbe` (id, URL check, structure check): tiny, bundled into the always-injected content.js
 *   through the registry (`sites/index.ts`), so every page can tell which web mail it is;
 * - a `SiteAdapter` (panes, health, lifecycle): bundled alone into `sites/<id>.js`, which the worker
 *   injects only into pages whose probe claimed them (`sites/load-bundle.ts`).
 * Constructors are inert; `start`/`stop` are idempotent; a provider file never imports another provider.
 * All of a provider's selectors sit in one `sel` object at the top of its file.
 */
import type { Brand } from '../shared/ids';
import type { PageChanges } from './page-changes';

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
   * Opens the web mail's own reply form for this message (it may navigate the page, or open an inline
   * reply in a single-page app), so a secure reply keeps the thread headers the web mail sets. Absent when
   * the adapter cannot; the reply editor then opens below the reader.
   */
  openReply?: (() => void) | null;
};

/** An attachment as the web mail lists it; `mimeType` is lower case, '' when the page does not say. */
export type ShownAttachment = { name: string; mimeType: string };

export type Recipients = { to: string[]; cc: string[]; bcc: string[] };

/** A compose form. */
export type ComposePane = {
  /** The editor element the "Secure" control and the editor frame attach to. */
  editor: HTMLElement;
  getRecipients(): Recipients;
  getSubject(): string | null;
  /** Puts text (ciphertext only) into the site's editor so the site registers it (input events). */
  setBody(text: string): void;
  /**
   * Adds recipients the user gave in the secure editor to the site's own fields (its chips), when the
   * adapter can, so the site sends to everyone the mail was encrypted for. Adds only addresses in none of
   * the site's fields yet (the editor shows Bcc under Cc: those stay in Bcc).
   */
  setRecipients?: ((r: { to: string[]; cc: string[] }) => void) | null;
  /** Sets the site's Subject field (the protected-subject placeholder), when the adapter can. */
  setSubject?: ((subject: string) => void) | null;
  /** Attaches a file through the site's own upload, when the adapter can. */
  attach: ((file: File) => Promise<void>) | null;
  /**
   * Generic mode: mail written here is read back (Sent folder, a recipient's generic mode) without raw
   * source, so S/MIME without files stays an inline PEM block instead of an smime.p7m attachment.
   */
  smimeInline?: true;
  /**
   * Present when the site can send a MIME entity Lockpane built (Roundcube's `_pgpmime` field): sets the
   * armored PGP/MIME message the site sends as multipart/encrypted, or (null) removes a stale one.
   */
  setPgpMime?: ((armored: string | null) => void) | null;
  /**
   * Names of the files the user put in the site's own attachment list (not Lockpane's encrypted uploads):
   * the site would drop them from a PGP/MIME message (Roundcube drops every one) or send them in clear
   * beside an encrypted body, so while there are any, no encrypted message is inserted.
   */
  siteFiles?: (() => string[]) | null;
};

/** Whether an adapter's essential hooks still find their elements; `missing` names the ones that do not. */
export type Health = { ok: true } | { ok: false; missing: string[] };

/**
 * What a running adapter tells the content script. Single-page web mails never load a new document, so
 * panes are reported as they appear and disappear (message switches, several compose windows, pop-outs).
 */
export type PaneReports = {
  readPane(pane: ReadPane): void;
  readPaneGone(pane: ReadPane): void;
  composePane(pane: ComposePane): void;
  composePaneGone(pane: ComposePane): void;
  /** The site changed under a running adapter (an essential hook vanished): the page falls back to generic mode. */
  unhealthy(missing: string[]): void;
};

/** What `start` gets: the document, the content script's one page observer, and where to report. */
export type AdapterRun = { doc: Document; changes: PageChanges; report: PaneReports; signal: AbortSignal };

/** The cheap half, in content.js for every provider: decides which adapter (if any) a page needs. */
export type SiteProbe = {
  id: SiteId;
  /** Cheap check on the URL only; `detect` confirms from the page structure. */
  matches(url: URL): boolean;
  /** Recognises the web mail from its DOM (hosts differ per organisation). Must stay small and fast. */
  detect(doc: Document): boolean;
};

export type SiteAdapter = SiteProbe & {
  readPanes(doc: Document): ReadPane[];
  composePanes(doc: Document): ComposePane[];
  /** Its essential selectors still find their elements on this page (checked before and while it runs). */
  health(doc: Document): Health;
  /** The web mail's own reply form can take a waiting reply editor (see `ReadPane.openReply`). */
  takesReplies: boolean;
  /** Reports the panes there are now, then every change until `stop` (or `run.signal` aborts). */
  start(run: AdapterRun): void;
  stop(): void;
};
