/**
 * `npm start`: builds Lockpane, serves the local demo web mail on 127.0.0.1, and opens Chromium with the
 * extension loaded and the demo site enabled. Without a display it says so and how to load it by hand.
 * `npm start -- --two` opens a second, separate profile signed in to the demo mail as bob@example.test, to
 * try writing to each other (the demo mail delivers between the addresses it is signed in as).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureChromium } from '../e2e/support/chromium';
import { extensionWorker, launchWithExtension, sendFrom } from '../e2e/support/fixtures';
import { startServer } from '../e2e/support/server';

const root = path.resolve(__dirname, '..');

function build(): void {
  for (const script of ['build', 'build:test']) {
    const r = spawnSync('npm', ['run', '-s', script], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`npm run ${script} failed`);
      process.exit(1);
    }
  }
}

async function main(): Promise<void> {
  build();
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log([
      '',
      'Lockpane is built (dist/chrome, dist/firefox, dist/cli), but there is no display to open a browser on.',
      'To try it: run `npm start` in a desktop session (or under `xvfb-run -a npm start`), or load it by hand:',
      '  Chrome/Chromium/Edge: open chrome://extensions, turn on Developer mode, "Load unpacked", choose dist/chrome',
      '  Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on", choose dist/firefox/manifest.json',
      '',
    ].join('\n'));
    return;
  }
  ensureChromium();
  const server = await startServer();
  process.env.HEADED = '1';
  const profiles = process.argv.includes('--two') ? ['alice@example.test', 'bob@example.test'] : ['alice@example.test'];
  const contexts = await Promise.all(profiles.map((me) => openProfile(server.origin, `${server.url('/demo/')}?me=${encodeURIComponent(me)}`)));
  console.log(`Lockpane is running on the demo web mail at ${server.url('/demo/')} as ${profiles.join(' and ')} (close the browser to stop).`);
  await Promise.race(contexts.map((context) => new Promise<void>((resolve) => context.on('close', () => resolve()))));
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await server.close();
}

/** One fresh profile with the options page (the setup on first run) and the demo mail open, the demo site on. */
async function openProfile(origin: string, demoUrl: string) {
  const context = await launchWithExtension();
  const worker = await extensionWorker(context);
  const id = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  const reply = await sendFrom(options, 'sites.enable', { origin });
  if (!reply.ok) console.warn(`Could not enable the demo site: ${reply.error.message}`);
  const demo = await context.newPage();
  await demo.goto(demoUrl);
  return context;
}

main().catch((e: unknown) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
