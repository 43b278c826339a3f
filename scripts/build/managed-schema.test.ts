import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { managedSchemaPath, renderManagedSchema } from './managed-schema';

test('the shipped extension/static/managed-schema.json is exactly the one derived from the settings table', () => {
  const shipped = fs.readFileSync(managedSchemaPath, 'utf8');
  assert.equal(shipped, renderManagedSchema(), 'stale: run npx tsx scripts/build/managed-schema.ts --write');
});
