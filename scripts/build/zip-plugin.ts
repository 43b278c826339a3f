/**
 * After a browser build, writes a store-ready zip of its folder (deterministic: sorted names, fixed dates).
 * For Chrome the zipped manifest drops the development `key`, which the store refuses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { Compiler } from 'webpack';

function collect(dir: string, base = dir, out: Zippable = {}): Zippable {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) collect(full, base, out);
    else out[path.relative(base, full).split(path.sep).join('/')] = [fs.readFileSync(full), { mtime: new Date('2026-01-01T00:00:00Z') }];
  }
  return out;
}

export class ZipPlugin {
  constructor(private readonly zipPath: string, private readonly dropKey: boolean) {}

  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('LockpaneZip', () => {
      const dir = compiler.outputPath;
      const files = collect(dir);
      if (this.dropKey) {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
        delete manifest.key;
        files['manifest.json'] = [Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: new Date('2026-01-01T00:00:00Z') }];
      }
      fs.mkdirSync(path.dirname(this.zipPath), { recursive: true });
      fs.writeFileSync(this.zipPath, zipSync(files, { level: 9 }));
    });
  }
}
