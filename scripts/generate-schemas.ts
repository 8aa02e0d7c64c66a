/** `npm run schemas`: regenerates tools/generated/tool-types.ts and schemas/ from the definitions. */
import fs from 'node:fs';
import path from 'node:path';
import { allTools } from '../catalog';
import { generateSchemas, renderToolTypes, SCHEMAS_DIR, TYPES_FILE } from './schema-source';

fs.mkdirSync(path.dirname(TYPES_FILE), { recursive: true });
fs.writeFileSync(TYPES_FILE, renderToolTypes(allTools));
fs.rmSync(SCHEMAS_DIR, { recursive: true, force: true });
fs.mkdirSync(SCHEMAS_DIR, { recursive: true });
const files = generateSchemas(allTools);
for (const [name, schema] of Object.entries(files)) {
  fs.writeFileSync(path.join(SCHEMAS_DIR, name), `${JSON.stringify(schema, null, 2)}\n`);
}
console.log(`Wrote ${TYPES_FILE} and ${Object.keys(files).length} schemas to ${SCHEMAS_DIR}`);
