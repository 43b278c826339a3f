/** Test identities for two-profile specs: each profile generates its own key through the real UI protocol. */
import type { BrowserContext, Page } from '@playwright/test';
import { extensionOriginOf, ok, sendFrom } from './fixtures';
import { openExtensionPage } from './extension-pages';

export type Person = { name: string; email: string; passphrase: string };
export const alice: Person = { name: 'Alice Example', email: 'alice@example.test', passphrase: 'alice correct horse' };
export const bob: Person = { name: 'Bob Example', email: 'bob@example.test', passphrase: 'bob battery staple' };

export type Profile = { context: BrowserContext; ext: Page; id: string; fingerprint: string; publicKey: string };

export async function setUpProfile(context: BrowserContext, person: Person): Promise<Profile> {
  const origin = await extensionOriginOf(context);
  const id = new URL(origin).host;
  const ext = await openExtensionPage(context, origin, 'options.html');
  const generated = await ok<{ key: { fingerprint: string } }>(sendFrom(ext, 'keys.generate', { name: person.name, email: person.email, passphrase: person.passphrase }));
  const { armored } = await ok<{ armored: string }>(sendFrom(ext, 'keys.exportPublic', { fingerprint: generated.key.fingerprint }));
  return { context, ext, id, fingerprint: generated.key.fingerprint, publicKey: armored };
}

/** Imports `other`'s public key into `into` and marks it verified, as after comparing fingerprints. */
export async function introduce(into: Profile, other: Profile): Promise<void> {
  await ok(sendFrom(into.ext, 'keys.import', { text: other.publicKey }));
  await ok(sendFrom(into.ext, 'keys.setAcceptance', { fingerprint: other.fingerprint, event: 'verify' }));
}

export async function enable(profile: Profile, origin: string): Promise<void> {
  await ok(sendFrom(profile.ext, 'sites.enable', { origin }));
}
