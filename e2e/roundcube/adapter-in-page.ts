/**
 * Runs the Roundcube site adapter inside a live Roundcube page (bundled on the fly with esbuild), so a
 * spec can check what it finds in the real DOM and what its raw-source download returns. The page's
 * main world sees the same DOM and cookies as Lockpane's content script.
 */
import { buildSync } from 'esbuild';
import path from 'node:path';
import type { Page } from '@playwright/test';

let bundle: string | null = null;

function adapterBundle(): string {
  if (bundle) return bundle;
  const out = buildSync({
    entryPoints: [path.resolve(__dirname, '../../extension/content/sites/roundcube.ts')],
    bundle: true, format: 'iife', globalName: '__lockpaneRoundcube', write: false, target: 'chrome120', logLevel: 'silent',
  });
  bundle = out.outputFiles[0]?.text ?? '';
  return bundle;
}

/** Makes `window.__lockpaneRoundcube` (the module's exports) available in the page's top document. */
export async function injectAdapter(page: Page): Promise<void> {
  await page.addScriptTag({ content: adapterBundle() });
}

export type RoundcubeModule = typeof import('../../extension/content/sites/roundcube');
