/**
 * `npm start`: builds Lockpane, serves the local demo web mail on 127.0.0.1, and opens Chromium with the
 * product build (dist/chrome) as a store install would have it: its setup in front, the demo mail behind,
 * no site enabled until the user turns Lockpane on in the toolbar popup. Without a display it says so and
 * how to load it by hand. `npm start -- --two` opens a second, separate profile signed in to the demo mail
 * as bob@example.test, to try writing to each other (the demo mail delivers between the addresses it is
 * signed in as). The launch itself is scripts/start-demo.ts.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureChromium } from '../e2e/support/chromium';
import { startDemo } from './start-demo';

const root = path.resolve(__dirname, '..');

function build(): void {
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm run build failed');
    process.exit(1);
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
  const demo = await startDemo({ two: process.argv.includes('--two'), headless: false });
  const who = demo.profiles.map((p) => p.me).join(' and ');
  console.log([
    '',
    `Lockpane is running with the demo web mail at ${demo.demoUrl} as ${who} (close the browser to stop).`,
    'Follow "First steps" in the README: make your key in the setup tab, then turn Lockpane on for the demo mail',
    'from the toolbar button (allow the site when Chromium asks). The demo message\'s password is: demo',
    '',
  ].join('\n'));
  await Promise.race(demo.profiles.map((p) => new Promise<void>((resolve) => p.context.on('close', () => resolve()))));
  await demo.close();
}

main().catch((e: unknown) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
