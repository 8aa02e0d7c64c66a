/** schemas/ and tools/generated/ are generated from the definitions; a stale copy fails here. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { allTools } from '../catalog';
import { generateSchemas, renderToolTypes, SCHEMAS_DIR, TYPES_FILE } from '../scripts/schema-source';

const FIX = 'run `npm run schemas` and commit the result';

describe('generated schemas', () => {
  const source = renderToolTypes(allTools);
  let files: Record<string, unknown>;

  beforeAll(() => {
    // Generate from the rendered source, not the committed file, so a stale file cannot hide itself.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-schemas-'));
    const typesFile = path.join(dir, 'tool-types.ts');
    fs.writeFileSync(typesFile, source);
    files = generateSchemas(allTools, typesFile);
  }, 60_000);

  it(`tools/generated/tool-types.ts is current (${FIX})`, () => {
    expect(fs.readFileSync(TYPES_FILE, 'utf8')).toBe(source);
  });

  it(`schemas/ holds exactly the current schemas (${FIX})`, () => {
    expect(fs.readdirSync(SCHEMAS_DIR).sort()).toEqual(Object.keys(files).sort());
    for (const [name, schema] of Object.entries(files)) {
      expect({ name, schema: JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, name), 'utf8')) }).toEqual({ name, schema: JSON.parse(JSON.stringify(schema)) });
    }
  });

  it('every schema compiles, and each tool has a params and an outputs schema', () => {
    const ajv = new Ajv({ strict: false });
    for (const tool of allTools) {
      for (const part of ['params', 'outputs']) {
        const schema = files[`${tool.id}.${part}.json`];
        expect(schema).toBeDefined();
        expect(() => ajv.compile(schema as object)).not.toThrow();
      }
    }
  });
});
