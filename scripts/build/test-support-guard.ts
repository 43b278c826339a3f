/**
 * Fails a build whose bundle would contain test support: a module from a `testing/` folder, a
 * `*.test.ts` file or anything under e2e/. Lint already forbids product code to import these
 * (scripts/fences); this catches whatever lint cannot see (a dynamic path, an alias, a config slip).
 */
import path from 'node:path';
import webpack, { type Compiler } from 'webpack';

const root = path.resolve(__dirname, '../..');

/** Whether a module file (absolute path) is test support, by its place in this repository. */
export function isTestSupport(file: string): boolean {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('..') || rel.startsWith('node_modules/')) return false;
  return /(^|\/)testing\//.test(rel) || /\.test\.tsx?$/.test(rel) || rel.startsWith('e2e/');
}

export class TestSupportGuard {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('LockpaneTestSupportGuard', (compilation) => {
      compilation.hooks.finishModules.tap('LockpaneTestSupportGuard', (modules) => {
        for (const m of modules) {
          const file = (m as { resource?: string }).resource;
          if (file !== undefined && isTestSupport(file)) {
            compilation.errors.push(new webpack.WebpackError(`test support must not be bundled: ${path.relative(root, file)}`));
          }
        }
      });
    });
  }
}
