/** The shared pane tracker: reports panes once when they appear, when they go, and stops on an unhealthy page. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeFixtureBrowser, loadFixture, siteFixtures } from '../testing/site-fixtures';
import { fakePageChanges } from '../testing/fake-page-changes';
import type { ComposePane, PaneReports, ReadPane } from './adapter';
import { trackPanes } from './pane-tracker';
import { createRoundcubeAdapter, roundcubeHealth } from './sites/roundcube';

after(() => closeFixtureBrowser());

function recorder() {
  const log: string[] = [];
  const reports: PaneReports = {
    readPane: (p: ReadPane) => log.push(`read+ ${p.senderEmail}`),
    readPaneGone: (p: ReadPane) => log.push(`read- ${p.senderEmail}`),
    composePane: (p: ComposePane) => log.push(`compose+ ${p.editor.id}`),
    composePaneGone: (p: ComposePane) => log.push(`compose- ${p.editor.id}`),
    unhealthy: (missing) => log.push(`unhealthy ${missing.join(',')}`),
  };
  return { log, reports };
}

const fixture = (name: string) => loadFixture(siteFixtures('roundcube').find((f) => f.name === name)!);

test('a compose pane is reported once on start, not again per batch, then as gone and as new when its editor is replaced', () => {
  const doc = fixture('elastic-compose.html');
  const changes = fakePageChanges();
  const { log, reports } = recorder();
  const adapter = createRoundcubeAdapter();
  const controller = new AbortController();
  adapter.start({ doc, changes, report: reports, signal: controller.signal });
  adapter.start({ doc, changes, report: reports, signal: controller.signal }); // idempotent
  changes.emit();
  assert.deepEqual(log, ['compose+ composebody']);
  const textarea = doc.querySelector('#composebody')!;
  const parent = textarea.parentNode!;
  const copy = textarea.cloneNode(true);
  textarea.remove();
  changes.emit();
  parent.append(copy);
  changes.emit([copy]);
  assert.deepEqual(log, ['compose+ composebody', 'compose- composebody', 'compose+ composebody']);
  controller.abort();
  assert.equal(changes.listeners(), 0, 'abort stops it');
});

test('a read pane carries what the page shows (sender) and is reported once', () => {
  const doc = fixture('elastic-show.html');
  const changes = fakePageChanges();
  const { log, reports } = recorder();
  const adapter = createRoundcubeAdapter();
  adapter.start({ doc, changes, report: reports, signal: new AbortController().signal });
  changes.emit();
  assert.deepEqual(log, ['read+ alice@example.test']);
  adapter.stop();
  assert.equal(changes.listeners(), 0);
});

test('with a health check: the batch that finds a hook gone stops the tracker and reports unhealthy', () => {
  const doc = fixture('elastic-show.html');
  const changes = fakePageChanges();
  const { log, reports } = recorder();
  const roundcube = createRoundcubeAdapter();
  const tracker = trackPanes({ readPanes: roundcube.readPanes, composePanes: roundcube.composePanes, health: roundcubeHealth, healthGraceMs: 0 });
  tracker.start({ doc, changes, report: reports, signal: new AbortController().signal });
  doc.querySelector('#messagebody')?.removeAttribute('id');
  changes.emit();
  changes.emit();
  assert.deepEqual(log, ['read+ alice@example.test', 'unhealthy #messagebody']);
  assert.equal(changes.listeners(), 0);
});

test('a hook missing only for a moment (between two views) is not a failure', async () => {
  const doc = fixture('elastic-show.html');
  const changes = fakePageChanges();
  const { log, reports } = recorder();
  const roundcube = createRoundcubeAdapter();
  const tracker = trackPanes({ readPanes: roundcube.readPanes, composePanes: roundcube.composePanes, health: roundcubeHealth, healthGraceMs: 40 });
  tracker.start({ doc, changes, report: reports, signal: new AbortController().signal });
  const body = doc.querySelector('#messagebody')!;
  body.removeAttribute('id');
  changes.emit();
  body.setAttribute('id', 'messagebody');
  changes.emit();
  await new Promise((r) => setTimeout(r, 80));
  const blink = ['read+ alice@example.test', 'read- alice@example.test', 'read+ alice@example.test'];
  assert.deepEqual(log, blink, 'the pane went and came back; no unhealthy report');
  body.removeAttribute('id');
  changes.emit();
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(log, [...blink, 'read- alice@example.test', 'unhealthy #messagebody']);
  assert.equal(changes.listeners(), 0);
});
