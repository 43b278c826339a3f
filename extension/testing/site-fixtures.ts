/**
 * Every provider's saved DOM fixtures (extension/content/sites/fixtures/<site id>/*.html, each loaded at
 * the URL its folder's urls.json gives), plus pages of no known web mail, as happy-dom documents. A
 * provider's folder is found by its name, so adding one adds it to every test that uses this.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser } from 'happy-dom';

export const fixturesRoot = path.resolve(__dirname, '../content/sites/fixtures');
const otherPages = [
  { file: path.resolve(__dirname, '../../e2e/sites/demo/index.html'), url: 'http://127.0.0.1:5000/demo/' },
  { file: path.resolve(__dirname, '../../e2e/sites/bench/list.html'), url: 'http://127.0.0.1:5000/bench/list.html' },
];

export type SiteFixture = { site: string; name: string; url: string; html: string };

let browser: Browser | null = null;

/** A fresh document for a fixture (scripts, styles and frames are not loaded). */
export function loadFixture(fixture: Pick<SiteFixture, 'html' | 'url'>): Document {
  browser ??= new Browser({ settings: { disableJavaScriptFileLoading: true, disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableIframePageLoading: true, navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true } } });
  const page = browser.newPage();
  page.url = fixture.url;
  page.content = fixture.html;
  return page.mainFrame.document as unknown as Document;
}

export async function closeFixtureBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** The provider folders under fixtures/ (each named by its adapter's site id). */
export function fixtureSites(): string[] {
  return fs.readdirSync(fixturesRoot, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export function siteFixtures(site: string): SiteFixture[] {
  const dir = path.join(fixturesRoot, site);
  const urls = JSON.parse(fs.readFileSync(path.join(dir, 'urls.json'), 'utf8')) as Record<string, string>;
  return fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((name) => {
    const url = urls[name] ?? urls['*'];
    if (!url) throw new Error(`${site}/urls.json gives no URL for ${name}`);
    return { site, name, url, html: fs.readFileSync(path.join(dir, name), 'utf8') };
  });
}

/** Pages of no known web mail (the e2e demo mail and the bench list): only generic mode may claim them. */
export function otherFixtures(): SiteFixture[] {
  return otherPages.map((p) => ({ site: 'generic', name: path.basename(path.dirname(p.file)) + '/' + path.basename(p.file), url: p.url, html: fs.readFileSync(p.file, 'utf8') }));
}
