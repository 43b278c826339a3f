import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './chromium';

export default function globalSetup(): void {
  ensureChromium();
  const manifest = path.resolve(__dirname, '../../dist/test/chrome/manifest.json');
  if (!fs.existsSync(manifest)) throw new Error('dist/test/chrome is missing: run `npm run build:test` first');
}
