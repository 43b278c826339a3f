/**
 * The managed policy as the worker knows it. Read from `storage.managed` at start and again on every
 * `storage.onChanged` for the managed area; validated (validate-policy.ts).
 *
 * Chrome answers `{}` for the first seconds after the browser starts, before it has loaded policy.
 * Treating that as "no policy" would lift every restriction (export allowed, settings unlocked) in that
 * window, so the last policy seen is kept in storage.local and stays in force until the managed area
 * says otherwise: a change event, a non-empty answer, or still empty after a grace period.
 */
import type { PolicyStatus, PolicyWarning } from '../../shared/policy-status';
import type { KeyValueArea } from '../kv';
import { validatePolicy, type ValidatedPolicy } from './validate-policy';

const lastKnownKey = 'policy.lastKnown';
export const defaultGraceMs = 10_000;

export type ManagedReader = () => Promise<Record<string, unknown>>;

/** What applying the policy found (apply-policy.ts): entries that failed deeper checks, and what is installed. */
export type ApplyReport = Pick<PolicyStatus, 'roots' | 'preinstalled'> & { warnings: PolicyWarning[]; at: string };

export type PolicyState = ValidatedPolicy & {
  /** The raw values came from the stored last-known copy, not (yet) from the managed area. */
  provisional: boolean;
  applied: ApplyReport | null;
};

type Options = { graceMs?: number; now?: () => number };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function createPolicyService(readManaged: ManagedReader, local: KeyValueArea, opts: Options = {}) {
  const now = opts.now ?? Date.now;
  const managedReadTimeoutMs = 5000;
  const graceMs = opts.graceMs ?? defaultGraceMs;
  let state: PolicyState | null = null;
  let loading: Promise<PolicyState> | null = null;
  let provisionalUntil = 0;
  const listeners = new Set<(s: PolicyState) => void>();

  /**
   * What the managed area says; null when it did not answer in time (seen once as a hang in a loaded test
   * run): callers then keep the last known policy provisionally instead of waiting forever.
   */
  async function readRaw(): Promise<Record<string, unknown> | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), managedReadTimeoutMs); });
    try {
      const raw = await Promise.race([readManaged(), timeout]);
      if (raw === null) return null;
      return isRecord(raw) ? raw : {};
    } catch {
      return {}; // Firefox throws when no policy names this extension
    } finally {
      clearTimeout(timer);
    }
  }

  function publish(next: PolicyState): PolicyState {
    state = next;
    for (const l of listeners) l(next);
    return next;
  }

  /** Accepts what the managed area says as definitive and remembers it. */
  async function accept(raw: Record<string, unknown>): Promise<PolicyState> {
    if (Object.keys(raw).length > 0) await local.set(lastKnownKey, raw);
    else await local.remove(lastKnownKey);
    return publish({ ...validatePolicy(raw), provisional: false, applied: state?.applied ?? null });
  }

  async function load(): Promise<PolicyState> {
    const raw = await readRaw();
    const last = await local.get(lastKnownKey);
    if ((raw === null || Object.keys(raw).length === 0) && isRecord(last) && Object.keys(last).length > 0) {
      provisionalUntil = now() + graceMs;
      return publish({ ...validatePolicy(last), provisional: true, applied: null });
    }
    if (raw === null) {
      // No answer and nothing known: no policy for now, re-read once the grace period is over.
      provisionalUntil = now() + graceMs;
      return publish({ ...validatePolicy({}), provisional: true, applied: null });
    }
    return accept(raw);
  }

  return {
    /** The current policy; the first call reads the managed area. */
    async current(): Promise<PolicyState> {
      const s = state ?? (await (loading ??= load()));
      if (s.provisional && now() >= provisionalUntil) {
        const raw = await readRaw();
        if (raw !== null) return accept(raw);
        provisionalUntil = now() + graceMs; // still no answer: keep what we have, ask again later
      }
      return s;
    },

    /** Re-reads after a `storage.onChanged` for the managed area: whatever it says now is definitive. */
    async reload(): Promise<PolicyState> {
      const raw = await readRaw();
      return raw === null ? (state ?? load()) : accept(raw);
    },

    /** The provisional window's end (0 when the policy is definitive), so the worker can re-check then. */
    provisionalUntil(): number {
      return state?.provisional ? provisionalUntil : 0;
    },

    recordApply(report: ApplyReport): void {
      if (state) state = { ...state, applied: report };
    },

    onChange(listener: (s: PolicyState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
