/**
 * Tool definitions for language models, derived from the registry: the params a model may set as a
 * typed JSON Schema (credentials and hidden params left out), a description with model guidance
 * taken from the tool's metadata, and the MCP annotations. Exported in three shapes: OpenAI
 * function calling, Anthropic tool use, and a generic one (MCP `tools/list` uses the generic one).
 */
import { allTools, getTool } from '../tools';
import { CREDENTIAL_PARAMS } from '../tools/params';
import type { AnyToolDefinition, ParamDefinition } from '../tools/types';
import { loadSchema } from '../lib/schemas';

export type JsonSchema = Record<string, any>;

/** The MCP tool annotations, from the tool's hints. */
export interface LlmToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  /** Always true: every tool talks to a Zendesk account. */
  openWorldHint: boolean;
}

/** The generic shape (MCP `tools/list` entries have exactly these fields). */
export interface LlmTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  /** The generated output schema of the tool (an object schema); absent only if schemas/ lacks it. */
  outputSchema?: JsonSchema;
  annotations: LlmToolAnnotations;
}

/** OpenAI Chat Completions / Responses function tool. `strict` is left out: see docs/agents.md. */
export interface OpenAITool {
  type: 'function';
  function: { name: string; description: string; parameters: JsonSchema };
}

/** Anthropic Messages API tool. */
export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: JsonSchema;
}

export interface LlmToolsOptions {
  /** Only the tools whose hints say they change nothing. */
  readOnly?: boolean;
  /** Another selection of registry tools (default: every tool of the registry). */
  tools?: readonly AnyToolDefinition[];
}

type ToolRef = AnyToolDefinition | string;

function resolve(toolOrId: ToolRef): AnyToolDefinition {
  const tool = typeof toolOrId === 'string' ? getTool(toolOrId) : toolOrId;
  if (!tool) throw new Error(`There is no tool "${String(toolOrId)}".`);
  return tool;
}

/** Params a model may set: visible to it (`user-or-llm`) and never a credential. */
export function modelParamNames(toolOrId: ToolRef): string[] {
  const tool = resolve(toolOrId);
  return Object.entries(tool.params as Record<string, ParamDefinition>)
    .filter(([name, definition]) => definition.visibility === 'user-or-llm' && !CREDENTIAL_PARAMS.includes(name))
    .map(([name]) => name);
}

/** Params a model never sees: credentials, `hidden` and `user-only` params. */
export function hiddenParamNames(toolOrId: ToolRef): string[] {
  const tool = resolve(toolOrId);
  const visible = new Set(modelParamNames(tool));
  return Object.keys(tool.params).filter((name) => !visible.has(name));
}

const splitList = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

/** The definition's example, typed the way the model sends it; undefined when it cannot be read. */
function typedExample(definition: ParamDefinition): unknown {
  const { example, format } = definition;
  if (example === undefined) return undefined;
  try {
    switch (format) {
      case 'numeric-id':
      case 'integer': {
        const n = Number(example.trim());
        return Number.isSafeInteger(n) ? n : undefined;
      }
      case 'id-list': {
        const ids = splitList(example).map(Number);
        return ids.every(Number.isSafeInteger) ? ids : undefined;
      }
      case 'string-list':
        return splitList(example);
      case 'json-object':
      case 'json-array':
        return JSON.parse(example);
      case 'boolean':
        return example.trim().toLowerCase() === 'true';
      case 'text':
        return example;
    }
  } catch {
    return undefined;
  }
}

/** A default typed like its param ("100" → 100 for an integer). */
function typedDefault(definition: ParamDefinition): unknown {
  if (definition.default === undefined) return undefined;
  if (definition.format === 'integer' || definition.format === 'numeric-id') return Number(definition.default);
  if (definition.format === 'boolean') return definition.default.trim().toLowerCase() === 'true';
  return definition.default;
}

/** Items of a JSON array param, from what its example holds (objects for every bulk input so far). */
function arrayItems(definition: ParamDefinition): JsonSchema {
  const example = typedExample(definition);
  if (!Array.isArray(example) || example.length === 0) return {};
  if (example.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return { type: 'object' };
  if (example.every((item) => typeof item === 'string')) return { type: 'string' };
  if (example.every((item) => typeof item === 'number')) return { type: 'number' };
  return {};
}

/** Wording meant for a form ("Comma-separated", quoted "true"/"false") that would mislead a model. */
function descriptionForModel(definition: ParamDefinition): string {
  let text = definition.description.trim();
  switch (definition.format) {
    case 'id-list':
      text = text.replace(/^Comma-separated /, 'The ');
      return `${text} Give an array of ids, e.g. [111, 222]; a comma-separated string such as "111, 222" is also accepted.`;
    case 'string-list':
      text = text.replace(/^Comma-separated /, '').replace(/^./, (c) => c.toUpperCase());
      return `${text} Give an array of strings; a comma-separated string is also accepted.`;
    case 'boolean':
      return text.replace(/[\s:,]*\(?\s*"true" or "false"\s*\)?(?=\.?$)/, '').replace(/([^.])$/, '$1.');
    default:
      return text;
  }
}

/** The JSON Schema of one param, typed for a model. */
export function modelParamSchema(definition: ParamDefinition): JsonSchema {
  let schema: JsonSchema;
  switch (definition.format) {
    case 'numeric-id':
      schema = { type: 'integer', minimum: 1 };
      break;
    case 'integer':
      schema = { type: 'integer' };
      if (definition.minimum !== undefined) schema.minimum = definition.minimum;
      if (definition.maximum !== undefined) schema.maximum = definition.maximum;
      break;
    case 'id-list':
      schema = { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1 };
      break;
    case 'string-list':
      schema = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };
      break;
    case 'json-object':
      schema = definition.acceptsArray
        ? { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1 }] }
        : { type: 'object' };
      break;
    case 'json-array':
      schema = { type: 'array', items: arrayItems(definition), minItems: 1 };
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'text':
      schema = { type: 'string' };
      if (definition.enum) schema.enum = [...definition.enum];
      if (definition.pattern) schema.pattern = definition.pattern;
      if (definition.required && !definition.enum) schema.minLength = 1;
      break;
  }
  const result: JsonSchema = { description: descriptionForModel(definition), ...schema };
  const fallback = typedDefault(definition);
  if (fallback !== undefined) result.default = fallback;
  const example = typedExample(definition);
  if (example !== undefined) result.examples = [example];
  return result;
}

const schemaCache = new Map<AnyToolDefinition, JsonSchema>();

/** The params a model may set, as a JSON Schema object (no credentials, no hidden params). */
export function modelParamsSchema(toolOrId: ToolRef): JsonSchema {
  const tool = resolve(toolOrId);
  let schema = schemaCache.get(tool);
  if (!schema) {
    const names = modelParamNames(tool);
    const defs = tool.params as Record<string, ParamDefinition>;
    const required = names.filter((name) => defs[name].required);
    schema = {
      type: 'object',
      properties: Object.fromEntries(names.map((name) => [name, modelParamSchema(defs[name])])),
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    };
    schemaCache.set(tool, schema);
  }
  // Callers may hand the schema to code that mutates it: never share the cached object.
  return structuredClone(schema);
}

/**
 * The tool's generated output schema (schemas/<id>.outputs.json) ready to embed: without `$id` and
 * `$schema`, definitions under `$defs` (JSON Schema 2020-12, as MCP expects; ajv's draft-07 reads it too).
 * Undefined when the file is missing (a tool added before `npm run schemas`).
 */
export function modelOutputSchema(toolOrId: ToolRef): JsonSchema | undefined {
  const tool = resolve(toolOrId);
  let raw: JsonSchema;
  try {
    raw = loadSchema(tool.id, 'outputs');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const { $id: _id, $schema: _dialect, definitions, ...rest } = raw;
  const text = JSON.stringify(definitions ? { ...rest, $defs: definitions } : rest);
  return JSON.parse(text.split('"#/definitions/').join('"#/$defs/'));
}

export function toolAnnotations(toolOrId: ToolRef): LlmToolAnnotations {
  const tool = resolve(toolOrId);
  return {
    title: tool.name,
    readOnlyHint: tool.hints.readOnly,
    destructiveHint: tool.hints.destructive,
    idempotentHint: tool.hints.idempotent,
    openWorldHint: true,
  };
}

/** Which resource an id param points at, read from its name (ticketId, sourceTicketIds, requesterId...). */
function resourceOfIdParam(name: string): AnyToolDefinition['resource'] | undefined {
  if (/ticket/i.test(name)) return 'tickets';
  if (/organization/i.test(name)) return 'organizations';
  if (/user|requester|assignee|submitter/i.test(name)) return 'users';
  return undefined;
}

/** Read-only list tools of the registry that find the records the tool's required id params name. */
export function idFinders(toolOrId: ToolRef): { resource: string; tools: string[] }[] {
  const tool = resolve(toolOrId);
  const defs = tool.params as Record<string, ParamDefinition>;
  const resources = new Set<AnyToolDefinition['resource']>();
  for (const name of modelParamNames(tool)) {
    const definition = defs[name];
    if (!definition.required || (definition.format !== 'numeric-id' && definition.format !== 'id-list')) continue;
    const resource = resourceOfIdParam(name);
    if (resource) resources.add(resource);
  }
  const lists = (resource: string) =>
    allTools
      .filter((t) => t.id !== tool.id && t.hints.readOnly && (t.result.kind === 'cursor-list' || t.result.kind === 'offset-list'))
      .filter((t) => t.resource === resource || t.resource === 'search')
      .sort((a, b) => Number(a.resource === 'search') - Number(b.resource === 'search'))
      .map((t) => t.id);
  return [...resources].map((resource) => ({ resource, tools: lists(resource) })).filter((entry) => entry.tools.length > 0);
}

const singular = (resource: string) => resource.replace(/s$/, '');
const orList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

function largestPerPage(tool: AnyToolDefinition): number | undefined {
  const perPage = (tool.params as Record<string, ParamDefinition>).perPage;
  return perPage?.maximum;
}

/** Guidance for a model that the tool's own description leaves out, from its hints and result kind. */
export function modelGuidance(toolOrId: ToolRef): string[] {
  const tool = resolve(toolOrId);
  const description = tool.description;
  const notes: string[] = [];
  const { hints, result } = tool;

  if (hints.readOnly) notes.push('Read-only.');
  else if (hints.destructive) notes.push('Destructive: deletes or irreversibly changes data in Zendesk; call it only when the user clearly asked for this.');
  else notes.push('Changes data in Zendesk.');
  if (!hints.readOnly) {
    notes.push(
      hints.idempotent
        ? 'Repeating the same call has no further effect.'
        : 'Not idempotent: each new call applies again (creates or adds again), so never repeat a call that succeeded.',
    );
  }

  if (result.kind === 'cursor-list' || result.kind === 'offset-list') {
    const max = largestPerPage(tool);
    const cursor = result.kind === 'cursor-list';
    const next = cursor ? 'call again with pageAfter set to paging.after_cursor' : 'call again with page set to the next page number';
    const mentionsPaging = cursor ? /pageAfter/.test(description) : /\bpage\b/.test(description);
    if (!mentionsPaging || (max !== undefined && !description.includes(String(max)))) {
      notes.push(`Returns one page${max ? ` of at most ${max} ${result.itemsKey}` : ''}; when paging.has_more is true, ${next}.`);
    }
    if (result.kind === 'offset-list' && result.window && !description.includes(result.window.toLocaleString('en-US')) && !description.includes(String(result.window))) {
      notes.push(`At most ${result.window.toLocaleString('en-US')} results of one query can be reached: narrow the query to see others.`);
    }
  }

  if (result.kind === 'job') {
    notes.push('Runs as a Zendesk background job: job_status.results has one entry per item, saying whether it succeeded.');
    const limit = result.batchParam ? (tool.params as Record<string, ParamDefinition>)[result.batchParam]?.perRequestLimit : undefined;
    if (limit && !description.includes(String(limit))) notes.push(`Zendesk takes ${limit} items per job; longer lists are split into several jobs.`);
  }

  for (const { resource, tools } of idFinders(tool)) {
    const missing = tools.filter((id) => !description.includes(id));
    if (missing.length === tools.length) notes.push(`To find ${singular(resource)} ids, use ${orList(tools)}.`);
  }
  return notes;
}

/** The tool's description followed by the guidance it lacks. */
export function modelDescription(toolOrId: ToolRef): string {
  const tool = resolve(toolOrId);
  return [tool.description.trim(), ...modelGuidance(tool)].join(' ');
}

function selected(options: LlmToolsOptions = {}): readonly AnyToolDefinition[] {
  const tools = options.tools ?? allTools;
  return options.readOnly ? tools.filter((tool) => tool.hints.readOnly) : tools;
}

export function toLlmTool(toolOrId: ToolRef): LlmTool {
  const tool = resolve(toolOrId);
  const outputSchema = modelOutputSchema(tool);
  return {
    name: tool.id,
    title: tool.name,
    description: modelDescription(tool),
    inputSchema: modelParamsSchema(tool),
    ...(outputSchema ? { outputSchema } : {}),
    annotations: toolAnnotations(tool),
  };
}

export function toOpenAITool(toolOrId: ToolRef): OpenAITool {
  const tool = resolve(toolOrId);
  return { type: 'function', function: { name: tool.id, description: modelDescription(tool), parameters: modelParamsSchema(tool) } };
}

export function toAnthropicTool(toolOrId: ToolRef): AnthropicTool {
  const tool = resolve(toolOrId);
  return { name: tool.id, description: modelDescription(tool), input_schema: modelParamsSchema(tool) };
}

/** Every registry tool (or the read-only ones) in the generic shape. */
export function llmTools(options?: LlmToolsOptions): LlmTool[] {
  return selected(options).map(toLlmTool);
}

/** Every registry tool (or the read-only ones) for OpenAI function calling. */
export function openAITools(options?: LlmToolsOptions): OpenAITool[] {
  return selected(options).map(toOpenAITool);
}

/** Every registry tool (or the read-only ones) for the Anthropic Messages API. */
export function anthropicTools(options?: LlmToolsOptions): AnthropicTool[] {
  return selected(options).map(toAnthropicTool);
}

/**
 * What a value for one param must look like, said so a model can fix it. `format` (the param's
 * definition format) tells an id from a plain number; without it the schema alone is read.
 */
export function describeExpectation(schema: JsonSchema | undefined, format?: ParamDefinition['format']): string {
  if (!schema) return 'is not a param of this tool';
  if (schema.enum) return `must be one of: ${schema.enum.join(', ')}`;
  const example = schema.examples?.[0];
  const eg = (fallback: unknown) => ` e.g. ${JSON.stringify(example ?? fallback)}`;
  if (schema.anyOf) return `must be a JSON object (or an array of objects),${eg({ key: 'value' })}`;
  switch (schema.type) {
    case 'integer': {
      if (format === 'numeric-id') return `must be a positive integer id,${eg(12345)}`;
      if (schema.maximum !== undefined) return `must be a whole number from ${schema.minimum ?? '-∞'} to ${schema.maximum}`;
      return `must be a whole number of at least ${schema.minimum ?? 0}`;
    }
    case 'array':
      if (schema.items?.type === 'integer') return `must be an array of positive integer ids,${eg([111, 222])}`;
      if (schema.items?.type === 'string') return `must be an array of non-empty strings,${eg(['billing', 'vip'])}`;
      if (schema.items?.type === 'object') return `must be a non-empty array of JSON objects,${eg([{ key: 'value' }])}`;
      return 'must be a non-empty JSON array';
    case 'object':
      return `must be a JSON object,${eg({ key: 'value' })}`;
    case 'boolean':
      return 'must be true or false';
    case 'string':
      if (schema.pattern) return `must be a string matching ${schema.pattern}${example !== undefined ? `, e.g. ${JSON.stringify(example)}` : ''}`;
      return schema.minLength ? 'must be a non-empty string' : 'must be a string';
    default:
      return 'has the wrong form';
  }
}

/** describeExpectation for one param of a tool, by name. */
export function expectationOf(toolOrId: ToolRef, name: string): string {
  const tool = resolve(toolOrId);
  const properties = modelParamsSchema(tool).properties as Record<string, JsonSchema>;
  return describeExpectation(properties[name], (tool.params as Record<string, ParamDefinition>)[name]?.format);
}
