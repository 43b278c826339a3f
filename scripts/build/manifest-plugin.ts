/** Emits manifest.json for one target into the build output. */
import fs from 'node:fs';
import type { Compiler } from 'webpack';
import { deriveManifest, type ManifestOptions } from './derive-manifest';

export class ManifestPlugin {
  constructor(private readonly sourcePath: string, private readonly opts: ManifestOptions) {}

  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('LockpaneManifest', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'LockpaneManifest', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.fileDependencies.add(this.sourcePath);
        const source = JSON.parse(fs.readFileSync(this.sourcePath, 'utf8')) as Record<string, unknown>;
        const text = `${JSON.stringify(deriveManifest(source, this.opts), null, 2)}\n`;
        compilation.emitAsset('manifest.json', new compiler.webpack.sources.RawSource(text));
      });
    });
  }
}
