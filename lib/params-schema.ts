/**
 * The one way a definition becomes a params JSON Schema, built in memory. Two views of it:
 * - `input`: every param as the executor accepts it (form strings or typed values); the executor
 *   validates with it, and `npm run schemas` publishes it as schemas/<id>.params.json;
 * - `model`: only the params a model may set (no connection params, nothing hidden or user-only),
 *   typed the way a model sends them; the LLM tools, the MCP server and model calls use it.
 */
import type { AnyToolDefinition, ParamDefinition } from '../contract';
import { formatOf, type JsonSchema, typedValue } from './param-formats';

export type SchemaView = 'input' | 'model';

/** The params of the connection group (credentials), which every operation receives. */
export const connectionParamNames = (tool: AnyToolDefinition): string[] => Object.keys(tool.connection?.params ?? {});

/** Params a model may set: visible to it (`user-or-llm`) and never a connection param. */
export function modelParamNames(tool: AnyToolDefinition): string[] {
  const connection = new Set(connectionParamNames(tool));
  return Object.entries(tool.params as Record<string, ParamDefinition>)
    .filter(([name, definition]) => definition.visibility === 'user-or-llm' && !connection.has(name))
    .map(([name]) => name);
}

/** The JSON Schema of one param in one view. */
export function paramSchema(definition: ParamDefinition, view: SchemaView): JsonSchema {
  const format = formatOf(definition);
  if (view === 'input') {
    return { description: definition.description, ...format.inputSchema(definition), ...(definition.default !== undefined ? { default: definition.default } : {}) };
  }
  const description = format.forModel ? format.forModel(definition.description.trim()) : definition.description.trim();
  const schema: JsonSchema = { description, ...format.modelSchema(definition) };
  const fallback = typedValue(definition, definition.default);
  if (fallback !== undefined) schema.default = fallback;
  const example = typedValue(definition, definition.example);
  if (example !== undefined) schema.examples = [example];
  return schema;
}

const cache: Record<SchemaView, WeakMap<AnyToolDefinition, JsonSchema>> = { input: new WeakMap(), model: new WeakMap() };

/**
 * The params schema of a definition in one view. Cached per definition: callers must not mutate it
 * (`structuredClone` it first when handing it to code that might).
 */
export function paramsSchema(tool: AnyToolDefinition, view: SchemaView): JsonSchema {
  let schema = cache[view].get(tool);
  if (!schema) {
    const defs = tool.params as Record<string, ParamDefinition>;
    const names = view === 'input' ? Object.keys(defs) : modelParamNames(tool);
    const required = names.filter((name) => defs[name].required);
    schema = {
      type: 'object',
      properties: Object.fromEntries(names.map((name) => [name, paramSchema(defs[name], view)])),
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    };
    cache[view].set(tool, schema);
  }
  return schema;
}
