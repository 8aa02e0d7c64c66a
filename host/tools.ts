/**
 * The pack's operations as the host's tools. Each runs through the pack's executor by
 * `directExecution`, which the host calls instead of sending a request itself: input checks, pacing,
 * safe retries, job waits and redaction all apply, and no second HTTP client exists. `request`
 * describes the operation's request (the type requires it; nothing sends it) and carries no
 * credential.
 */
import { allTools, executeTool } from '../catalog';
import type { AnyToolDefinition, OutputNode, ParamDefinition, ToolResult } from '../contract';
import { WAIT_DEFAULT, WAIT_FIELD, fieldIdOf, waitForJobFrom } from '../blocks';
import { type ExecuteOptions, offeredReadOnly } from '../lib/executor';
import { prepareInput } from '../lib/input';
import { formatOf, isBlank } from '../lib/param-formats';
import { buildUrl, checkedBaseUrl, zendeskApiBase } from '../lib/url';
import type { HostHttpMethod, HostOutputProperty, HostToolConfig, HostToolParam, HostToolResponse } from './types';

/**
 * The version every adapted tool carries. Ids, params and outputs only ever grow (the surface is
 * append-only), so what was built against 1.0.0 keeps working; the number moves only if that changes.
 */
export const HOST_TOOL_VERSION = '1.0.0';

/**
 * The executor's options as defaults for every call. Not the per-call ones: the host's abort signal
 * comes with each call, and an idempotency key shared by every create would make them one.
 */
export interface HostToolOptions extends Omit<ExecuteOptions, 'signal' | 'idempotencyKey'> {
  /** The operations to adapt; default every operation of the pack. */
  tools?: readonly AnyToolDefinition[];
}

type CallDefaults = Omit<ExecuteOptions, 'signal' | 'idempotencyKey'>;

/** A JSON Schema type word as the host's tool params spell it: an integer is a number, an object `json`. */
const hostType = (type: unknown): string => (type === 'integer' ? 'number' : typeof type === 'string' && type !== 'object' ? type : 'json');

function hostParam(definition: ParamDefinition): HostToolParam {
  const format = formatOf(definition);
  // What a model sends (the host builds its tool schema from these); form strings are accepted too.
  const schema = format.modelSchema(definition);
  const description = format.forModel ? format.forModel(definition.description) : definition.description;
  // The host's params have no enum: the allowed values go in the words a model reads.
  const listed = definition.enum?.every((value) => description.includes(value)) ?? true;
  const allowed = !listed && schema.type === 'string' ? ` One of: ${definition.enum!.join(', ')}.` : '';
  const param: HostToolParam = {
    type: hostType(schema.type),
    required: definition.required,
    visibility: definition.visibility,
    description: `${description.trim().replace(/\.?$/, '.')}${allowed}`,
  };
  // The items go to the model's schema as they are: JSON Schema words.
  if (schema.type === 'array' && schema.items?.type) param.items = { type: schema.items.type };
  if (definition.default !== undefined) param.default = format.typed(definition.default);
  return param;
}

const WAIT_PARAM: HostToolParam = {
  type: 'boolean',
  required: false,
  visibility: 'user-only',
  default: WAIT_DEFAULT,
  description:
    'Wait for the background job to finish and return its final status with per-item results; a failed item fails the call. ' +
    'false: return as soon as the job is queued (inputs longer than one job takes are always waited for).',
};

function hostOutput(node: OutputNode): HostOutputProperty {
  const property: HostOutputProperty = { type: node.type, description: node.description };
  if (node.optional) property.optional = true;
  if (node.properties) property.properties = hostOutputs(node.properties);
  if (node.items) {
    const items = hostOutput(node.items);
    property.items = { type: items.type, ...(items.description ? { description: items.description } : {}), ...(items.properties ? { properties: items.properties } : {}) };
  }
  return property;
}

const hostOutputs = (nodes: Record<string, OutputNode>): Record<string, HostOutputProperty> =>
  Object.fromEntries(Object.entries(nodes).map(([key, node]) => [key, hostOutput(node)]));

/**
 * The operation's params from what the host passes: the block's values (keyed by field id) with the
 * mapped params merged over them, or a model's and the user's values keyed by param name. A param's
 * own field wins where its id differs from the param name; anything else in the bag is not the tool's.
 */
export function paramsFromHost(tool: AnyToolDefinition, given: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const bag = given ?? {};
  const params: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(tool.params as Record<string, ParamDefinition>)) {
    const field = fieldIdOf(name, definition);
    const value = field !== name && !isBlank(bag[field]) ? bag[field] : bag[name];
    if (!isBlank(value)) params[name] = value;
  }
  return params;
}

/** The host's response for a result: documented outputs on success; the message, the error and what is known on failure. */
export function toHostResponse(result: ToolResult): HostToolResponse {
  if (result.success) return { success: true, output: result.output, ...(result.warnings?.length ? { warnings: result.warnings } : {}) };
  const { error } = result;
  return { success: false, output: { ...(result.output ?? {}), error }, error: `${error.message} (${error.code}${error.param ? `, ${error.param}` : ''})` };
}

/** The request an operation makes for these params, described; the executor alone sends it. */
function describedRequest(tool: AnyToolDefinition, bag: Record<string, unknown>, options: CallDefaults) {
  const input = prepareInput(tool, paramsFromHost(tool, bag));
  if (!input.ok) throw new Error(`${tool.id}: ${input.problems.map((p) => p.message).join(' ')}`);
  const base = options.baseUrl ? checkedBaseUrl(options.baseUrl) : zendeskApiBase(input.credentials.subdomain);
  // A composite operation (bulk triage) sends several requests; it is described by the API it calls.
  const spec = tool.request?.(input.params as never);
  return { url: spec ? buildUrl(base, spec.path, spec.query) : base, method: spec?.method ?? 'GET', body: spec?.body };
}

export function toHostTool(tool: AnyToolDefinition, given: CallDefaults = {}): HostToolConfig {
  // Per-call options are the host's to give with each call, even when passed here untyped.
  const { signal: _signal, idempotencyKey: _key, ...options } = given as ExecuteOptions;
  const params = Object.fromEntries(Object.entries(tool.params as Record<string, ParamDefinition>).map(([name, definition]) => [name, hostParam(definition)]));
  const isJob = tool.result.kind === 'job';
  if (isJob) params[WAIT_FIELD] = WAIT_PARAM;
  return {
    id: tool.id,
    name: tool.name,
    description: tool.description,
    version: HOST_TOOL_VERSION,
    params,
    outputs: hostOutputs(tool.outputs),
    request: {
      url: (bag) => describedRequest(tool, bag, options).url,
      method: (bag) => describedRequest(tool, bag, options).method as HostHttpMethod,
      headers: () => ({ Accept: 'application/json', 'Content-Type': 'application/json' }),
      body: (bag) => {
        const body = describedRequest(tool, bag, options).body;
        return body === undefined ? undefined : (body as Record<string, any>);
      },
    },
    transformResponse: async () => {
      throw new Error(`${tool.id} runs through directExecution (the zendesk-blocks executor); a host must not send its request itself.`);
    },
    directExecution: async (bag, signal) => {
      const call: ExecuteOptions = signal ? { ...options, signal } : { ...options };
      if (isJob) {
        // The block's wait switch, or the tool param of the same name.
        const wait = waitForJobFrom(bag?.[WAIT_FIELD], options.waitForJob);
        if ('error' in wait) return toHostResponse({ success: false, error: wait.error });
        call.waitForJob = wait.waitForJob;
      }
      return toHostResponse(await executeTool(tool, paramsFromHost(tool, bag), call));
    },
  };
}

/**
 * The host's tool registry entries, by tool id: spread them into the registry the host looks tools up
 * in. `options` are the executor's defaults for every call (base URL, fetch, retry, pacing, job waits,
 * `readOnly`...); the host's abort signal is added per call.
 */
export function toHostTools(options: HostToolOptions = {}): Record<string, HostToolConfig> {
  const { tools: registry = allTools, ...execute } = options;
  const offered = execute.readOnly ? registry.filter(offeredReadOnly) : registry;
  return Object.fromEntries(offered.map((tool) => [tool.id, toHostTool(tool, execute)]));
}
