/**
 * After `npm run build`: the store packages exist and are what each store takes. Chrome Web Store and Edge
 * Add-ons get the same bytes (the Chrome build without its development key); addons.mozilla.org gets the
 * Firefox build with its gecko id. Returns what is wrong (empty when all is well).
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

type Manifest = { manifest_version?: number; key?: string; background?: { service_worker?: string; scripts?: string[] }; browser_specific_settings?: { gecko?: { id?: string } } };

function manifestOf(zip: Uint8Array): Manifest {
  const entry = unzipSync(zip, { filter: (f) => f.name === 'manifest.json' })['manifest.json'];
  if (!entry) throw new Error('no manifest.json');
  return JSON.parse(strFromU8(entry)) as Manifest;
}

export function packageProblems(distDir: string): string[] {
  const problems: string[] = [];
  const read = (name: string): Uint8Array | null => {
    const file = path.join(distDir, name);
    if (!fs.existsSync(file)) return void problems.push(`${name} is missing`), null;
    return fs.readFileSync(file);
  };
  const chrome = read('lockpane-chrome.zip');
  const edge = read('lockpane-edge.zip');
  const firefox = read('lockpane-firefox.zip');
  for (const [name, zip] of [['lockpane-chrome.zip', chrome], ['lockpane-edge.zip', edge]] as const) {
    if (!zip) continue;
    const m = manifestOf(zip);
    if (m.manifest_version !== 3 || !m.background?.service_worker) problems.push(`${name}: not an MV3 service-worker build`);
    if (m.key !== undefined) problems.push(`${name}: carries the development key (the store refuses it)`);
  }
  if (chrome && edge && Buffer.compare(Buffer.from(chrome), Buffer.from(edge)) !== 0) problems.push('lockpane-edge.zip differs from lockpane-chrome.zip');
  if (firefox) {
    const m = manifestOf(firefox);
    if (!m.background?.scripts?.length || !m.browser_specific_settings?.gecko?.id) problems.push('lockpane-firefox.zip: not a Firefox build (background scripts, gecko id)');
  }
  return problems;
}

if (require.main === module) {
  const problems = packageProblems(path.resolve(__dirname, '../../dist'));
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length === 0) console.log('store packages: lockpane-chrome.zip = lockpane-edge.zip, lockpane-firefox.zip: ok');
  process.exitCode = problems.length === 0 ? 0 : 1;
}
