/**
 * Fails the build when any script injected into web mail pages (content.js and every site adapter bundle
 * under sites/) is above its budget (DESIGN §9: 25 KB minified), so the budget holds however many
 * adapters exist. Development builds are not minified and are not checked.
 */
import type { Compiler } from 'webpack';

export const injectedBudgetBytes = 25 * 1024;

/** The assets over budget, as messages (pure, for the unit test). */
export function overBudget(sizes: ReadonlyMap<string, number>, budget = injectedBudgetBytes): string[] {
  return [...sizes].filter(([, size]) => size > budget)
    .map(([name, size]) => `${name} is ${(size / 1024).toFixed(1)} KB minified, above the ${(budget / 1024).toFixed(0)} KB budget for scripts injected into web mail pages`);
}

export class BundleBudgetPlugin {
  constructor(private readonly budget = injectedBudgetBytes) {}

  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('BundleBudgetPlugin', (compilation) => {
      if (compiler.options.optimization.minimize !== true) return;
      const sizes = new Map<string, number>();
      for (const asset of compilation.getAssets()) if (asset.name.endsWith('.js')) sizes.set(asset.name, asset.source.size());
      for (const message of overBudget(sizes, this.budget)) compilation.errors.push(new compiler.webpack.WebpackError(message));
    });
  }
}
