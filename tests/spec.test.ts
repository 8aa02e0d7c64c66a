/** The definitions match the documented contract in ../shared/spec/zendesk-operations.json. */
import fs from 'node:fs';
import path from 'node:path';
import { getTool } from '../catalog';
import type { OutputNode, ParamDefinition } from '../tools/types';

const specPath = path.resolve(__dirname, '..', '..', 'shared', 'spec', 'zendesk-operations.json');
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));

interface SpecParam {
  name: string;
  required: boolean;
  format?: string;
  enum?: string[];
  default?: string;
  minimum?: number;
  maximum?: number;
  perRequestLimit?: number;
}

/** The OAuth access token is a documented addition (API tokens stop working on 2027-04-30). */
const ADDED_PARAMS = ['accessToken'];

/** The spec writes a boolean as an enum of "true"/"false"; our format says what it is read as. */
const expectedFormat = (p: SpecParam) => p.format ?? (JSON.stringify(p.enum) === '["true","false"]' ? 'boolean' : 'text');

function resolve(node: any): any {
  return node?.$ref ? spec.objects[node.$ref.split('/').pop()] : node;
}

/** The documented output tree as nested key lists: {key: children}. */
function specKeys(node: any): unknown {
  const resolved = resolve(node);
  if (resolved?.type === 'array') return { '[]': specKeys(resolved.items) };
  if (resolved?.properties) return Object.fromEntries(Object.entries(resolved.properties).map(([k, v]) => [k, specKeys(v)]));
  return null;
}

function ourKeys(node: OutputNode): unknown {
  if (node.type === 'array') return node.items ? { '[]': ourKeys(node.items) } : null;
  if (node.properties && Object.keys(node.properties).length) {
    return Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, ourKeys(v)]));
  }
  return null;
}

function specType(node: any): string {
  return resolve(node).type;
}

describe.each<[string, any]>(spec.operations.map((op: { id: string }) => [op.id, op]))('%s', (id, op) => {
  const tool = getTool(id as string);

  it('is implemented', () => {
    expect(tool).toBeDefined();
  });

  it('has the documented params, required flags, formats, allowed values and bounds', () => {
    const params = tool!.params as Record<string, ParamDefinition>;
    expect(Object.keys(params).filter((n) => !ADDED_PARAMS.includes(n))).toEqual(op.params.map((p: SpecParam) => p.name));
    for (const p of op.params as SpecParam[]) {
      const ours = params[p.name];
      expect({ name: p.name, type: ours.type, required: ours.required, format: ours.format, enum: ours.enum ?? null }).toEqual({
        name: p.name,
        type: 'string',
        required: p.required,
        format: expectedFormat(p),
        enum: p.enum ?? null,
      });
      for (const key of ['default', 'minimum', 'maximum', 'perRequestLimit'] as const) {
        if (p[key] !== undefined) expect({ name: p.name, [key]: ours[key] }).toEqual({ name: p.name, [key]: p[key] });
      }
    }
    for (const name of ADDED_PARAMS) expect(params[name]).toMatchObject({ required: false, visibility: 'hidden' });
  });

  it('gives credentials their visibility', () => {
    const params = tool!.params as Record<string, ParamDefinition>;
    expect([params.email.visibility, params.apiToken.visibility, params.subdomain.visibility]).toEqual(['user-only', 'hidden', 'user-only']);
    for (const [name, p] of Object.entries(params)) {
      if (!['email', 'apiToken', 'subdomain', 'accessToken'].includes(name)) expect({ name, visibility: p.visibility }).toEqual({ name, visibility: 'user-or-llm' });
    }
  });

  it('has the documented output keys and types, nested levels included', () => {
    expect(Object.keys(tool!.outputs)).toEqual(Object.keys(op.outputs));
    for (const [key, node] of Object.entries(op.outputs)) {
      expect({ key, type: tool!.outputs[key].type }).toEqual({ key, type: specType(node) });
      expect({ key, tree: ourKeys(tool!.outputs[key]) }).toEqual({ key, tree: specKeys(node) });
    }
  });
});
