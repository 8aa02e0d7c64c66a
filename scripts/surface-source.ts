/**
 * The exposed surface that saved workflows and agents depend on: the operation ids, the block field
 * each param fills (with what the field means), and each operation's LLM input schema. The committed
 * baseline (tests/surface/baseline.json) is append-only: `npm run surface` adds what is new and
 * refuses to change what exists; tests/surface/surface.test.ts fails on any change of meaning.
 */
import path from 'node:path';
import type { AnyToolDefinition, ParamDefinition } from '../contract';
import { fieldIdOf } from '../blocks/fields';
import type { JsonSchema } from '../lib/param-formats';
import { paramsSchema } from '../lib/params-schema';

export const BASELINE_FILE = path.resolve(__dirname, '..', 'tests', 'surface', 'baseline.json');

/** What a block field means for one param: the param it fills and the values it holds. */
export interface FieldMeaning {
  field: string;
  format: ParamDefinition['format'];
  enum?: string[];
  secret?: true;
}

export interface OperationSurface {
  fields: Record<string, FieldMeaning>;
  llmInput: JsonSchema;
}

export interface Surface {
  operations: Record<string, OperationSurface>;
}

export function surfaceOf(tools: readonly AnyToolDefinition[]): Surface {
  const operations: Record<string, OperationSurface> = {};
  for (const tool of tools) {
    const fields: Record<string, FieldMeaning> = {};
    for (const [name, definition] of Object.entries(tool.params as Record<string, ParamDefinition>)) {
      fields[name] = {
        field: fieldIdOf(name, definition),
        format: definition.format,
        ...(definition.enum ? { enum: [...definition.enum] } : {}),
        ...(definition.visibility === 'hidden' ? { secret: true as const } : {}),
      };
    }
    operations[tool.id] = { fields, llmInput: paramsSchema(tool, 'model') };
  }
  return { operations };
}

/** Words only (descriptions, examples) may change in a schema; anything else is its meaning. */
function meaning(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(meaning);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema as Record<string, unknown>)
        .filter(([key]) => key !== 'description' && key !== 'examples')
        .map(([key, value]) => [key, meaning(value)]),
    );
  }
  return schema;
}

const same = (a: unknown, b: unknown) => JSON.stringify(meaning(a)) === JSON.stringify(meaning(b));

/** An allowed-values list may grow; every value it had stays allowed. */
const keepsValues = (before: unknown[] | undefined, after: unknown[] | undefined) => !before || (!!after && before.every((v) => after.includes(v)));

function compareSchemas(id: string, before: JsonSchema, after: JsonSchema, problems: string[]) {
  const was = before.properties ?? {};
  const now = after.properties ?? {};
  for (const [name, schema] of Object.entries(was) as [string, JsonSchema][]) {
    const current = now[name] as JsonSchema | undefined;
    if (!current) {
      problems.push(`${id}: the LLM input "${name}" disappeared`);
      continue;
    }
    const { enum: oldEnum, ...oldRest } = schema;
    const { enum: newEnum, ...newRest } = current;
    if (!same(oldRest, newRest) || !keepsValues(oldEnum, newEnum)) problems.push(`${id}: the LLM input "${name}" changed meaning`);
  }
  const required = new Set<string>(before.required ?? []);
  for (const name of after.required ?? []) if (!required.has(name)) problems.push(`${id}: "${name}" became required for models (old calls would fail)`);
  if (before.additionalProperties !== after.additionalProperties) problems.push(`${id}: additionalProperties changed`);
}

/** Every way `current` breaks a promise of `baseline`; empty when it only adds. */
export function surfaceBreaks(baseline: Surface, current: Surface): string[] {
  const problems: string[] = [];
  for (const [id, before] of Object.entries(baseline.operations)) {
    const after = current.operations[id];
    if (!after) {
      problems.push(`operation ${id} disappeared`);
      continue;
    }
    for (const [param, field] of Object.entries(before.fields)) {
      const now = after.fields[param];
      if (!now) problems.push(`${id}: the param "${param}" (block field "${field.field}") disappeared`);
      else if (now.field !== field.field) problems.push(`${id}: the param "${param}" moved from block field "${field.field}" to "${now.field}"`);
      else if (now.format !== field.format || Boolean(now.secret) !== Boolean(field.secret) || !keepsValues(field.enum, now.enum)) {
        problems.push(`${id}: block field "${field.field}" changed meaning (format, allowed values or secrecy)`);
      }
    }
    compareSchemas(id, before.llmInput, after.llmInput, problems);
  }
  return problems;
}

/** The baseline with what `current` adds (new operations, new params), keeping every existing entry as it was. */
export function extendSurface(baseline: Surface, current: Surface): Surface {
  const operations: Record<string, OperationSurface> = { ...baseline.operations };
  for (const [id, now] of Object.entries(current.operations)) {
    const before = operations[id];
    operations[id] = before ? { fields: { ...now.fields, ...before.fields }, llmInput: now.llmInput } : now;
  }
  return { operations };
}
