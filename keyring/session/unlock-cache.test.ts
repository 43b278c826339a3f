import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockpaneError } from '../errors';
import { DEFAULT_TIMEOUT_MS, UnlockCache, type SessionPersistence, type SessionSnapshot } from './unlock-cache';

class FakeClock { t = 1_000_000; now(): number { return this.t; } advance(ms: number): void { this.t += ms; } }

/** Stands in for storage.session: survives a worker restart (a new cache instance), not a browser restart. */
class SessionArea implements SessionPersistence {
  data: string | undefined;
  failSaves = false;
  async load(): Promise<SessionSnapshot | undefined> { return this.data === undefined ? undefined : JSON.parse(this.data) as SessionSnapshot; }
  async save(s: SessionSnapshot): Promise<void> { if (this.failSaves) throw new Error('quota'); this.data = JSON.stringify(s); }
  async clear(): Promise<void> { if (this.failSaves) throw new Error('quota'); this.data = undefined; }
}

describe('unlock cache', () => {
  it('forgets a passphrase exactly at the default 15-minute timeout, however often it is used', async () => {
    const clock = new FakeClock();
    const cache = new UnlockCache<{ key: string }>({ clock });
    assert.equal(cache.timeout, DEFAULT_TIMEOUT_MS);
    await cache.remember('FPR1', 'secret', { key: 'unlocked object' });
    for (let i = 0; i < 14; i++) {
      clock.advance(60_000);
      assert.equal(cache.passphrase('FPR1'), 'secret');
      assert.deepEqual(cache.unlocked('FPR1'), { key: 'unlocked object' });
    }
    assert.equal(cache.nextExpiry(), 1_000_000 + DEFAULT_TIMEOUT_MS);
    clock.advance(59_999);
    assert.equal(cache.passphrase('FPR1'), 'secret');
    clock.advance(1);
    assert.equal(cache.passphrase('FPR1'), undefined);
    assert.equal(cache.unlocked('FPR1'), undefined);
  });

  it('survives a worker restart through the session area (passphrases only), and lockNow clears both', async () => {
    const clock = new FakeClock();
    const area = new SessionArea();
    const first = new UnlockCache<object>({ clock, persistence: area, timeoutMs: 5 * 60_000 });
    await first.remember('A', 'pa', {});
    await first.remember('B', 'pb', {});
    clock.advance(60_000);
    const second = new UnlockCache<object>({ clock, persistence: area }); // the worker was stopped
    await second.restore();
    assert.equal(second.timeout, 5 * 60_000, 'the user-set timeout came back too');
    assert.deepEqual([second.passphrase('A'), second.passphrase('B')], ['pa', 'pb']);
    assert.equal(second.unlocked('A'), undefined, 'key objects are never serialised');
    await second.lockNow();
    assert.equal(second.passphrase('A'), undefined);
    assert.equal(area.data, undefined);
    const third = new UnlockCache({ clock, persistence: area });
    await third.restore();
    assert.deepEqual(third.ids(), []);
  });

  it('expired items are not restored, and a shorter timeout applies to what is already cached', async () => {
    const clock = new FakeClock();
    const area = new SessionArea();
    const cache = new UnlockCache({ clock, persistence: area });
    await cache.remember('A', 'pa');
    clock.advance(10 * 60_000);
    await cache.remember('B', 'pb');
    await cache.setTimeout(8 * 60_000);
    assert.deepEqual(cache.ids(), ['B']);
    clock.advance(9 * 60_000);
    const restarted = new UnlockCache({ clock, persistence: area });
    await restarted.restore();
    assert.deepEqual(restarted.ids(), []);
    assert.equal(area.data, undefined, 'the expired snapshot was removed from the session area');
  });

  it('timeout 0 means never remember; out-of-range timeouts are refused', async () => {
    const cache = new UnlockCache({ clock: new FakeClock() });
    await cache.remember('A', 'pa');
    await cache.setTimeout(0);
    await cache.remember('B', 'pb');
    assert.deepEqual(cache.ids(), []);
    await assert.rejects(cache.setTimeout(-1), (e) => isLockpaneError(e, 'unsupported-option'));
    await assert.rejects(cache.setTimeout(25 * 3600_000), (e) => isLockpaneError(e, 'unsupported-option'));
  });

  it('lockNow locks memory even when the session area fails, and says so', async () => {
    const area = new SessionArea();
    const cache = new UnlockCache({ clock: new FakeClock(), persistence: area });
    await cache.remember('A', 'pa');
    area.failSaves = true;
    await assert.rejects(cache.lockNow(), (e) => isLockpaneError(e, 'internal'));
    assert.equal(cache.passphrase('A'), undefined);
  });

  it('a damaged snapshot is discarded rather than trusted', async () => {
    const area = new SessionArea();
    area.data = JSON.stringify({ version: 7, items: 'nonsense' });
    const cache = new UnlockCache({ clock: new FakeClock(), persistence: area });
    await cache.restore();
    assert.deepEqual(cache.ids(), []);
    assert.equal(area.data, undefined);
  });

  it('sweep removes expired items for the worker alarm', async () => {
    const clock = new FakeClock();
    const cache = new UnlockCache({ clock, timeoutMs: 60_000 });
    await cache.remember('A', 'pa');
    clock.advance(30_000);
    await cache.remember('B', 'pb');
    clock.advance(30_000);
    assert.deepEqual(await cache.sweep(), ['A']);
    assert.equal(cache.nextExpiry(), clock.now() + 30_000);
  });
});
