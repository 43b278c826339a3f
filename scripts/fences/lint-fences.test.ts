/**
 * The layer fences hold: ESLint (the repository's own config) reports each deliberate breach below and
 * lets the allowed imports through. Files are linted from text under paths the config covers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from './import-graph';

const eslint = new ESLint({ cwd: repoRoot });

/** Messages of the fence rules (lockpane/fences, no-restricted-imports) for `code` linted as `filePath`. */
async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  assert.ok(result, filePath);
  return result.messages
    .filter((m) => m.ruleId === 'lockpane/fences' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const forbidden: [file: string, code: string, expect: RegExp][] = [
  ['extension/content/fence-probe.ts', "import { entryId } from '../../keyring/store/entry';\nexport const x = entryId;\n", /never import the keyring core/],
  ['extension/frames/fence-probe.ts', "export { decrypt } from '../../keyring/pgp/decrypt';\n", /never import the keyring core/],
  ['extension/frames/fence-probe.tsx', "export const f = () => import('../../keyring/smime');\n", /never import the keyring core/],
  ['extension/ui/fence-probe.tsx', "import { KeyringStore } from '../../keyring/store/keyring-store';\nexport const x = KeyringStore;\n", /never import the keyring core/],
  ['extension/ui/fence-probe.ts', "export * from '../frames/attachment-staging';\n", /never import the frames/],
  ['extension/frames/fence-probe.tsx', "import { Nav } from '../ui/nav';\nexport const x = Nav;\n", /never import the options\/popup UI/],
  ['extension/ui-kit/fence-probe.tsx', "import { Nav } from '../ui/nav';\nexport const x = Nav;\n", /never import the options\/popup UI/],
  ['extension/ui-kit/fence-probe.tsx', "export const f = () => import('../frames/reader');\n", /never import the frames/],
  ['extension/ui-kit/fence-probe.ts', "import { entryId } from '../../keyring/store/entry';\nexport const x = entryId;\n", /never import the keyring core/],
  ['extension/worker/fence-probe.ts', "import { bobKeyring } from '../testing/bob-keyring';\nexport const x = bobKeyring;\n", /never imports test support/],
  ['extension/worker/reader/fence-probe.ts', "export const f = () => import('../../../keyring/testing/identities');\n", /never imports test support/],
  ['extension/content/fence-probe.ts', "export * from '../../keyring/testing/peers';\n", /never imports test support/],
  ['keyring/store/fence-probe.ts', "import { MemoryBackend } from '../testing/memory-backend';\nexport const x = MemoryBackend;\n", /never imports test support/],
  ['keyring/store/fence-probe.ts', "import { ok } from '../../extension/shared/result';\nexport const x = ok;\n", /does not depend on the extension/],
  ['keyring/store/fence-probe.ts', "import browser from 'webextension-polyfill';\nexport const x = browser;\n", /never imports browser APIs/],
  ['keyring/bytes/fence-probe.ts', "import { entryId } from '../store/entry';\nexport const x = entryId;\n", /imports nothing but itself/],
];

for (const [file, code, expect] of forbidden) {
  test(`forbidden: ${file}: ${code.split('\n')[0]}`, async () => {
    const errors = await fenceErrors(file, code);
    assert.ok(errors.some((m) => expect.test(m)), `expected ${expect} in ${JSON.stringify(errors)}`);
  });
}

const allowed: [file: string, code: string][] = [
  ['extension/content/fence-probe.ts', "import { toBase64 } from '../../keyring/bytes';\nexport const x = toBase64;\n"],
  ['extension/frames/fence-probe.ts', "import { fromBase64 } from '../../keyring/bytes/base64';\nexport const x = fromBase64;\n"],
  ['extension/frames/fence-probe.tsx', "import { t } from '../ui-kit/i18n';\nexport const x = t;\n"],
  ['extension/ui/fence-probe.tsx', "import { t } from '../ui-kit/i18n';\nexport const x = t;\n"],
  // A folder of extension/ui that happens to be called "keyring" is not the keyring core.
  ['extension/ui/keyring/fence-probe.tsx', "import { PassphraseDialog } from './passphrase-dialog';\nexport const x = PassphraseDialog;\n"],
  ['extension/worker/fence-probe.ts', "import { KeyringStore } from '../../keyring/store/keyring-store';\nexport const x = KeyringStore;\n"],
  ['extension/worker/fence-probe.test.ts', "import { bobKeyring } from '../testing/bob-keyring';\nexport const x = bobKeyring;\n"],
  ['keyring/store/fence-probe.test.ts', "import { MemoryBackend } from '../testing/memory-backend';\nexport const x = MemoryBackend;\n"],
  ['keyring/testing/fence-probe.ts', "import { entryId } from '../store/entry';\nexport const x = entryId;\n"],
  ['e2e/specs/fence-probe.spec.ts', "import { TestPki } from '../../keyring/testing/openssl-pki';\nexport const x = TestPki;\n"],
  ['scripts/fence-probe.ts', "import { peerGpg } from '../extension/testing/peer-mail';\nexport const x = peerGpg;\n"],
  ['keyring/bytes/fence-probe.ts', "import { LockpaneError } from '../errors';\nexport const x = LockpaneError;\n"],
];

for (const [file, code] of allowed) {
  test(`allowed: ${file}: ${code.split('\n')[0]}`, async () => {
    assert.deepEqual(await fenceErrors(file, code), []);
  });
}
