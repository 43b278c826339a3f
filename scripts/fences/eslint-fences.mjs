// The import fences between Lockpane's layers, as one ESLint rule (`lockpane/fences`). Each import is
// resolved against the importing file, so a fence names real folders (keyring/ at the top, not any
// folder called "keyring"). scripts/fences/lint-fences.test.ts lints a deliberate breach of each fence.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const isTest = (f) => /\.test\.tsx?$/.test(f);
const inTesting = (f) => /(^|\/)testing\//.test(f);
/** Product code: shipped or run for users. Tests, test support, e2e/ and scripts/ are not. */
const isProduct = (f) => (f.startsWith('keyring/') || f.startsWith('extension/')) && !isTest(f) && !inTesting(f);
const pageFacing = (f) => /^extension\/(content|frames|ui|ui-kit)\//.test(f);
const under = (folder) => (t) => t === folder || t.startsWith(`${folder}/`);
const inBytes = (t) => t === 'keyring/bytes' || t.startsWith('keyring/bytes/');

/** { from(importer), to(imported), message }: an import matching both is an error. Paths are repo-relative. */
export const fences = [
  {
    from: (f) => f.startsWith('keyring/'),
    to: (t) => t.startsWith('extension/'),
    message: 'keyring/ does not depend on the extension.',
  },
  {
    // keyring/bytes is the one part of the core page-facing code may use: pure, import-free byte codecs.
    from: pageFacing,
    to: (t) => t.startsWith('keyring/') && !inBytes(t),
    message: 'Content scripts, frames and extension pages never import the keyring core (only keyring/bytes): ask the worker.',
  },
  {
    from: (f) => f.startsWith('extension/frames/') || f.startsWith('extension/ui-kit/'),
    to: under('extension/ui'),
    message: 'Frames and the UI kit never import the options/popup UI: move what both need into extension/ui-kit/.',
  },
  {
    from: (f) => f.startsWith('extension/ui/') || f.startsWith('extension/ui-kit/'),
    to: under('extension/frames'),
    message: 'The options/popup UI and the UI kit never import the frames: move what both need into extension/ui-kit/.',
  },
  {
    from: isProduct,
    to: inTesting,
    message: 'Product code never imports test support (keyring/testing, extension/testing).',
  },
  {
    from: (f) => inBytes(f) && !isTest(f),
    to: (t) => !inBytes(t) && t !== 'keyring/errors',
    message: 'keyring/bytes is imported by page-facing code, so it imports nothing but itself and keyring/errors.',
  },
];

const rel = (abs) => path.relative(repoRoot, abs).split(path.sep).join('/');

const rule = {
  meta: { type: 'problem', docs: { description: 'Import fences between Lockpane layers' }, schema: [] },
  create(context) {
    const importer = rel(context.filename);
    const applicable = fences.filter((f) => f.from(importer));
    if (applicable.length === 0) return {};
    const check = (source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), source.value));
      for (const f of applicable) {
        if (f.to(target)) context.report({ node: source, message: `'${source.value}': ${f.message}` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

export const fencesPlugin = { rules: { fences: rule } };
