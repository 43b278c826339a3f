/**
 * Marks an emitted file executable (0755) after the build, so `dist/cli/lockpane.js` (it carries a
 * `#!/usr/bin/env node` banner) runs as `./dist/cli/lockpane.js` and through `npm link` / `npx`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Compiler } from 'webpack';

export class ExecutablePlugin {
  constructor(private readonly fileName: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('ExecutablePlugin', (compilation) => {
      const file = path.join(compilation.outputOptions.path ?? compiler.outputPath, this.fileName);
      if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
    });
  }
}
