/**
 * Emits the extension's HTML pages (reader, editor, popup, options) from one template, so the four pages
 * cannot drift apart: each differs only in its body class and its script.
 */
import { sources, type Compiler } from 'webpack';

export function extensionPage(name: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The pages load nothing remote; no referrer leaves them either way.
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Lockpane</title>',
    '<link rel="stylesheet" href="lockpane.css">',
    '</head>',
    `<body class="lp-${name}">`,
    '<div id="root"></div>',
    `<script src="${name}.js"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export class PagesPlugin {
  constructor(private readonly names: readonly string[]) {}

  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('LockpanePages', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'LockpanePages', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const name of this.names) compilation.emitAsset(`${name}.html`, new sources.RawSource(extensionPage(name)));
      });
    });
  }
}
