/**
 * The JSON Schema of a definition's outputs, built in memory from its output tree (JSON Schema
 * 2020-12 keywords that draft-07 validators also read: shared objects under `$defs`). What the
 * executor returns always validates against it: every documented key is present (null when Zendesk
 * left it out), optional ones may be absent, Zendesk objects keep their extra fields.
 */
import type { AnyToolDefinition, OutputMap, OutputNode } from '../contract';
import type { JsonSchema } from './param-formats';

const PRIMITIVE = { string: 'string', number: 'number', boolean: 'boolean' } as const;

class SchemaBuilder {
  readonly defs: Record<string, JsonSchema> = {};

  node(node: OutputNode, describe: boolean): JsonSchema {
    const description = describe ? { description: node.description } : {};
    if (node.ref) {
      if (!this.defs[node.ref]) {
        this.defs[node.ref] = {}; // reserved before recursing
        this.defs[node.ref] = this.shape(node, describe);
      }
      return { ...description, anyOf: [{ $ref: `#/$defs/${node.ref}` }, { type: 'null' }] };
    }
    return { ...description, ...this.shape(node, describe) };
  }

  private shape(node: OutputNode, describe: boolean): JsonSchema {
    switch (node.type) {
      case 'string':
      case 'number':
      case 'boolean':
        return { type: [PRIMITIVE[node.type], 'null'] };
      case 'json':
        return {};
      case 'array':
        return { type: ['array', 'null'], items: node.items ? this.node(node.items, describe) : {} };
      case 'object':
        return { type: ['object', 'null'], ...this.object(node.properties ?? {}, describe) };
    }
  }

  object(properties: OutputMap, describe: boolean): JsonSchema {
    const required = Object.entries(properties).filter(([, child]) => !child.optional).map(([key]) => key);
    return {
      properties: Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, this.node(child, describe)])),
      ...(required.length ? { required } : {}),
    };
  }
}

const cache = new WeakMap<AnyToolDefinition, JsonSchema>();

/** The outputs schema of a definition: exactly its documented top-level keys, each shaped as documented. */
export function outputsSchema(tool: AnyToolDefinition, options: { descriptions?: boolean } = {}): JsonSchema {
  const describe = options.descriptions ?? true;
  const cached = describe ? cache.get(tool) : undefined;
  if (cached) return cached;
  const builder = new SchemaBuilder();
  const body = builder.object(tool.outputs, describe);
  const schema: JsonSchema = {
    type: 'object',
    ...body,
    additionalProperties: false,
    ...(Object.keys(builder.defs).length ? { $defs: builder.defs } : {}),
  };
  if (describe) cache.set(tool, schema);
  return schema;
}
