/**
 * Turns the password-file bundle into one self-contained HTML document (password-mail.html.template: not
 * ".html", since it is no extension page and web-ext lint would judge its inline script as one): the template
 * from extension/password-file/, its stylesheet and the minified script inlined, and a CSP that allows
 * exactly that script and style by hash (plus WebAssembly for Argon2) and nothing from anywhere else.
 * The worker fills the data placeholder per message (keyring/password-mail/html-file.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sources, type Compiler } from 'webpack';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function passwordFileHtml(template: string, style: string, script: string): string {
  // Inside a classic script, "</script" would end it early; "<\/script" means the same to JavaScript.
  // gpg reads the armored block from the file itself, then keeps scanning: openpgp.js's armor templates
  // (lines that start "-----BEGIN PGP …") would look like more messages. "\x2D" is the same "-" to JavaScript
  // (such lines can only be inside template literals), but no longer an armor line to gpg.
  const safeScript = script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--').replace(/^-----(BEGIN|END) PGP/gm, '\\x2D----$1 PGP');
  const css = style.trim();
  for (const marker of ['__SCRIPT_HASH__', '__STYLE_HASH__', '__STYLE__', '__SCRIPT__']) {
    if (!template.includes(marker)) throw new Error(`password-file template lacks ${marker}`);
  }
  return template
    .replace('__SCRIPT_HASH__', () => sha256(safeScript))
    .replace('__STYLE_HASH__', () => sha256(css))
    .replace('__STYLE__', () => css)
    .replace('__SCRIPT__', () => safeScript);
}

export class PasswordFilePlugin {
  constructor(private readonly sourceDir: string, private readonly chunk = 'password-file', private readonly out = 'password-mail.html.template') {}

  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('LockpanePasswordFile', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'LockpanePasswordFile', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const js = compilation.getAsset(`${this.chunk}.js`);
        if (!js) { compilation.errors.push(new compiler.webpack.WebpackError(`${this.chunk}.js was not built`)); return; }
        const template = readFileSync(path.join(this.sourceDir, 'template.html'), 'utf8');
        const style = readFileSync(path.join(this.sourceDir, 'style.css'), 'utf8');
        compilation.emitAsset(this.out, new sources.RawSource(passwordFileHtml(template, style, js.source.source().toString())));
        compilation.deleteAsset(`${this.chunk}.js`);
      });
    });
  }
}
