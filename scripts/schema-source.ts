/**
 * The one path from tool definitions to JSON Schemas: definitions → TypeScript types
 * (tools/generated/tool-types.ts, also exported for typed callers) → typescript-json-schema → schemas/.
 */
import path from 'node:path';
import * as TJS from 'typescript-json-schema';
import type { AnyToolDefinition, OutputNode, ParamDefinition } from '../tools/types';

export const ROOT = path.resolve(__dirname, '..');
export const TYPES_FILE = path.join(ROOT, 'tools', 'generated', 'tool-types.ts');
export const SCHEMAS_DIR = path.join(ROOT, 'schemas');

/** `zendesk_get_tickets` → `ZendeskGetTickets`. */
export const typeBaseName = (toolId: string) =>
  toolId.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');

const ID_PATTERN = '^\\s*\\d+\\s*$';
const INTEGER_PATTERN = '^\\s*-?\\d+\\s*$';
const ID_LIST_PATTERN = '^[\\d\\s,]+$';

function docComment(lines: string[], indent: string): string {
  const body = lines.map((line) => line.replace(/\*\//g, '*\\/'));
  return `${indent}/**\n${body.map((line) => `${indent} * ${line}`).join('\n')}\n${indent} */\n`;
}

function paramType(definition: ParamDefinition): { type: string; tags: string[] } {
  const tags: string[] = [];
  const literalUnion = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(' | ');
  switch (definition.format) {
    case 'numeric-id':
      return { type: 'string | number', tags: [`@pattern ${ID_PATTERN}`, '@minimum 1'] };
    case 'integer':
      if (definition.minimum !== undefined) tags.push(`@minimum ${definition.minimum}`);
      if (definition.maximum !== undefined) tags.push(`@maximum ${definition.maximum}`);
      return { type: 'string | number', tags: [`@pattern ${INTEGER_PATTERN}`, ...tags] };
    case 'id-list':
      return { type: 'string | (string | number)[]', tags: [`@pattern ${ID_LIST_PATTERN}`] };
    case 'string-list':
      return { type: 'string | string[]', tags };
    case 'json-object':
      return { type: `string | { [key: string]: unknown }${definition.acceptsArray ? ' | unknown[]' : ''}`, tags };
    case 'json-array':
      return { type: 'string | unknown[]', tags };
    case 'boolean':
      return { type: `${literalUnion(['true', 'false'])} | boolean`, tags };
    case 'text':
      if (definition.enum) return { type: literalUnion(definition.enum), tags };
      return { type: 'string', tags: definition.pattern ? [`@pattern ${definition.pattern}`] : [] };
  }
}

function renderParams(tool: AnyToolDefinition): string {
  const fields = Object.entries(tool.params as Record<string, ParamDefinition>).map(([name, definition]) => {
    const { type, tags } = paramType(definition);
    const defaultTag = definition.default === undefined ? [] : [`@default ${JSON.stringify(definition.default)}`];
    const doc = docComment([definition.description, ...tags, ...defaultTag], '  ');
    return `${doc}  ${name}${definition.required ? '' : '?'}: ${type};`;
  });
  return `${docComment([`Params of ${tool.id} (${tool.name}).`], '')}export interface ${typeBaseName(tool.id)}Params {\n${fields.join('\n')}\n}\n`;
}

/** Shared trees (ticket, user...) become named interfaces so schemas reference them. */
class OutputTypes {
  readonly named = new Map<string, string>();

  typeOf(node: OutputNode, indent: string): string {
    if (node.ref) {
      if (!this.named.has(node.ref)) {
        this.named.set(node.ref, ''); // reserve the name before recursing
        this.named.set(node.ref, `${docComment([node.description], '')}export interface ${node.ref} ${this.objectBody(node, '')}\n`);
      }
      return node.ref;
    }
    switch (node.type) {
      case 'string':
      case 'number':
      case 'boolean':
        return node.type;
      case 'json':
        return 'unknown';
      case 'array':
        return `Array<${node.items ? this.typeOf(node.items, indent) : 'unknown'}>`;
      case 'object':
        return this.objectBody(node, indent);
    }
  }

  /** Zendesk objects: every documented key present (null when Zendesk leaves it out), extra keys kept. */
  private objectBody(node: OutputNode, indent: string): string {
    const inner = `${indent}  `;
    const fields = Object.entries(node.properties ?? {}).map(([name, child]) => {
      const type = this.typeOf(child, inner);
      return `${docComment([child.description], inner)}${inner}${name}${child.optional ? '?' : ''}: ${type === 'unknown' ? type : `${type} | null`};`;
    });
    return `{\n${[...fields, `${inner}[key: string]: unknown;`].join('\n')}\n${indent}}`;
  }
}

function renderOutputs(tool: AnyToolDefinition, types: OutputTypes): string {
  const fields = Object.entries(tool.outputs).map(([name, node]) => {
    return `${docComment([node.description], '  ')}  ${name}${node.optional ? '?' : ''}: ${types.typeOf(node, '  ')};`;
  });
  return `${docComment([`Outputs of ${tool.id} (${tool.name}).`], '')}export interface ${typeBaseName(tool.id)}Outputs {\n${fields.join('\n')}\n}\n`;
}

export function renderToolTypes(tools: readonly AnyToolDefinition[]): string {
  const types = new OutputTypes();
  const perTool = tools.map((tool) => `${renderParams(tool)}\n${renderOutputs(tool, types)}`);
  return [
    '// Generated by `npm run schemas` from the tool definitions. Do not edit.',
    '/* eslint-disable */',
    '',
    ...[...types.named.values()],
    ...perTool,
  ].join('\n');
}

export type SchemaFiles = Record<string, unknown>;

/** Runs typescript-json-schema over the rendered types: `<tool id>.params.json` and `.outputs.json`. */
export function generateSchemas(tools: readonly AnyToolDefinition[], typesFile = TYPES_FILE): SchemaFiles {
  const program = TJS.getProgramFromFiles([typesFile], { strictNullChecks: true, skipLibCheck: true });
  const generator = TJS.buildGenerator(program, { required: true, noExtraProps: true, strictNullChecks: true, ref: true });
  if (!generator) throw new Error(`typescript-json-schema could not read ${typesFile}`);
  const files: SchemaFiles = {};
  for (const tool of tools) {
    for (const part of ['Params', 'Outputs'] as const) {
      const schema = generator.getSchemaForSymbol(`${typeBaseName(tool.id)}${part}`);
      files[`${tool.id}.${part.toLowerCase()}.json`] = { $id: `https://zendesk-blocks.dev/schemas/${tool.id}.${part.toLowerCase()}.json`, ...schema };
    }
  }
  return files;
}
