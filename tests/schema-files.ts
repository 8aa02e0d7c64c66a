/** The generated JSON Schemas (schemas/), compiled once with ajv. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

/** schemas/ sits beside package.json, whether this runs from the sources or from dist/. */
function findSchemasDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('zendesk-blocks: the schemas/ folder is missing; run `npm run schemas`');
}

const SCHEMAS_DIR = findSchemasDir();
export const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

export type SchemaPart = 'params' | 'outputs';

export function loadSchema(toolId: string, part: SchemaPart): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, `${toolId}.${part}.json`), 'utf8'));
}

export function validatorFor(toolId: string, part: SchemaPart): ValidateFunction {
  const key = `${toolId}.${part}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = loadSchema(toolId, part);
    validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}
