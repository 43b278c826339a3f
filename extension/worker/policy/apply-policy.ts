/**
 * Applies the managed policy to the worker's state: organisation roots into the S/MIME trust store,
 * pre-installed keys into the keyring (OpenPGP keys marked verified by policy), the passphrase cache
 * timeout, and the site registration. Idempotent and serialised; run at worker start, on every policy
 * change and on every settings change. Entries that fail these deeper checks become warnings.
 */
import { describeCertificate } from '../../../keyring/store/facts-x509';
import type { PolicyStatus, PolicyWarning } from '../../shared/policy-status';
import type { KeyringService } from '../keyring/service';
import { parseImport } from '../keyring/import-parse';
import type { SettingsService } from '../settings/settings-service';
import type { Sites } from '../sites';
import type { ApplyReport, PolicyService } from './policy-service';

export type ApplyDeps = { policy: PolicyService; settings: SettingsService; keyring: KeyringService; sites: Pick<Sites, 'sync'> };

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 200);

async function applyRoots(deps: ApplyDeps, pems: readonly string[], warnings: PolicyWarning[]): Promise<PolicyStatus['roots']> {
  const valid: string[] = [];
  for (const [i, pem] of pems.entries()) {
    try {
      await describeCertificate(pem);
      valid.push(pem);
    } catch (e) {
      warnings.push({ key: 'trustedRootCertificates', problem: `trustedRootCertificates[${i}]: not a usable certificate (${reason(e)}), ignored` });
    }
  }
  // Always called, also with [], so roots removed from the policy leave the trust store.
  const roots = await (await deps.keyring.store()).setPolicyRoots(valid);
  return roots.map((r) => ({ fingerprint: r.fingerprint, subject: r.subject }));
}

async function applyKeys(deps: ApplyDeps, texts: readonly string[], warnings: PolicyWarning[]): Promise<PolicyStatus['preinstalled']> {
  const store = await deps.keyring.store();
  const out: PolicyStatus['preinstalled'] = [];
  for (const [i, text] of texts.entries()) {
    const where = `preinstalledPublicKeys[${i}]`;
    try {
      for (const entry of await parseImport({ text })) {
        if ((entry.kind === 'openpgp' && entry.privateArmored) || (entry.kind === 'x509' && entry.privateKey)) {
          warnings.push({ key: 'preinstalledPublicKeys', problem: `${where}: holds private key material, ignored` });
          continue;
        }
        const known = store.get(entry.kind, entry.fingerprint);
        if (!known) await store.importEntry(entry, 'policy');
        if (entry.kind === 'openpgp' && store.acceptanceOf(entry.fingerprint) !== 'verified') {
          try {
            await store.setAcceptance(entry.fingerprint, 'verify', 'policy');
          } catch (e) {
            warnings.push({ key: 'preinstalledPublicKeys', problem: `${where}: installed but not marked verified (${reason(e)})` });
          }
        }
        out.push({ kind: entry.kind, fingerprint: entry.fingerprint, emails: entry.emails });
      }
    } catch (e) {
      warnings.push({ key: 'preinstalledPublicKeys', problem: `${where}: not a usable key or certificate (${reason(e)}), ignored` });
    }
  }
  return out;
}

type Done<T> = { text: string; value: T; warnings: PolicyWarning[] };

/** Re-runs `work` only when `text` (the policy entries it depends on) changed since the last run. */
async function once<T>(prev: Done<T> | null, text: string, work: (w: PolicyWarning[]) => Promise<T>): Promise<Done<T>> {
  if (prev && prev.text === text) return prev;
  const warnings: PolicyWarning[] = [];
  return { text, value: await work(warnings), warnings };
}

export function createPolicyApplier(deps: ApplyDeps, now: () => Date = () => new Date()) {
  let queue: Promise<unknown> = Promise.resolve();
  let roots: Done<PolicyStatus['roots']> | null = null;
  let keys: Done<PolicyStatus['preinstalled']> | null = null;

  async function run(): Promise<ApplyReport> {
    const all = await deps.settings.all();
    deps.keyring.unlocks.setTimeoutMinutes(all.passphraseCacheMinutes);
    roots = await once(roots, JSON.stringify(all.trustedRootCertificates), (w) => applyRoots(deps, all.trustedRootCertificates, w));
    keys = await once(keys, JSON.stringify(all.preinstalledPublicKeys), (w) => applyKeys(deps, all.preinstalledPublicKeys, w));
    await deps.sites.sync();
    const report: ApplyReport = { roots: roots.value, preinstalled: keys.value, warnings: [...roots.warnings, ...keys.warnings], at: now().toISOString() };
    deps.policy.recordApply(report);
    return report;
  }

  return {
    /** Applies the current policy and settings; concurrent calls run one after another. */
    apply(): Promise<ApplyReport> {
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

export type PolicyApplier = ReturnType<typeof createPolicyApplier>;
