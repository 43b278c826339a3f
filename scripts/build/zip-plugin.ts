/**
 * After a browser build, writes store-ready zips of its folder (deterministic: sorted names, fixed dates).
 * For Chrome the zipped manifest drops the development `key`, which the store refuses. The Chrome build is
 * also the Edge Add-ons package (Edge is Chromium and takes the same MV3 package): one zip per store, same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { Compiler } from 'webpack';

/** The zip's bytes for the build folder `dir` (exported for the test). */
export function zipFolder(dir: string, dropKey: boolean): Uint8Array {
  const files = collect(dir);
  if (dropKey) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.key;
    files['manifest.json'] = [Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: new Date('2026-01-01T00:00:00Z') }];
  }
  return zipSync(files, { level: 9 });
}

function collect(dir: string, base = dir, out: Zippable = {}): Zippable {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) collect(full, base, out);
    else out[path.relative(base, full).split(path.sep).join('/')] = [fs.readFileSync(full), { mtime: new Date('2026-01-01T00:00:00Z') }];
  }
  return out;
}

export class ZipPlugin {
  constructor(private readonly zipPaths: readonly string[], private readonly dropKey: boolean) {}

  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('LockpaneZip', () => {
      const bytes = zipFolder(compiler.outputPath, this.dropKey);
      for (const zipPath of this.zipPaths) {
        fs.mkdirSync(path.dirname(zipPath), { recursive: true });
        fs.writeFileSync(zipPath, bytes);
      }
    });
  }
}
