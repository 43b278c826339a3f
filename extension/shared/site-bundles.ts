/**
 * The site adapter bundles the build makes (`sites/<id>.js`, from `extension/content/sites/<id>.bundle.ts`)
 * and the only files `site.loadAdapter` lets the worker inject. One list, read by the catalogue, the build
 * and the registry test, so a provider cannot be half-added. `generic` is generic mode with its upload
 * code, loaded on a generic page's first attachment (generic mode itself is part of content.js).
 */
export const siteBundleIds = ['gmail', 'outlook', 'roundcube', 'yahoo', 'sogo', 'generic'] as const;

export type SiteBundleId = (typeof siteBundleIds)[number];

export const siteBundleFile = (id: SiteBundleId): string => `sites/${id}.js`;
