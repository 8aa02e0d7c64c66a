/**
 * Tool definitions for language models, derived from the registry: the params a model may set as a
 * typed JSON Schema (credentials and hidden params left out), a description with model guidance
 * taken from the tool's metadata, and the MCP annotations. Exported in three shapes: OpenAI
 * function calling, Anthropic tool use, and a generic one (MCP `tools/list` uses the generic one).
 */
import { allTools, getTool, resourceInfo } from '../catalog';
import type { AnyToolDefinition, ParamDefinition } from '../contract';
import { offeredReadOnly } from '../lib/executor';
import { outputsSchema } from '../lib/output-schema';
import type { JsonSchema } from '../lib/param-formats';
import { connectionParamNames, modelParamNames as paramNamesForModel, paramSchema, paramsSchema } from '../lib/params-schema';
import { resolveToolsets } from './toolsets';

export type { JsonSchema } from '../lib/param-formats';

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
  /** The tool's output schema in compact form (compactOutputSchema); absent only if schemas/ lacks it. */
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
  /** Only the tools of these toolsets (resources), as the MCP server's `toolsets`: "tickets,users" or "all". */
  toolsets?: string | readonly string[];
}

type ToolRef = AnyToolDefinition | string;

function resolve(toolOrId: ToolRef): AnyToolDefinition {
  const tool = typeof toolOrId === 'string' ? getTool(toolOrId) : toolOrId;
  if (!tool) throw new Error(`There is no tool "${String(toolOrId)}".`);
  return tool;
}

/** Params a model may set: visible to it (`user-or-llm`) and never a connection param. */
export function modelParamNames(toolOrId: ToolRef): string[] {
  return paramNamesForModel(resolve(toolOrId));
}

/**
 * What whoever runs the tools sets and a model never does: the connection params (credentials) and
 * the base URL. For one tool, or for every tool of the catalog.
 */
export function serverParamsOf(toolOrId?: ToolRef): string[] {
  const tools = toolOrId === undefined ? allTools : [resolve(toolOrId)];
  return [...new Set([...tools.flatMap((tool) => connectionParamNames(tool)), 'baseUrl'])];
}

/** Params a model never sees: connection params, `hidden` and `user-only` params. */
export function hiddenParamNames(toolOrId: ToolRef): string[] {
  const tool = resolve(toolOrId);
  const visible = new Set(modelParamNames(tool));
  return Object.keys(tool.params).filter((name) => !visible.has(name));
}

/** The JSON Schema of one param, typed for a model. */
export function modelParamSchema(definition: ParamDefinition): JsonSchema {
  return paramSchema(definition, 'model');
}

/** The params a model may set, as a JSON Schema object (no credentials, no hidden params). */
export function modelParamsSchema(toolOrId: ToolRef): JsonSchema {
  // Callers may hand the schema to code that mutates it: never share the cached object.
  return structuredClone(paramsSchema(resolve(toolOrId), 'model'));
}

/** The tool's output schema, built from its output tree, ready to embed (shared objects under `$defs`). */
export function modelOutputSchema(toolOrId: ToolRef): JsonSchema {
  return structuredClone(outputsSchema(resolve(toolOrId)));
}

/** Whether a schema is exactly `{type: 'null'}`. */
const isNullSchema = (schema: unknown) => !!schema && typeof schema === 'object' && Object.keys(schema).length === 1 && (schema as JsonSchema).type === 'null';

/**
 * A schema with the same meaning in fewer bytes: no `description` (but those of the top-level outputs),
 * no `additionalProperties: {}` (the default), and `anyOf: [X, {type: 'null'}]` written as X with
 * `type: [X's type, 'null']`. Whatever validates against one validates against the other.
 */
function compactSchema(node: unknown, keepDescription: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => compactSchema(item, false));
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node as JsonSchema)) {
    if (key === 'description' && !keepDescription) continue;
    if (key === 'additionalProperties' && (value === true || (value && typeof value === 'object' && Object.keys(value).length === 0))) continue;
    if ((key === 'properties' || key === '$defs') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, child]) => [name, compactSchema(child, false)]));
    } else out[key] = compactSchema(value, false);
  }
  if (Array.isArray(out.anyOf) && out.anyOf.length === 2) {
    const [a, b] = out.anyOf as JsonSchema[];
    const other = isNullSchema(b) ? a : isNullSchema(a) ? b : undefined;
    if (other && typeof other.type === 'string' && !other.$ref && !other.anyOf && Object.keys(out).every((key) => key === 'anyOf' || !(key in other))) {
      delete out.anyOf;
      Object.assign(out, other, { type: [other.type, 'null'] });
    }
  }
  return out;
}

/**
 * The output schema as MCP `tools/list` declares it: modelOutputSchema in compact form. Every output
 * keeps its type, properties, items and required fields (clients validate structuredContent with it);
 * only the top-level outputs keep a description (the nested Zendesk fields are documented in
 * docs/zendesk.md and in the full schema).
 */
export function compactOutputSchema(toolOrId: ToolRef): JsonSchema {
  const full = modelOutputSchema(toolOrId);
  const { properties, ...rest } = compactSchema(full, false) as JsonSchema;
  if (!properties) return { ...rest };
  const described = Object.fromEntries(
    Object.entries(properties as JsonSchema).map(([name, child]) => {
      const description = full.properties?.[name]?.description;
      return [name, description ? { description, ...(child as JsonSchema) } : child];
    }),
  );
  return { ...rest, properties: described };
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
  if (/identity/i.test(name)) return 'user_identities';
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

const orList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/** The largest page the operation's declared size param allows. */
function largestPage(tool: AnyToolDefinition, sizeParam: string | undefined): number | undefined {
  return sizeParam ? (tool.params as Record<string, ParamDefinition>)[sizeParam]?.maximum : undefined;
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
  if (tool.readOnlyFor) notes.push('Whether a call changes data depends on its params: a read-only connection runs only the calls that change nothing.');
  if (!hints.readOnly) {
    notes.push(
      hints.idempotent
        ? 'Repeating the same call has no further effect.'
        : 'Not idempotent: each new call applies again (creates or adds again), so never repeat a call that succeeded.',
    );
  }

  if (result.kind === 'cursor-list' || result.kind === 'offset-list') {
    const max = largestPage(tool, result.sizeParam);
    const cursor = result.kind === 'cursor-list';
    const param = cursor ? result.cursorParam : result.pageParam;
    // A list with its own cursor reader (an export) gives its cursor in outputs of its own.
    const ownCursor = cursor && Boolean(result.nextCursor);
    const next = !cursor ? `call again with ${param} set to the next page number` : ownCursor ? `call again with ${param} set to the cursor the page gives` : `call again with ${param} set to paging.after_cursor`;
    const mentionsPaging = new RegExp(`\\b${param}\\b`).test(description);
    if (!mentionsPaging || (max !== undefined && !description.includes(String(max)))) {
      notes.push(`Returns one page${max ? ` of at most ${max} ${result.itemsKey}` : ''}; ${ownCursor ? 'while more follow' : 'when paging.has_more is true'}, ${next}.`);
    }
    if (result.kind === 'offset-list' && result.window && !description.includes(result.window.toLocaleString('en-US')) && !description.includes(String(result.window))) {
      notes.push(`At most ${result.window.toLocaleString('en-US')} results of one query can be reached: narrow the query to see others.`);
    }
  }

  if (result.kind === 'job') {
    notes.push('Runs as a Zendesk background job: job_status.results has one entry per item, saying whether it succeeded.');
    const batchParam = result.batchParam === undefined ? undefined : [result.batchParam].flat()[0];
    const limit = batchParam ? (tool.params as Record<string, ParamDefinition>)[batchParam]?.perRequestLimit : undefined;
    if (limit && !description.includes(String(limit))) notes.push(`Zendesk takes ${limit} items per job; longer lists are split into several jobs.`);
  }

  if (result.kind === 'batched') {
    const limit = (tool.params as Record<string, ParamDefinition>)[result.batchParam]?.perRequestLimit;
    if (limit && !description.includes(String(limit))) notes.push(`Zendesk takes ${limit} ids per request; longer lists are sent as several requests.`);
    notes.push('succeeded_ids, failed_ids and unknown_ids say what happened to each id: on a failure, repeat the call with failed_ids only.');
  }

  for (const { resource, tools } of idFinders(tool)) {
    const missing = tools.filter((id) => !description.includes(id));
    if (missing.length === tools.length) notes.push(`To find ${resourceInfo(resource).singular} ids, use ${orList(tools)}.`);
  }
  return notes;
}

/** The tool's description followed by the guidance it lacks. */
export function modelDescription(toolOrId: ToolRef): string {
  const tool = resolve(toolOrId);
  return [tool.description.trim(), ...modelGuidance(tool)].join(' ');
}

function selected(options: LlmToolsOptions = {}): readonly AnyToolDefinition[] {
  let tools = options.tools ?? allTools;
  if (options.toolsets !== undefined) {
    const resources = resolveToolsets(options.toolsets);
    tools = tools.filter((tool) => resources.includes(tool.resource));
  }
  return options.readOnly ? tools.filter(offeredReadOnly) : tools;
}

export function toLlmTool(toolOrId: ToolRef): LlmTool {
  const tool = resolve(toolOrId);
  return {
    name: tool.id,
    title: tool.name,
    description: modelDescription(tool),
    inputSchema: modelParamsSchema(tool),
    outputSchema: compactOutputSchema(tool),
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
