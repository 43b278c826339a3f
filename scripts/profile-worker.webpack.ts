/**
 * The test build's Chrome worker without module concatenation, with named module ids and unminified, into
 * dist/profile-worker/: profile-worker-start.ts then sums a cold start's CPU samples per source module.
 *   npx tsx node_modules/webpack-cli/bin/cli.js --config scripts/profile-worker.webpack.ts
 *   cp -r dist/test/chrome /tmp/lp-profile && cp dist/profile-worker/background.js /tmp/lp-profile/
 *   PROFILE_DIR=/tmp/lp-profile npx tsx scripts/profile-worker-start.ts
 */
import path from 'node:path';
import type { Configuration } from 'webpack';
import make from '../webpack.config';
export default (): Configuration[] => {
  const w = make({ only: 'chrome', test: true }).find((c) => String(c.name).startsWith('worker-chrome'))!;
  return [{ ...w, optimization: { ...w.optimization, concatenateModules: false, moduleIds: 'named', minimize: false }, output: { ...w.output, path: path.resolve(__dirname, '../dist/profile-worker') } }];
};
