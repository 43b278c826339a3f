/**
 * The detector harness: every registry probe's detect runs against every provider's fixtures and against
 * pages of no known web mail. Each probe claims its own provider's fixtures and declines all others;
 * generic mode claims only what no specific probe claims. A provider folder under fixtures/ is picked up
 * by name, and every specific adapter must have one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeFixtureBrowser, fixtureSites, loadFixture, otherFixtures, siteFixtures, type SiteFixture } from '../../testing/site-fixtures';
import { siteBundleIds } from '../../shared/site-bundles';
import { genericSite, siteFor, specificSites } from './index';

after(() => closeFixtureBrowser());

const all: SiteFixture[] = [...fixtureSites().flatMap(siteFixtures), ...otherFixtures()];
const docs = new Map(all.map((f) => [f, loadFixture(f)]));

test('every specific adapter has fixtures, a bundle entry and a bundle file; every fixture folder has an adapter', () => {
  const ids = specificSites.map((s) => s.probe.id as string).sort();
  assert.deepEqual(fixtureSites(), ids);
  assert.deepEqual(siteBundleIds.filter((id) => id !== 'generic').sort(), ids);
  assert.ok(fs.existsSync(path.join(__dirname, 'generic.bundle.ts')), 'generic.bundle.ts (generic mode with its upload code)');
  for (const id of ids) assert.ok(fs.existsSync(path.join(__dirname, `${id}.bundle.ts`)), `${id}.bundle.ts`);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
});

for (const site of specificSites) {
  describe(`${site.label} probe`, () => {
    for (const [fixture, doc] of docs) {
      const own = fixture.site === site.probe.id;
      test(`${own ? 'claims' : 'declines'} ${fixture.site}/${fixture.name}`, () => {
        // detect alone, at the fixture's own URL: structure must decide, not only the host.
        assert.equal(site.probe.detect(doc), own);
        if (own) assert.equal(site.probe.matches(new URL(fixture.url)), true, 'its URL check lets its own pages through');
      });
    }
  });
}

describe('generic mode', () => {
  for (const [fixture, doc] of docs) {
    const claimedElsewhere = fixture.site !== 'generic';
    test(`${claimedElsewhere ? 'declines' : 'claims'} ${fixture.site}/${fixture.name}`, () => {
      assert.equal(genericSite.probe.detect(doc), !claimedElsewhere);
      assert.equal(siteFor(doc).probe.id, claimedElsewhere ? fixture.site : genericSite.probe.id, 'the registry picks');
    });
  }
});
