/**
 * The message catalogue: every message a context may send to the worker, who may send it, the bounded
 * schema of its request, and the type of its reply. The router's handler map is typed from this, so a
 * message without a handler (or a handler without a message) does not compile.
 */
import { attachmentChunkChars, attachmentIdPattern, attachmentLimits, type ComposeResolution, type DraftState, type EncryptResult } from './compose-types';
import type { DiscoveryImport, DiscoveryLookup } from './discovery-types';
import type { KeySummary } from './key-summary';
import type { PolicyStatus, SettingsView } from './policy-status';
import type { ReaderResult } from './reader-result';
import { arr, bool, empty, int, literal, obj, optional, str, type Infer, type Schema } from './schema';
import { rawMessageBase64Max } from './limits';
import { settingsPatchSchema } from './settings';

export type SenderClass = 'content' | 'frame' | 'page';

const MiB = 1024 * 1024;
const tokenSchema = str({ min: 32, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
const originSchema = str({ max: 300 });
const fingerprintSchema = str({ min: 16, max: 64, pattern: /^[0-9A-Fa-f]+$/ });
const passphraseSchema = str({ min: 1, max: 1024 });
const emailSchema = str({ min: 3, max: 320 });
const attachmentIdSchema = str({ min: 1, max: 16, pattern: attachmentIdPattern });

export type ReaderKind = 'pgp-message' | 'pgp-signed' | 'pgp-key' | 'cms';
export type FrameKind = 'reader' | 'editor';
/** What a reader frame shows: a block found in the page, or a whole raw message a site adapter fetched. */
export type ReaderFrameKind = ReaderKind | 'raw-message';
/** Decrypted attachments go to the reader frame in pieces of this size (a progress bar per piece). */
export const readerAttachmentChunkBytes = 2 * MiB;

export const catalogue = {
  /** Liveness and identity check: tells the caller how the worker classified it. */
  'worker.ping': { from: ['content', 'frame', 'page'], request: empty },
  /** A content script starts on a page and asks whether this origin is enabled. */
  'site.hello': { from: ['content'], request: empty },
  /** A content script hands over a found ciphertext block; gets a single-use token for a reader frame. */
  'reader.open': {
    from: ['content'],
    request: obj({
      kind: literal<ReaderKind>('pgp-message', 'pgp-signed', 'pgp-key', 'cms'),
      armored: str({ min: 1, max: 8 * MiB }),
      /** The sender address the page shows; only compared with the signer, never trusted. */
      sender: optional(emailSchema),
    }),
  },
  /**
   * A content script hands over a whole raw message (RFC 5322, from the web mail's source download): PGP/MIME,
   * S/MIME or protected attachments. Ciphertext or mail the page already shows, never plaintext it lacks.
   */
  'reader.openRaw': {
    from: ['content'],
    request: obj({ base64: str({ min: 4, max: rawMessageBase64Max }), sender: optional(emailSchema), subject: optional(str({ max: 998 })) }),
  },
  /** A reader frame claims its token (once) and learns what it is to show. */
  'reader.claim': { from: ['frame'], request: obj({ token: tokenSchema }) },
  /** The reader frame asks to decrypt/verify its message (after a user gesture inside the frame). */
  'reader.decrypt': { from: ['frame'], request: obj({ token: tokenSchema, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema), messagePassword: optional(passphraseSchema) }) },
  /** "Reply securely": opens an editor under the reader, quoting what the reader visibly showed (SECURITY A3.1). */
  'reader.reply': { from: ['frame'], request: obj({ token: tokenSchema, quote: str({ max: 1 * MiB }) }) },
  /** The user accepts the public key(s) shown in a reader frame. */
  'reader.importKey': { from: ['frame'], request: obj({ token: tokenSchema }) },
  /**
   * The user accepts one key or certificate the reader offered (attached key, certificate carried in the S/MIME
   * signature); the frame names it by kind and fingerprint, the worker reads it again from the held message.
   */
  'reader.importOffer': { from: ['frame'], request: obj({ token: tokenSchema, kind: literal('openpgp', 'x509'), fingerprint: fingerprintSchema }) },
  /** One piece of a decrypted attachment of a raw message, for the frame's "Save" (offset in bytes). */
  'reader.attachment': { from: ['frame'], request: obj({ token: tokenSchema, index: int({ min: 0, max: 499 }), offset: int({ min: 0, max: 1024 * MiB }) }) },
  /** Secure compose: the content script asks for an editor frame, with recipient hints read from the page. */
  'editor.open': {
    from: ['content'],
    request: obj({
      to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }), subject: optional(str({ max: 998 })),
      /** The site adapter can attach files through the web mail's own upload (a hint: only ciphertext is ever attached). */
      canAttach: optional(bool),
    }),
  },
  /**
   * On the web mail's own reply form (after "Reply securely" navigated there): the content script takes the
   * reply editor waiting for this tab and site, if any, and mounts it on the form.
   */
  'editor.takeReply': { from: ['content'], request: obj({ canAttach: optional(bool) }) },
  'editor.claim': { from: ['frame'], request: obj({ token: tokenSchema }) },
  'editor.resolve': { from: ['frame'], request: obj({ token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }) }) },
  /** Encrypt (and sign) the text written in the frame; the ciphertext goes to the page's editor. */
  'editor.encrypt': {
    from: ['frame'],
    request: obj({
      token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }),
      body: str({ max: 8 * MiB }), sign: bool, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema),
      /** Ids of files staged with `editor.stage`, encrypted with the body. */
      attachments: optional(arr(attachmentIdSchema, { max: attachmentLimits.maxFiles })),
    }),
  },
  /** One chunk of a file the user added in the editor (plaintext: frame to worker only). */
  'editor.stage': {
    from: ['frame'],
    request: obj({
      token: tokenSchema, id: attachmentIdSchema, name: str({ min: 1, max: 255 }), size: int({ min: 0, max: attachmentLimits.maxFileBytes }),
      index: int({ min: 0, max: attachmentLimits.maxChunks - 1 }), total: int({ min: 1, max: attachmentLimits.maxChunks }),
      data: str({ max: attachmentChunkChars, pattern: /^[A-Za-z0-9+/]*={0,2}$/ }),
    }),
  },
  /** Hands one encrypted file (from `editor.encrypt`) to the content script, which attaches it with the web mail's upload. */
  'editor.attach': { from: ['frame'], request: obj({ token: tokenSchema, id: attachmentIdSchema }) },
  /** Drafts are saved encrypted to the user's own key; restoring needs it unlocked. */
  'editor.saveDraft': { from: ['frame'], request: obj({ token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }), body: str({ max: 8 * MiB }) }) },
  'editor.loadDraft': { from: ['frame'], request: obj({ token: tokenSchema, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema) }) },
  'editor.discardDraft': { from: ['frame'], request: obj({ token: tokenSchema }) },
  /** Keyring (DESIGN §7). Private material never leaves the worker except a protected export to a page. */
  'keys.list': { from: ['frame', 'page'], request: obj({ query: optional(str({ max: 320 })) }) },
  'keys.generate': {
    from: ['page'],
    request: obj({
      name: str({ max: 200 }), email: emailSchema, passphrase: str({ min: 8, max: 1024 }),
      algorithm: optional(literal('curve25519', 'rsa3072', 'rsa4096')),
    }),
  },
  /** `password`: of a PKCS#12 file or encrypted PEM key (used once, never stored); `protectWith`: Lockpane's passphrase for it. */
  'keys.importPreview': { from: ['frame', 'page'], request: obj({ text: optional(str({ max: 4 * MiB })), base64: optional(str({ max: 6 * MiB })), protectWith: optional(passphraseSchema), password: optional(str({ max: 1024 })) }) },
  'keys.import': { from: ['frame', 'page'], request: obj({ text: optional(str({ max: 4 * MiB })), base64: optional(str({ max: 6 * MiB })), protectWith: optional(passphraseSchema), password: optional(str({ max: 1024 })) }) },
  'keys.exportPublic': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema }) },
  'keys.exportPrivate': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema }) },
  'keys.delete': { from: ['page'], request: obj({ kind: literal('openpgp', 'x509'), fingerprint: fingerprintSchema }) },
  'keys.setAcceptance': {
    from: ['page'],
    request: obj({ fingerprint: fingerprintSchema, event: literal('seen', 'verify', 'unverify', 'reject', 'reconsider') }),
  },
  'keys.unlock': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema }) },
  'keys.lockAll': { from: ['page'], request: empty },
  /** Own-key maintenance (options page): both prove the passphrase first. */
  'keys.changePassphrase': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, newPassphrase: str({ min: 8, max: 1024 }) }) },
  'keys.revoke': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, reason: optional(literal('no-reason', 'superseded', 'compromised', 'retired')) }) },
  /** New lifetime for an own key, counted from now (0 days: no end date). */
  'keys.setExpiry': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, days: int({ min: 0, max: 36500 }) }) },
  /** Held key changes for an address (SECURITY A3.4), and the user's decision on one. */
  'keys.conflicts': { from: ['page'], request: empty },
  'keys.resolveConflict': { from: ['page'], request: obj({ id: str({ min: 3, max: 500 }), choice: literal('keep-known', 'switch-to-new') }) },
  /** Issuer, usages and path to a trust anchor of one certificate (facts only). */
  'keys.certificateDetails': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema }) },
  /**
   * Key discovery (WKD, VKS key servers from settings). Never from content scripts; the editor frame
   * passes its token. Import takes only a candidate id the worker kept from a lookup.
   */
  'discovery.lookup': { from: ['frame', 'page'], request: obj({ email: emailSchema, token: optional(tokenSchema) }) },
  'discovery.import': { from: ['frame', 'page'], request: obj({ id: str({ min: 16, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }), token: optional(tokenSchema) }) },
  /** Encrypted backup of the whole keyring (+ security indicator and user settings); restore replaces the keyring. */
  'backup.create': { from: ['page'], request: obj({ password: str({ min: 8, max: 1024 }) }) },
  'backup.preview': { from: ['page'], request: obj({ text: str({ min: 1, max: 16 * MiB }), password: passphraseSchema }) },
  'backup.restore': { from: ['page'], request: obj({ text: str({ min: 1, max: 16 * MiB }), password: passphraseSchema }) },
  /** S/MIME trust anchors added by the user; policy roots are listed, locked. */
  'trust.roots': { from: ['frame', 'page'], request: empty },
  'trust.addRoot': { from: ['page'], request: obj({ text: optional(str({ max: 1 * MiB })), base64: optional(str({ max: 2 * MiB })) }) },
  'trust.removeRoot': { from: ['page'], request: obj({ fingerprint: fingerprintSchema }) },
  /** The toolbar popup asks the active tab's content script to open the secure editor on its compose form. */
  'sites.composeHere': { from: ['page'], request: obj({ tabId: int({ min: 0, max: 2 ** 31 }) }) },
  /** Sites where Lockpane is active. */
  'sites.list': { from: ['page'], request: empty },
  'sites.enable': { from: ['page'], request: obj({ origin: originSchema }) },
  'sites.disable': { from: ['page'], request: obj({ origin: originSchema }) },
  /** The personal security phrase and colour, shown only inside extension UI (DESIGN §2.5). */
  'settings.indicator': { from: ['frame', 'page'], request: empty },
  'settings.setIndicator': {
    from: ['page'],
    request: obj({ phrase: str({ min: 1, max: 64 }), color: str({ pattern: /^#[0-9a-f]{6}$/i, max: 7 }) }),
  },
  /** Effective settings (policy, else user, else default), which are locked, and ignored policy entries. */
  'settings.get': { from: ['frame', 'page'], request: empty },
  /** Changes user settings; a key locked by policy is refused with `locked-by-policy`. */
  'settings.set': { from: ['page'], request: settingsPatchSchema },
  /** What the managed policy sets and what applying it installed (admin-facing view in the options page). */
  'policy.status': { from: ['page'], request: empty },
  /** Used by the options page to show whether the worker is healthy. */
  'worker.status': { from: ['page'], request: obj({ verbose: bool }) },
} as const satisfies Record<string, { from: readonly SenderClass[]; request: Schema<unknown> }>;

export type MessageName = keyof typeof catalogue;
export type RequestOf<N extends MessageName> = Infer<(typeof catalogue)[N]['request']>;

export type SecurityIndicator = { phrase: string; color: string };
export type BackupSummary = { createdAt: string; keys: number; ownKeys: number; roots: number; hasSettings: boolean };
/** One certificate's facts and its path to a trust anchor; `chain` is null for CA certificates. */
export type CertificateDetails = {
  subject: string; issuer: string; serialNumber: string; notBefore: string; notAfter: string;
  keyUsage: string[] | null; extKeyUsage: string[] | null; isCa: boolean;
  chain: { status: 'valid'; anchor: string } | { status: 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported'; detail: string } | null;
  /** Leaf first; `anchor` marks the trust anchor that ends the path. */
  path: { subject: string; anchor: boolean }[];
};
/** A held key change: the address, the key(s) known before, and the newcomer. */
export type KeyConflictView = { id: string; kind: 'openpgp' | 'x509'; email: string; known: string[]; candidate: string; source: string; detectedAt: string };
export type TrustRootSummary = { fingerprint: string; subject: string; source: 'user' | 'policy'; locked: boolean; addedAt: string };

/** Reply types, one per message. */
export type Responses = {
  'worker.ping': { version: string; senderClass: SenderClass };
  'site.hello': { enabled: boolean };
  'reader.open': { token: string };
  'reader.claim': { kind: ReaderFrameKind; origin: string; bytes: number; sender: string | null };
  'reader.openRaw': { token: string };
  'reader.attachment': { base64: string; offset: number; total: number; done: boolean };
  'sites.list': { origins: string[] };
  'sites.composeHere': { opened: boolean };
  'sites.enable': { origins: string[] };
  'sites.disable': { origins: string[] };
  'settings.indicator': SecurityIndicator;
  'settings.setIndicator': SecurityIndicator;
  'worker.status': { version: string; startedAt: string; sites: number };
  'reader.decrypt': ReaderResult;
  'reader.importKey': { imported: KeySummary[] };
  /** `heldAsChange`: an address already had a different key/certificate, so the import waits in key changes. */
  'reader.importOffer': { imported: KeySummary[]; heldAsChange: boolean };
  'reader.reply': { opened: boolean };
  'editor.open': { token: string };
  'editor.takeReply': { token: string | null };
  'editor.claim': { origin: string; to: string[]; cc: string[]; subject: string | null; draft: DraftState; quote: string | null; canAttach: boolean };
  'editor.resolve': ComposeResolution;
  'editor.encrypt': EncryptResult;
  'editor.stage': { id: string; received: number };
  'editor.attach': { attached: true; name: string };
  'editor.saveDraft': DraftState;
  'editor.loadDraft': { state: 'draft'; to: string[]; cc: string[]; body: string } | { state: 'needs-passphrase'; keys: KeySummary[] } | { state: 'none' };
  'editor.discardDraft': DraftState;
  'keys.list': { keys: KeySummary[] };
  'keys.generate': { key: KeySummary; revocationCertificate: string };
  'keys.importPreview': { items: (KeySummary & { alreadyKnown: boolean; replacesFor: string[] })[] };
  'keys.import': { results: { key: KeySummary; conflicts: { email: string; known: string[]; candidate: string }[] }[] };
  'keys.exportPublic': { armored: string };
  'keys.exportPrivate': { armored: string };
  'keys.delete': { removed: boolean };
  'keys.setAcceptance': { acceptance: KeySummary['acceptance'] };
  'keys.unlock': { unlocked: true };
  'keys.lockAll': { locked: true };
  'keys.changePassphrase': { key: KeySummary };
  'keys.revoke': { key: KeySummary; armored: string };
  'keys.setExpiry': { key: KeySummary };
  'keys.conflicts': { conflicts: KeyConflictView[] };
  'keys.resolveConflict': { resolved: true };
  'keys.certificateDetails': CertificateDetails;
  'discovery.lookup': DiscoveryLookup;
  'discovery.import': DiscoveryImport;
  'backup.create': { armored: string; summary: BackupSummary };
  'backup.preview': { summary: BackupSummary };
  'backup.restore': { summary: BackupSummary };
  'trust.roots': { roots: TrustRootSummary[] };
  'trust.addRoot': { root: TrustRootSummary };
  'trust.removeRoot': { removed: true };
  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'policy.status': PolicyStatus;
};

export type ResponseOf<N extends MessageName> = Responses[N];

/** The wire shape of a request. The `lockpane` tag only avoids clashing with other listeners. */
export type WireRequest = { lockpane: 1; name: string; body: unknown };

export function isMessageName(name: unknown): name is MessageName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(catalogue, name);
}
