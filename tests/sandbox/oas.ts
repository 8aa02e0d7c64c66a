/**
 * Zendesk's OpenAPI file as a checker of the sandbox's real answers: the response schema it declares
 * for a path, method and status, compiled with ajv against the whole document.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import YAML from 'yaml';

const OAS_PATH = `${__dirname}/../../../shared/reference/zendesk-support-oas.yaml`;

type Json = Record<string, any>;

/** OAS 3.0 `nullable: true` also admits null in an `enum`; ajv wants it listed. */
function fixNullableEnums(node: unknown): void {
  if (Array.isArray(node)) node.forEach(fixNullableEnums);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
    Object.values(o).forEach(fixNullableEnums);
  }
}

let doc: Json | undefined;
let ajv: Ajv;
const validators = new Map<string, ValidateFunction>();

function load(): Json {
  if (doc) return doc;
  doc = YAML.parse(readFileSync(OAS_PATH, 'utf8')) as Json;
  fixNullableEnums(doc.components);
  fixNullableEnums(doc.paths);
  const formats: Record<string, true | RegExp> = {};
  for (const f of ['int64', 'int32', 'binary', 'float', 'string', 'text', 'integer']) formats[f] = true;
  formats['date-time'] = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  formats.date = /^\d{4}-\d\d-\d\d$/;
  formats.email = /^[^\s@]+@[^\s@]+$/;
  formats.uri = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
  ajv = new Ajv({ strict: false, allErrors: true, formats });
  ajv.addSchema({ $id: 'oas.json', components: doc.components });
  return doc;
}

/** The compiled response schema the OAS declares for `method path status`. */
export function validatorFor(path: string, method: string, status: number): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const op = load().paths[path]?.[method];
    if (!op) throw new Error(`OAS has no ${method.toUpperCase()} ${path}`);
    const schema = op.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`OAS declares no JSON body for ${key}`);
    // Point the response schema's $refs at the whole document registered as oas.json.
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"oas.json#/'));
    v = ajv.compile(rewritten);
    validators.set(key, v);
  }
  return v;
}

/** Fails unless the answer has `status` and a body matching the OAS schema of `method path status`. */
export function expectConforms(path: string, method: string, status: number, res: { status: number; body: unknown; text: string }): void {
  expect({ status: res.status, text: res.status === status ? 'ok' : res.text }).toEqual({ status, text: 'ok' });
  const v = validatorFor(path, method, status);
  const ok = v(res.body);
  if (!ok) throw new Error(`${method.toUpperCase()} ${path} ${status} does not match the OAS: ${ajv.errorsText(v.errors, { separator: '\n' })}`);
}

/** Fails unless the OAS declares `method path` with a body-less answer of `status` (a 204). */
export function expectDeclaredEmpty(path: string, method: string, status: number, res: { status: number; text: string }): void {
  expect({ status: res.status, text: res.text }).toEqual({ status, text: '' });
  const op = load().paths[path]?.[method];
  if (!op?.responses?.[String(status)]) throw new Error(`OAS declares no ${status} for ${method.toUpperCase()} ${path}`);
  expect(op.responses[String(status)].content).toBeUndefined();
}
