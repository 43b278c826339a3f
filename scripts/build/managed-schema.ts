/**
 * Writes extension/static/managed-schema.json from the settings table (extension/shared/settings.ts).
 * The file is checked in (the build copies extension/static as is); managed-schema.test.ts fails when it
 * is stale. Regenerate with:  npx tsx scripts/build/managed-schema.ts --write
 */
import fs from 'node:fs';
import path from 'node:path';
import { managedSchema } from '../../extension/shared/settings';

export const managedSchemaPath = path.resolve(__dirname, '../../extension/static/managed-schema.json');

export function renderManagedSchema(): string {
  return `${JSON.stringify(managedSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const text = renderManagedSchema();
  if (process.argv.includes('--write')) {
    fs.writeFileSync(managedSchemaPath, text);
    console.log(`wrote ${path.relative(process.cwd(), managedSchemaPath)}`);
  } else if (fs.readFileSync(managedSchemaPath, 'utf8') !== text) {
    console.error('extension/static/managed-schema.json is stale: run npx tsx scripts/build/managed-schema.ts --write');
    process.exit(1);
  } else {
    console.log('managed-schema.json is up to date');
  }
}
