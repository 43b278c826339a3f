/**
 * Secure compose in the worker: recipient resolution, encryption (and signing) of what the user wrote in
 * the editor frame, and encrypted drafts. Plaintext arrives from the frame and leaves only as ciphertext.
 */
import { LockpaneError } from '../../../keyring/errors';
import { decrypt, encrypt, readKey, type PgpKey } from '../../../keyring/pgp';
import { identityView } from '../../../keyring/resolve/identity';
import { resolveRecipients } from '../../../keyring/resolve/recipients';
import type { ComposeResolution, DraftState, EncryptResult } from '../../shared/compose-types';
import type { KeyringService } from '../keyring/service';
import type { KeyValueArea } from '../kv';
import { checkStored } from '../stored-record';
import { createDraftStore, type StoredDraft } from './draft-store';
import { MiB } from '../../shared/catalogue/common';
import { pgpMimeMaxFileBytes } from '../../shared/limits';
import { arr, obj, str } from '../../shared/schema';
import type { SmimeService } from '../smime/smime-service';
import type { StagedFile } from './attachment-staging';
import { encryptSmime } from './compose-smime';
import { signOnly } from './sign-only';
import { obscuredSubject } from '../../../keyring/mime/header-protection-write';
import { encryptFilesPgp, type OutgoingFile } from './outgoing-files';
import { encryptPgpMime, pgpMimeDefaultNotice } from './compose-pgp-mime';
import { openDraftSmime, sealDraftSmime } from './smime-drafts';
import { resolveContext } from './resolve-context';

export type { EditorPayload } from '../frame-payloads';

/**
 * What encrypting produced: text for the web mail's editor and encrypted files for its upload, and the
 * Subject the web mail must carry (`protected`: the real one is inside and this is the placeholder).
 */
export type Encrypted = {
  armored: string; files: OutgoingFile[]; outerSubject?: { value: string; protected: boolean };
  /** PGP/MIME: the armored message for the web mail's multipart/encrypted; `armored` is then the visible line beside it. */
  pgpMime?: string;
};

/** What a draft holds once decrypted. */
const draftContentSchema = obj({ to: arr(str({ max: 320 }), { max: 100 }), cc: arr(str({ max: 320 }), { max: 100 }), body: str({ max: 8 * MiB }) });

type Preference = 'openpgp' | 'smime' | 'auto';

/**
 * `preference`: the user's (or policy's) default protocol; 'auto' means OpenPGP first. S/MIME is used when
 * it is preferred and works for everyone, or when it is the only protocol that does.
 */
export function createComposeService(keyring: KeyringService, local: KeyValueArea, smime: SmimeService, preference: () => Promise<Preference> = async () => 'auto') {
  const protocolPreference = async () => ((await preference()) === 'smime' ? 'smime' as const : 'openpgp' as const);

  /** The sender address: the own OpenPGP key's, else the own certificate's. */
  async function fromAddress(): Promise<string | null> {
    const store = await keyring.store();
    const own = store.list().filter((e) => (e.kind === 'openpgp' ? e.privateArmored !== undefined : e.privateKey !== undefined && !e.facts.isCa));
    return (own.find((e) => e.kind === 'openpgp') ?? own[0])?.emails[0] ?? null;
  }

  async function context() {
    return resolveContext(await keyring.store(), await smime.chainStatuses());
  }

  async function ownOpenPgp(): Promise<{ fingerprint: string; email: string | null; publicKey: PgpKey }[]> {
    const store = await keyring.store();
    const own = store.list().filter((e) => e.kind === 'openpgp' && e.privateArmored !== undefined);
    return Promise.all(own.map(async (e) => ({
      fingerprint: e.fingerprint, email: e.emails[0] ?? null,
      publicKey: await readKey(e.kind === 'openpgp' ? e.publicArmored : ''),
    })));
  }

  const drafts = createDraftStore(local);

  /**
   * The draft an editor (`ownId`) would offer to restore: the newest other one. A damaged one still exists
   * (with no date): the user sees it, restoring it says why not, discarding removes it.
   */
  async function draftState(origin: string, ownId: string): Promise<DraftState> {
    try {
      const other = await drafts.newestOther(origin, ownId);
      if (!other) return { exists: false, savedAt: null };
      const record = await drafts.read(origin, other.id);
      return record ? { exists: true, savedAt: record.savedAt } : { exists: false, savedAt: null };
    } catch (e) {
      if (e instanceof LockpaneError && e.code === 'corrupt-record') return { exists: true, savedAt: null };
      throw e;
    }
  }

  return {
    draftState,

    async resolve(to: string[], cc: string[]): Promise<ComposeResolution> {
      const chains = await smime.chainStatuses();
      const ctx = resolveContext(await keyring.store(), chains);
      const from = await fromAddress();
      const recipients = [...to, ...cc].map((email) => {
        const v = identityView(email, ctx);
        // Without an OpenPGP key the certificate's problem is the useful one, with the chain's reason.
        const smimeFirst = v.openpgp.reason === 'no-key' && v.smime.reason !== null && v.smime.reason !== 'no-key';
        const detailOf = (fp: string) => { const c = chains.get(fp); return c && c.status !== 'valid' ? c.detail : null; };
        const chainDetail = v.smime.reason === 'untrusted' ? v.smime.candidates.map((c) => detailOf(c.fingerprint)).find((d) => d !== null) ?? null : null;
        const reason = smimeFirst ? (chainDetail ? `${v.smime.reason}: ${chainDetail}` : v.smime.reason) : v.openpgp.reason ?? v.smime.reason;
        return { email: v.email, openpgp: v.openpgp.encryptTo, smime: v.smime.encryptTo, reason };
      });
      const r = resolveRecipients({ from: from ?? '', to, cc, preference: await protocolPreference() }, ctx);
      return { recipients, protocol: r.ok ? r.protocol : null, from };
    },

    /**
     * Encrypts to every recipient and to the sender's own key; signs when asked (needs the key unlocked).
     * `canAttach`: the web mail takes files, so attachments are possible and S/MIME goes out as smime.p7m
     * (`smimeInline`, generic mode: only when there are files; else an inline PEM block it can read back).
     * `pgpMime`: the web mail can send a MIME entity Lockpane builds (Roundcube), so OpenPGP goes out as
     * PGP/MIME with the Subject protected and files inside; `notice` is the visible line beside it.
     */
    async encrypt(input: {
      to: string[]; cc: string[]; body: string; sign: boolean; unlock?: { fingerprint: string; passphrase: string };
      files?: readonly StagedFile[]; canAttach?: boolean; subject?: string; smimeInline?: boolean; pgpMime?: boolean; notice?: string;
    }): Promise<Encrypted | EncryptResult> {
      const files = input.files ?? [];
      if (files.length > 0 && input.canAttach !== true) throw new LockpaneError('unsupported-option', 'Attachments need a web mail Lockpane can attach files in (such as Roundcube).');
      const store = await keyring.store();
      const ctx = await context();
      const r = resolveRecipients({ from: (await fromAddress()) ?? '', to: input.to, cc: input.cc, preference: await protocolPreference() }, ctx);
      if (!r.ok) {
        const who = r.missing.map((m) => m.email).join(', ');
        throw new LockpaneError('no-recipient', r.reason === 'no-recipients' ? 'Add at least one recipient.' : `No usable key for: ${who}.`);
      }
      if (r.protocol === 'smime') {
        if (input.unlock) await keyring.unlock(input.unlock.fingerprint, input.unlock.passphrase);
        const subject = input.subject;
        const sent = await encryptSmime({
          recipients: r.recipients.map((x) => x.fingerprint), signWith: r.self.signWith, body: input.body, sign: input.sign,
          asAttachment: input.canAttach === true && (files.length > 0 || input.smimeInline !== true), files,
          ...(subject !== undefined ? { protectedHeaders: { subject, from: await fromAddress(), to: input.to, cc: input.cc } } : {}),
        }, keyring, smime);
        return 'state' in sent || subject === undefined ? sent : { ...sent, outerSubject: { value: obscuredSubject, protected: true } };
      }
      const encryptionKeys: PgpKey[] = [];
      for (const rec of r.recipients) {
        const entry = store.getOpenPgp(rec.fingerprint);
        if (entry) encryptionKeys.push(await readKey(entry.publicArmored));
      }
      const own = await ownOpenPgp();
      for (const o of own) encryptionKeys.push(o.publicKey); // a readable copy in the sender's Sent folder
      if (input.unlock) await keyring.unlock(input.unlock.fingerprint, input.unlock.passphrase);
      const signingKeys = input.sign ? await keyring.unlockedOwnKeys() : [];
      if (input.sign && signingKeys.length === 0) {
        const locked = await keyring.lockedOwnKeys();
        if (locked.length === 0) throw new LockpaneError('key-not-usable', 'You have no key to sign with. Create one in Lockpane\'s options.');
        return { state: 'needs-passphrase', keys: locked };
      }
      if (input.pgpMime === true && files.reduce((n, f) => n + f.bytes.byteLength, 0) <= pgpMimeMaxFileBytes) {
        const headers = { subject: input.subject ?? null, from: await fromAddress(), to: input.to, cc: input.cc };
        const pgpMime = await encryptPgpMime({ body: input.body, files, headers }, encryptionKeys, signingKeys.slice(0, 1));
        return {
          armored: input.notice ?? pgpMimeDefaultNotice, files: [], pgpMime,
          ...(input.subject !== undefined ? { outerSubject: { value: obscuredSubject, protected: true } } : {}),
        };
      }
      const armored = await encrypt({ data: input.body, encryptionKeys, signingKeys: signingKeys.slice(0, 1), encryptToSigners: false, format: 'utf8' });
      // Inline OpenPGP has no MIME entity to carry protected headers: the Subject travels as written.
      return {
        armored, files: await encryptFilesPgp(files, encryptionKeys, signingKeys.slice(0, 1)),
        ...(input.subject !== undefined ? { outerSubject: { value: input.subject, protected: false } } : {}),
      };
    },

    /**
     * Signs without encrypting (OpenPGP cleartext or S/MIME opaque signed-data, as text for the web mail's
     * editor); recipients need no keys. The Subject is not confidential here: it stays as written.
     */
    async signOnly(input: { to: string[]; cc: string[]; body: string; unlock?: { fingerprint: string; passphrase: string }; subject?: string }): Promise<Encrypted | EncryptResult> {
      if (input.unlock) await keyring.unlock(input.unlock.fingerprint, input.unlock.passphrase);
      const r = resolveRecipients({ from: (await fromAddress()) ?? '', to: input.to, cc: input.cc, preference: await protocolPreference() }, await context());
      const protocol = r.ok ? r.protocol : await protocolPreference();
      const headers = input.subject !== undefined ? { subject: input.subject, from: await fromAddress(), to: input.to, cc: input.cc } : null;
      const signed = await signOnly({ body: input.body, protocol, headers }, keyring);
      if ('state' in signed) return signed;
      return { armored: signed.armored, files: [], ...(input.subject !== undefined ? { outerSubject: { value: input.subject, protected: false } } : {}) };
    },

    /** Saves editor `id`'s draft encrypted to the user's own public key(s): no passphrase needed to save. */
    async saveDraft(origin: string, id: string, draft: { to: string[]; cc: string[]; body: string }): Promise<DraftState> {
      const own = await ownOpenPgp();
      const savedAt = new Date().toISOString();
      const record: StoredDraft = own.length === 0
        ? { smime: await sealDraftSmime(keyring, JSON.stringify(draft)), savedAt }
        : { armored: await encrypt({ data: JSON.stringify(draft), encryptionKeys: own.map((o) => o.publicKey), encryptToSigners: false }), savedAt };
      await drafts.put(origin, id, record);
      return { exists: true, savedAt };
    },

    /** Opens the draft editor `ownId` offers (the newest other one); `id` says which, so the editor can save over it. */
    async loadDraft(origin: string, ownId: string, unlock?: { fingerprint: string; passphrase: string }) {
      const other = await drafts.newestOther(origin, ownId);
      const d = other ? await drafts.read(origin, other.id) : undefined;
      if (!other || !d) return { state: 'none' as const };
      if (unlock) await keyring.unlock(unlock.fingerprint, unlock.passphrase);
      let json: string;
      if (d.smime !== undefined) {
        const opened = await openDraftSmime(keyring, d.smime);
        if ('keys' in opened) return { state: 'needs-passphrase' as const, keys: opened.keys };
        json = opened.json;
      } else {
        const keys = await keyring.unlockedOwnKeys();
        if (keys.length === 0) return { state: 'needs-passphrase' as const, keys: await keyring.lockedOwnKeys() };
        json = new TextDecoder().decode((await decrypt({ message: d.armored ?? '', decryptionKeys: keys })).data);
      }
      let content: unknown;
      try {
        content = JSON.parse(json);
      } catch {
        throw new LockpaneError('corrupt-record', 'A stored draft could not be read (damaged record)');
      }
      const parsed = checkStored(content, draftContentSchema, 'draft');
      return { state: 'draft' as const, id: other.id, to: parsed.to, cc: parsed.cc, body: parsed.body };
    },

    /** Removes draft `id` (an editor's own after sending, or the one it offered). */
    async removeDraft(origin: string, id: string): Promise<void> {
      await drafts.remove(origin, id);
    },

    /** Discards the draft editor `ownId` offers; a damaged draft index goes with it. */
    async discardDraft(origin: string, ownId: string): Promise<DraftState> {
      const other = await drafts.newestOther(origin, ownId).catch((e: unknown) => {
        if (e instanceof LockpaneError && e.code === 'corrupt-record') return null;
        throw e;
      });
      if (other) await drafts.remove(origin, other.id);
      else await local.remove(`drafts:${origin}`);
      return draftState(origin, ownId);
    },
  };
}

export type ComposeService = ReturnType<typeof createComposeService>;
