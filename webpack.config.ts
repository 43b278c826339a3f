/**
 * One build, several outputs:
 *   dist/chrome, dist/firefox (+ dist/lockpane-{chrome,edge,firefox}.zip)              production extension
 *   dist/test/chrome, dist/test/firefox                                                e2e builds (--env test)
 *   dist/cli/lockpane.js                                                               the `lockpane` command
 * Flags: --env only=cli|chrome|firefox, --env test, --env dev.
 */
import path from 'node:path';
import CopyPlugin from 'copy-webpack-plugin';
import { EsbuildPlugin } from 'esbuild-loader';
import webpack, { type Configuration } from 'webpack';
import type { BuildTarget } from './scripts/build/derive-manifest';
import { ManifestPlugin } from './scripts/build/manifest-plugin';
import { PagesPlugin } from './scripts/build/pages-plugin';
import { PasswordFilePlugin } from './scripts/build/password-file-plugin';
import { TestSupportGuard } from './scripts/build/test-support-guard';
import { ZipPlugin } from './scripts/build/zip-plugin';
import { ExecutablePlugin } from './scripts/build/executable-plugin';
import { BundleBudgetPlugin } from './scripts/build/bundle-budget';
import { TerserPass } from './scripts/build/terser-pass';
import { siteBundleIds } from './extension/shared/site-bundles';
import { edits } from './scripts/build/no-markup-sinks';

type Env = { only?: string; test?: boolean; dev?: boolean };

const root = __dirname;

function common(dev: boolean, test: boolean): Configuration {
  return {
    mode: dev ? 'development' : 'production',
    // 'eval' source maps break MV3 (no eval in extension pages); webpack's global shim uses Function().
    devtool: dev ? 'source-map' : false,
    node: false,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [{
        test: /\.tsx?$/, loader: 'esbuild-loader', exclude: /node_modules/,
        options: { target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact' },
      }, {
        // Preact's and DOMPurify's innerHTML assignments taken out (scripts/build/no-markup-sinks.ts).
        test: edits.map((e) => e.file), loader: require.resolve('./scripts/build/no-markup-sinks.ts'),
      }],
    },
    optimization: {
      splitChunks: false, runtimeChunk: false, minimize: !dev,
      minimizer: [new EsbuildPlugin({ target: 'es2022', legalComments: 'eof' })],
    },
    performance: { hints: false },
    stats: 'errors-warnings',
    plugins: [
      new webpack.DefinePlugin({ __LOCKPANE_DEV__: JSON.stringify(dev), __LOCKPANE_TEST__: JSON.stringify(test) }),
      new TestSupportGuard(),
    ],
  };
}

/** The store packages of a production build: the Chrome build serves the Chrome Web Store and Edge Add-ons. */
export function storeZips(target: BuildTarget): string[] {
  const names = target === 'chrome' ? ['chrome', 'edge'] : [target];
  return names.map((n) => path.join(root, 'dist', `lockpane-${n}.zip`));
}

function extension(target: BuildTarget, env: Env): Configuration[] {
  const dev = Boolean(env.dev);
  const test = Boolean(env.test);
  const outDir = test ? path.join(root, 'dist/test', target) : path.join(root, 'dist', target);
  const base = common(dev, test);
  const output = { path: outDir, filename: '[name].js', publicPath: '' };
  const workerName = `worker-${target}${test ? '-test' : ''}`;
  const worker: Configuration = {
    ...base, name: workerName, target: 'webworker',
    entry: { background: './extension/worker/background.ts' },
    output: { ...output, chunkLoading: false, wasmLoading: false, clean: true },
    // An MV3 service worker is one file: no dynamic import().
    plugins: [...(base.plugins ?? []), new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
  // Scripts injected into web mail pages: content.js (probes + generic mode) and one bundle per site
  // adapter (sites/<id>.js, injected by the worker only where that site's probe claimed the page). They get
  // their own small stand-in for webextension-polyfill, and each must stay within 25 KB minified.
  const siteEntries = Object.fromEntries(siteBundleIds.map((id) => [`sites/${id}`, `./extension/content/sites/${id}.bundle.ts`]));
  const injected = (name: string, entry: Record<string, string>): Configuration => ({
    ...base, name: `${name}-${target}${test ? '-test' : ''}`, target: 'web', dependencies: [workerName],
    entry,
    // No IIFE from webpack: esbuild wraps the chunk itself (format iife), and only then may it drop what
    // is unused at the chunk's top level (content.js uses a provider file's probe only).
    output: { ...output, iife: false },
    resolve: { ...base.resolve, alias: { 'webextension-polyfill$': path.join(root, 'extension/content/browser-lite.ts') } },
    optimization: { ...base.optimization, minimizer: [new EsbuildPlugin({ target: 'es2022', legalComments: 'eof', format: 'iife', treeShaking: true })] },
    plugins: [...(base.plugins ?? []), new webpack.optimize.LimitChunkCountPlugin({ maxChunks: Object.keys(entry).length }), new TerserPass(), new BundleBudgetPlugin()],
  });
  // Separate compilations: a provider module shared by content.js (its probe) and its own bundle would
  // not be concatenated, and then content.js would carry the whole adapter.
  const content = injected('content', { content: './extension/content/main.ts' });
  const sites = injected('sites', siteEntries);
  // The self-contained password-mail file (issue #22): one HTML document the worker fills per message.
  const passwordFile: Configuration = {
    ...base, name: `password-file-${target}${test ? '-test' : ''}`, target: 'web', dependencies: [workerName],
    entry: { 'password-file': './extension/password-file/main.ts' },
    output,
    plugins: [...(base.plugins ?? []), new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new PasswordFilePlugin(path.join(root, 'extension/password-file'))],
  };
  const pageEntries = {
    reader: './extension/frames/reader.tsx',
    editor: './extension/frames/editor.tsx',
    popup: './extension/ui/popup.tsx',
    options: './extension/ui/options.tsx',
  };
  const pages: Configuration = {
    ...base, name: `pages-${target}${test ? '-test' : ''}`, target: 'web', dependencies: [workerName, content.name!, sites.name!, passwordFile.name!],
    entry: pageEntries,
    output,
    plugins: [
      ...(base.plugins ?? []),
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new PagesPlugin(Object.keys(pageEntries)),
      new CopyPlugin({ patterns: [{ from: 'extension/static', to: '.' }, { from: 'LICENSE', to: '.' }, { from: 'THIRD_PARTY_NOTICES.md', to: '.' }] }),
      new ManifestPlugin(path.join(root, 'manifest.json'), { target, test, store: false }),
      ...(test || dev ? [] : [new ZipPlugin(storeZips(target), target === 'chrome')]),
    ],
  };
  return [worker, content, sites, passwordFile, pages];
}

function cli(env: Env): Configuration {
  const base = common(Boolean(env.dev), false);
  return {
    ...base, name: 'cli', target: 'node20',
    entry: { lockpane: './keyring/cli/main.ts' },
    // One chunk per command family (loaded with require from dist/cli): see keyring/cli/main.ts.
    output: { path: path.join(root, 'dist/cli'), filename: '[name].js', chunkFilename: 'lockpane-[name].js', clean: true },
    // openpgp's ESM node build calls createRequire(import.meta.url), which webpack compiles to
    // undefined (the CLI crashed at load); its CommonJS build (the `require` condition) works.
    resolve: { ...base.resolve, conditionNames: ['node', 'require', 'default'] },
    optimization: { ...base.optimization, minimize: false },
    plugins: [
      ...(base.plugins ?? []),
      new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true }),
      new ExecutablePlugin('lockpane.js'),
    ],
  };
}

export default (env: Env = {}): Configuration[] => {
  if (env.only === 'cli') return [cli(env)];
  if (env.only === 'chrome' || env.only === 'firefox') return extension(env.only, env);
  if (env.test) return [...extension('chrome', env), ...extension('firefox', env)];
  return [...extension('chrome', env), ...extension('firefox', env), cli(env)];
};
