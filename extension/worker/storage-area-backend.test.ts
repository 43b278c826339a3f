import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { journalKey, storageAreaBackend, type StorageAreaLike } from './storage-area-backend';

/** storage.local's semantics in memory; `crashAfterSet` makes the next remove() fail as if the worker had stopped. */
function fakeArea() {
  const data = new Map<string, unknown>();
  const state = { crashBeforeRemove: false, wholeReads: 0 };
  const area: StorageAreaLike = {
    async get(keys) {
      if (keys === null) state.wholeReads++;
      const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      if (state.crashBeforeRemove) {
        state.crashBeforeRemove = false;
        throw new Error('worker stopped');
      }
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
  return { area, data, state };
}

const noLock = <T>(fn: () => Promise<T>) => fn();

describe('storage-area backend', () => {
  it('applies a compare-and-set with sets and removals as one write', async () => {
    const { area, data } = fakeArea();
    const b = storageAreaBackend(area, noLock);
    await b.set('lp/e/a', 'A1');
    await b.set('lp/e/b', 'B1');
    assert.deepEqual(await b.compareAndSet([{ key: 'lp/e/a', expect: 'A1', value: 'A2' }, { key: 'lp/e/b', expect: 'B1', value: undefined }]), { ok: true });
    assert.deepEqual([...(await b.list('lp/e/')).entries()], [['lp/e/a', 'A2']]);
    assert.equal(data.has(journalKey), false);
  });

  it('a stop between the set and the removal is completed by the next backend before anything is read', async () => {
    const { area, data, state } = fakeArea();
    const first = storageAreaBackend(area, noLock);
    await first.set('lp/e/old', 'OLD');
    state.crashBeforeRemove = true;
    await assert.rejects(first.compareAndSet([{ key: 'lp/e/new', expect: undefined, value: 'NEW' }, { key: 'lp/e/old', expect: 'OLD', value: undefined }]), /worker stopped/);
    assert.ok(data.has(journalKey), 'the journal was written with the new value');
    assert.equal(data.get('kr:lp/e/old'), 'OLD'); // the half-done state a naive two-step write would leave

    const restarted = storageAreaBackend(area, noLock);
    assert.deepEqual([...(await restarted.list('lp/e/')).entries()], [['lp/e/new', 'NEW']]);
    assert.equal(await restarted.get('lp/e/old'), undefined);
    assert.equal(data.has(journalKey), false);
  });

  it('one context stops mid-write while another keeps writing: the stopped write is complete for everyone, and the other context\'s write on its stale view is refused, not lost', async () => {
    const { area, data, state } = fakeArea();
    const a = storageAreaBackend(area, noLock);
    const b = storageAreaBackend(area, noLock);
    await a.set('lp/e/x', 'X1');
    assert.equal(await b.get('lp/e/x'), 'X1');
    state.crashBeforeRemove = true;
    await assert.rejects(a.compareAndSet([{ key: 'lp/e/x', expect: 'X1', value: undefined }, { key: 'lp/e/y', expect: undefined, value: 'Y1' }]), /worker stopped/);
    // b, long past its start, sees a's whole write: y is there and x is gone.
    assert.equal(await b.get('lp/e/x'), undefined);
    assert.deepEqual([...(await b.list('lp/e/')).entries()], [['lp/e/y', 'Y1']]);
    // b's write planned on the old x is refused (its store re-reads and plans again), never applied and later undone.
    assert.deepEqual(await b.compareAndSet([{ key: 'lp/e/x', expect: 'X1', value: 'X2' }]), { ok: false, conflicts: ['lp/e/x'] });
    assert.deepEqual(await b.compareAndSet([{ key: 'lp/e/x', expect: undefined, value: 'X3' }]), { ok: true });
    // a restarts: nothing of b's is removed by a late replay.
    const restarted = storageAreaBackend(area, noLock);
    assert.deepEqual([...(await restarted.list('lp/e/')).entries()].sort(), [['lp/e/x', 'X3'], ['lp/e/y', 'Y1']]);
    assert.equal(data.has(journalKey), false);
  });

  it('a failed compare-and-set changes nothing and names the conflicting keys', async () => {
    const { area } = fakeArea();
    const b = storageAreaBackend(area, noLock);
    await b.set('lp/e/a', 'A1');
    assert.deepEqual(await b.compareAndSet([{ key: 'lp/e/a', expect: 'stale', value: 'A2' }, { key: 'lp/e/c', expect: undefined, value: 'C' }]), { ok: false, conflicts: ['lp/e/a'] });
    assert.deepEqual([...(await b.list('')).keys()], ['lp/e/a']);
  });

  it('concurrent lists share one read of the whole area, and never return the journal or other settings', async () => {
    const { area, data, state } = fakeArea();
    data.set('settings', { x: 1 });
    data.set('kr:lp/e/a', 'A');
    data.set('kr:lp/t/a', 'T');
    const b = storageAreaBackend(area, noLock);
    await b.get('warm-up');
    state.wholeReads = 0;
    const [e, t, all] = await Promise.all([b.list('lp/e/'), b.list('lp/t/'), b.list('')]);
    assert.equal(state.wholeReads, 1);
    assert.deepEqual([...e.keys()], ['lp/e/a']);
    assert.deepEqual([...t.keys()], ['lp/t/a']);
    assert.deepEqual([...all.keys()].sort(), ['lp/e/a', 'lp/t/a']);
  });

  it('reports only keyring keys, without the prefix, to watchers', () => {
    const { area } = fakeArea();
    let emit: (keys: readonly string[]) => void = () => undefined;
    const b = storageAreaBackend(area, noLock, (l) => { emit = l; return () => undefined; });
    const seen: string[][] = [];
    b.watch!((keys) => seen.push([...keys]));
    emit(['settings', 'kr:lp/e/a', journalKey]);
    emit(['settings']);
    assert.deepEqual(seen, [['lp/e/a']]);
  });
});
