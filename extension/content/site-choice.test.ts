/**
 * Choosing a page's adapter, and falling back to generic mode: on real Roundcube fixtures and on mutated
 * copies (a removed stable hook fails the health check; renamed skin classes do not), with a bundle that
 * loads, one that does not arrive, and a web mail that builds its panes only after a while.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeFixtureBrowser, loadFixture, siteFixtures } from '../testing/site-fixtures';
import { fakePageChanges } from '../testing/fake-page-changes';
import type { SiteAdapter, SiteId } from './adapter';
import { chooseAdapter, healthWithin } from './site-choice';
import { createRoundcubeAdapter, roundcubeHealth } from './sites/roundcube';

after(() => closeFixtureBrowser());

const fixtures = siteFixtures('roundcube');
function roundcube(name: string): Document {
  const f = fixtures.find((x) => x.name === name);
  assert.ok(f, name);
  return loadFixture(f);
}
const loads = (adapter: SiteAdapter) => async (id: SiteId): Promise<SiteAdapter> => {
  assert.equal(id, 'roundcube');
  return adapter;
};

describe('Roundcube health', () => {
  test('healthy on every captured page', () => {
    for (const f of fixtures) assert.deepEqual(roundcubeHealth(loadFixture(f)), { ok: true }, f.name);
  });

  test('a read view without #messagebody, a compose view without its body or To field: unhealthy, naming what is missing', () => {
    const preview = roundcube('elastic-preview.html');
    preview.querySelector('#messagebody')?.removeAttribute('id');
    assert.deepEqual(roundcubeHealth(preview), { ok: false, missing: ['#messagebody'] });
    const compose = roundcube('elastic-compose.html');
    compose.querySelector('textarea#_to')?.remove();
    compose.querySelector('textarea#composebody')?.setAttribute('id', 'editor-7f3a');
    const health = roundcubeHealth(compose);
    assert.equal(health.ok, false);
    assert.deepEqual(!health.ok && health.missing, ['textarea#composebody', 'textarea#_to, input#_to']);
  });

  test('renamed skin classes keep it healthy and the panes found (its hooks are ids and the URL)', () => {
    for (const name of ['elastic-preview.html', 'elastic-compose.html']) {
      const doc = roundcube(name);
      for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].map((c) => `x-${c}`).join(' '));
      assert.deepEqual(roundcubeHealth(doc), { ok: true }, name);
      const adapter = createRoundcubeAdapter();
      assert.equal(adapter.readPanes(doc).length + adapter.composePanes(doc).length, 1, name);
    }
  });
});

describe('chooseAdapter', () => {
  test('a claimed, healthy Roundcube page runs the Roundcube adapter, with no notice', async () => {
    const adapter = createRoundcubeAdapter();
    const choice = await chooseAdapter(roundcube('elastic-compose.html'), fakePageChanges(), loads(adapter), 0);
    assert.equal(choice.adapter, adapter);
    assert.equal(choice.fallback, null);
  });

  test('a removed stable hook: generic mode, and the fallback names Roundcube and the hook', async () => {
    // The full view: still recognised as Roundcube (its folder list), but its message body hook is gone.
    const doc = roundcube('elastic-show.html');
    doc.querySelector('#messagebody')?.removeAttribute('id');
    const choice = await chooseAdapter(doc, fakePageChanges(), loads(createRoundcubeAdapter()), 0);
    assert.equal(choice.adapter.id, 'generic');
    assert.deepEqual(choice.fallback, { label: 'Roundcube', missing: ['#messagebody'] });
  });

  test('a bundle that cannot be loaded: generic mode with a fallback', async () => {
    const choice = await chooseAdapter(roundcube('elastic-mailbox.html'), fakePageChanges(), async () => { throw new Error('no bundle'); }, 0);
    assert.equal(choice.adapter.id, 'generic');
    assert.deepEqual(choice.fallback, { label: 'Roundcube', missing: ['adapter bundle'] });
  });

  test('a page of no known web mail: generic mode, no fallback, no bundle asked for', async () => {
    const doc = loadFixture({ url: 'http://127.0.0.1:5000/demo/', html: '<main><textarea></textarea></main>' });
    const choice = await chooseAdapter(doc, fakePageChanges(), async () => assert.fail('no bundle for generic pages'), 0);
    assert.equal(choice.adapter.id, 'generic');
    assert.equal(choice.fallback, null);
  });
});

describe('healthWithin (lazily built web mails)', () => {
  test('unhealthy at first, healthy after a page change within the grace: ok, and it stops listening', async () => {
    const doc = roundcube('elastic-preview.html');
    const body = doc.querySelector('#messagebody');
    body?.removeAttribute('id');
    const changes = fakePageChanges();
    const pending = healthWithin(createRoundcubeAdapter(), doc, changes, 5000);
    changes.emit();
    body?.setAttribute('id', 'messagebody');
    changes.emit();
    assert.deepEqual(await pending, { ok: true });
    assert.equal(changes.listeners(), 0);
  });

  test('still unhealthy when the grace ends: the last report', async () => {
    const doc = roundcube('elastic-preview.html');
    doc.querySelector('#messagebody')?.removeAttribute('id');
    const changes = fakePageChanges();
    assert.deepEqual(await healthWithin(createRoundcubeAdapter(), doc, changes, 30), { ok: false, missing: ['#messagebody'] });
    assert.equal(changes.listeners(), 0);
  });
});
