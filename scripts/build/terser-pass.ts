/**
 * A second minification pass with terser over scripts injected into web mail pages, after esbuild has
 * wrapped and tree-shaken them (esbuild marks its output as minimized, so webpack's own terser plugin
 * would skip it). These bytes run in every page and have a budget (DESIGN §9); terser's extra compression
 * passes take ~4 % more off esbuild's output. Licence comments are kept.
 */
import { minify } from 'terser';
import type { Compiler } from 'webpack';

export class TerserPass {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('TerserPass', (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: 'TerserPass', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 }, async () => {
        if (compiler.options.optimization.minimize !== true) return;
        for (const asset of compilation.getAssets().filter((a) => a.name.endsWith('.js'))) {
          const out = await minify(asset.source.source().toString(), { ecma: 2020, compress: { passes: 3 }, mangle: true, format: { comments: 'some' } });
          if (out.code === undefined) throw new Error(`terser gave no output for ${asset.name}`);
          compilation.updateAsset(asset.name, new sources.RawSource(out.code));
        }
      });
    });
  }
}
