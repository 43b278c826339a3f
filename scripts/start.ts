/**
 * `npm start`: builds Lockpane, serves the local demo web mail on 127.0.0.1, and opens Chromium with the
 * extension loaded and the demo site enabled. Without a display it says so and how to load it by hand.
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
  const context = await launchWithExtension();
  const worker = await extensionWorker(context);
  const id = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  const reply = await sendFrom(options, 'sites.enable', { origin: server.origin });
  if (!reply.ok) console.warn(`Could not enable the demo site: ${reply.error.message}`);
  const demo = await context.newPage();
  await demo.goto(server.url('/demo/'));
  console.log(`Lockpane is running on the demo web mail at ${server.url('/demo/')} (close the browser to stop).`);
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
  await server.close();
}

main().catch((e: unknown) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
