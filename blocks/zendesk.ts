/**
 * The Zendesk block: one drag-and-drop block for every operation of the registry. Its form, its
 * tool mapping, its inputs and its outputs are all derived from the tool definitions, so a new
 * operation shows up here without editing this file.
 */
import { allTools, executeTool, zendeskTools } from '../catalog';
import type { AnyToolDefinition, OutputNode, ToolError, ToolResult } from '../contract';
import { type ExecuteOptions, offeredReadOnly } from '../lib/executor';
import { formatOf, isBlank } from '../lib/param-formats';
import { type FieldPlan, fieldTitle, orderTools, planParamFields, resourceTitle } from './fields';
import { ZENDESK_BG_COLOR, ZENDESK_ICON_SVG } from './icon';
import type {
  BlockConfig,
  BlockInput,
  BlockOutput,
  BlockOutputType,
  BlockValues,
  OperationCondition,
  SubBlockConfig,
} from './types';

export const OPERATION_FIELD = 'operation';
/** Job operations: wait for the background job (the executor option `waitForJob`). Not a tool param. */
export const WAIT_FIELD = 'waitForCompletion';
/**
 * A new block waits for its jobs: a bulk call that reports success before Zendesk ran it, with its
 * per-item failures never read, is the mistake this pack exists to avoid.
 */
export const WAIT_DEFAULT = true;

const PLACEHOLDERS: Record<string, string> = { subdomain: 'acme (for acme.zendesk.com)' };

const onOperations = (value: string[]): OperationCondition => ({ field: 'operation', value });

/** Whether a field is shown when the operation dropdown holds `toolId`. */
export const fieldVisibleFor = (field: SubBlockConfig, toolId: string): boolean => !field.condition || field.condition.value.includes(toolId);

/** Whether a field must be filled when the operation dropdown holds `toolId`. */
export const fieldRequiredFor = (field: SubBlockConfig, toolId: string): boolean =>
  fieldVisibleFor(field, toolId) && (field.required === true || (typeof field.required === 'object' && field.required.value.includes(toolId)));

/**
 * One description for a field or output that several operations share: theirs when they agree,
 * else each operation's own, so the text is right for whichever operation is chosen.
 */
export function describeByOperation(uses: readonly { operation: string; description: string }[]): string {
  const byDescription = new Map<string, string[]>();
  for (const { operation, description } of uses) {
    const text = description.trim().replace(/\.?$/, '.');
    byDescription.set(text, [...new Set([...(byDescription.get(text) ?? []), operation])]);
  }
  if (byDescription.size === 1) return [...byDescription.keys()][0];
  return [...byDescription].map(([text, operations]) => `${operations.join(', ')}: ${text}`).join(' ');
}

const fieldDescription = (plan: FieldPlan) =>
  describeByOperation(plan.uses.map((use) => ({ operation: use.tool.name, description: use.definition.description })));

/** An example, a default, or what the value looks like: true for every operation that shows the field. */
function placeholderFor(plan: FieldPlan, type: SubBlockConfig['type']): string | undefined {
  if (PLACEHOLDERS[plan.id]) return PLACEHOLDERS[plan.id];
  const definitions = plan.uses.map((use) => use.definition);
  // An example or "e.g." is used only when the operations agree on it (users to create vs users to change do not).
  const only = (values: (string | undefined)[]) => {
    const distinct = new Set(values.filter((v): v is string => Boolean(v)));
    return distinct.size === 1 ? [...distinct][0] : undefined;
  };
  const example = only(definitions.map((d) => d.example));
  const fallback = definitions[0].default !== undefined ? `${definitions[0].default} (default)` : undefined;
  if (type === 'dropdown') return fallback ?? (definitions.every((d) => d.required) ? undefined : 'Not set');
  if (type === 'code') return example ?? formatOf(definitions[0]).placeholder;
  if (example) return `e.g. ${example}`;
  if (fallback) return fallback;
  const given = only(definitions.map((d) => /\be\.g\. (.+?)\.?$/.exec(d.description)?.[1]));
  if (given) return `e.g. ${given}`;
  const hint = formatOf(definitions[0]).placeholder;
  if (hint) return hint;
  return new Set(definitions.map((d) => d.description)).size === 1 ? definitions[0].description.split(/(?<=\.)\s/)[0].replace(/\.$/, '') : undefined;
}

function paramField(plan: FieldPlan, operationIds: readonly string[]): SubBlockConfig {
  const definition = plan.uses[0].definition; // presentation is uniform within a plan (fields.ts rule D)
  const description = fieldDescription(plan);
  const type: SubBlockConfig['type'] = definition.enum
    ? 'dropdown'
    : formatOf(definition).json
      ? 'code'
      : definition.multiline
        ? 'long-input'
        : 'short-input';
  const shownFor = [...new Set(plan.uses.map((use) => use.tool.id))];
  const requiredFor = [...new Set(plan.uses.filter((use) => use.definition.required).map((use) => use.tool.id))];
  const field: SubBlockConfig = { id: plan.id, title: fieldTitle(plan.id), type, description, param: plan.param };
  const placeholder = placeholderFor(plan, type);
  if (placeholder) field.placeholder = placeholder;
  if (definition.enum) field.options = definition.enum.map((value) => ({ label: value, id: value }));
  if (type === 'code') field.language = 'json';
  if (definition.visibility === 'hidden') field.password = true;
  if (definition.advanced) field.mode = 'advanced';
  if (shownFor.length < operationIds.length) field.condition = onOperations(shownFor);
  if (requiredFor.length > 0) field.required = requiredFor.length === shownFor.length ? true : onOperations(requiredFor);
  return field;
}

const OUTPUT_TYPES: Record<OutputNode['type'], BlockOutputType> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  array: 'array',
  object: 'json',
  json: 'json',
};

function blockOutputs(tools: readonly AnyToolDefinition[]): Record<string, BlockOutput> {
  const uses = new Map<string, { tool: AnyToolDefinition; node: OutputNode }[]>();
  for (const tool of tools) {
    for (const [key, node] of Object.entries(tool.outputs)) uses.set(key, [...(uses.get(key) ?? []), { tool, node }]);
  }
  const outputs: Record<string, BlockOutput> = {};
  for (const [key, list] of uses) {
    let description = describeByOperation(list.map(({ tool, node }) => ({ operation: tool.name, description: node.description })));
    const types = new Map<BlockOutputType, string[]>();
    for (const { tool, node } of list) types.set(OUTPUT_TYPES[node.type], [...(types.get(OUTPUT_TYPES[node.type]) ?? []), tool.name]);
    let type: BlockOutputType = [...types.keys()][0];
    if (types.size > 1) {
      type = 'any';
      description += ` Type: ${[...types].map(([t, names]) => `${t} (${names.join(', ')})`).join('; ')}.`;
    }
    const output: BlockOutput = { type, description };
    if (list.length < tools.length) output.condition = onOperations(list.map(({ tool }) => tool.id));
    outputs[key] = output;
  }
  return outputs;
}

/** Derives the block from a registry (the default is the package's own). */
export function buildZendeskBlock(tools: readonly AnyToolDefinition[] = allTools): BlockConfig {
  const ordered = orderTools(tools);
  if (ordered.length === 0) throw new Error('zendesk block: the registry holds no tools');
  const operationIds = ordered.map((tool) => tool.id);
  const byId = new Map(ordered.map((tool) => [tool.id, tool]));
  if (byId.size !== ordered.length) throw new Error('zendesk block: two tools share an id');

  const operationField: SubBlockConfig = {
    id: OPERATION_FIELD,
    title: 'Operation',
    type: 'dropdown',
    description: 'What to do in Zendesk. Every operation has its own fields.',
    options: ordered.map((tool) => ({ label: tool.name, id: tool.id, group: resourceTitle(tool.resource) })),
    required: true,
    defaultValue: operationIds[0],
  };
  const paramFields = planParamFields(ordered).map((plan) => paramField(plan, operationIds));
  const jobOperations = ordered.filter((tool) => tool.result.kind === 'job').map((tool) => tool.id);
  const waitField: SubBlockConfig[] = jobOperations.length
    ? [
        {
          id: WAIT_FIELD,
          title: 'Wait for Completion',
          type: 'switch',
          description:
            'Wait for the background job to finish and return its final status with per-item results; a failed item fails the block. ' +
            'Off: return as soon as the job is queued. Inputs longer than one job takes (100 items) are always waited for.',
          mode: 'advanced',
          defaultValue: WAIT_DEFAULT,
          ...(jobOperations.length < operationIds.length ? { condition: onOperations(jobOperations) } : {}),
        },
      ]
    : [];
  const subBlocks = [operationField, ...paramFields, ...waitField];

  const tool = (values: BlockValues): string => {
    const operation = values[OPERATION_FIELD];
    if (typeof operation === 'string' && byId.has(operation)) return operation;
    throw new Error(`Unknown Zendesk operation ${JSON.stringify(operation)}; choose one of: ${operationIds.join(', ')}.`);
  };
  const params = (values: BlockValues): Record<string, unknown> => {
    const toolId = tool(values);
    const mapped: Record<string, unknown> = {};
    for (const field of paramFields) {
      if (!field.param || !fieldVisibleFor(field, toolId)) continue;
      const value = values[field.id];
      if (!isBlank(value)) mapped[field.param] = value;
    }
    return mapped;
  };

  const inputs: Record<string, BlockInput> = {};
  for (const field of subBlocks) {
    inputs[field.id] = { type: field.type === 'switch' ? 'boolean' : field.type === 'code' ? 'json' : 'string', description: field.description };
  }
  const resources = [...new Set(ordered.map((t) => resourceTitle(t.resource).toLowerCase()))];

  return {
    type: 'zendesk',
    name: 'Zendesk',
    description: `Work with Zendesk Support: ${resources.slice(0, -1).join(', ')}${resources.length > 1 ? ' and ' : ''}${resources[resources.length - 1]}.`,
    longDescription:
      `Runs any of ${ordered.length} Zendesk Support operations on ${resources.join(', ')}: read, create, update, delete, ` +
      'bulk changes as background jobs (waiting for them and reporting per-item failures), merges and searches. ' +
      'Sign in with the email and API token of a Zendesk user, or an OAuth access token, and your subdomain. ' +
      'Inputs are checked before anything is sent, rate limits and retries are handled, and every error says what to change.',
    category: 'tools',
    bgColor: ZENDESK_BG_COLOR,
    icon: ZENDESK_ICON_SVG,
    subBlocks,
    tools: { access: [...operationIds], config: { tool, params } },
    inputs,
    outputs: blockOutputs(ordered),
  };
}

/** Reads the wait switch: a boolean, or "true"/"false" as a form may send it. */
function readSwitch(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}

/**
 * The executor's `waitForJob` for a job operation from the block's wait switch (`raw`): left empty,
 * the caller's own option, else on; on, the caller's polling settings; off, no wait. Anything but a
 * boolean is an invalid_input naming the field.
 */
export function waitForJobFrom(raw: unknown, given: ExecuteOptions['waitForJob']): { waitForJob: NonNullable<ExecuteOptions['waitForJob']> } | { error: ToolError } {
  if (isBlank(raw)) return { waitForJob: given ?? WAIT_DEFAULT };
  const wait = readSwitch(raw);
  if (wait === undefined) {
    return { error: { code: 'invalid_input', param: WAIT_FIELD, message: `${WAIT_FIELD} must be true or false; got ${JSON.stringify(raw).slice(0, 40)}.` } };
  }
  // Keep the host's polling settings when the switch says to wait.
  return { waitForJob: wait ? (typeof given === 'object' ? given : true) : false };
}

/** What a host registers: the block, the tools it runs, and a function that runs the block. */
export interface ZendeskBlockManifest {
  block: BlockConfig;
  tools: Readonly<Record<string, AnyToolDefinition>>;
  /**
   * Runs the block's chosen operation with the block's values: picks the tool, maps the fields to
   * its params and calls executeTool. For job operations `waitForCompletion` becomes the executor
   * option `waitForJob` (left empty: `options.waitForJob`, else on). Never throws.
   */
  execute(values: BlockValues, options?: ExecuteOptions): Promise<ToolResult>;
}

export interface BlockManifestOptions {
  /**
   * A block that changes nothing: only the operations that read (and the raw request, GET only) are
   * offered, and the executor refuses any call that would write, before a request is made.
   */
  readOnly?: boolean;
}

/** A manifest over a registry; `zendeskBlockManifest` is the one over the package's own tools. */
export function createZendeskBlockManifest(
  registry: readonly AnyToolDefinition[] = allTools,
  record?: Readonly<Record<string, AnyToolDefinition>>,
  options: BlockManifestOptions = {},
): ZendeskBlockManifest {
  const tools = options.readOnly ? registry.filter(offeredReadOnly) : registry;
  const toolRecord = record && !options.readOnly ? record : Object.freeze(Object.fromEntries(tools.map((t) => [t.id, t])));
  const block = buildZendeskBlock(tools);
  const byId = new Map(tools.map((t) => [t.id, t]));
  const enforced: ExecuteOptions = options.readOnly ? { readOnly: true } : {};
  return {
    block,
    tools: toolRecord,
    async execute(values, options = {}) {
      const given = values ?? {};
      let toolId: string;
      try {
        toolId = block.tools.config.tool(given);
      } catch (error) {
        return { success: false, error: { code: 'unknown_tool', param: OPERATION_FIELD, message: (error as Error).message } };
      }
      const definition = byId.get(toolId)!;
      const params = block.tools.config.params(given);
      if (definition.result.kind !== 'job') return executeTool(definition, params, { ...options, ...enforced });
      const wait = waitForJobFrom(given[WAIT_FIELD], options.waitForJob);
      if ('error' in wait) return { success: false, error: wait.error };
      return executeTool(definition, params, { ...options, waitForJob: wait.waitForJob, ...enforced });
    },
  };
}

/** The block over every operation of the package. */
export const zendeskBlockManifest: ZendeskBlockManifest = createZendeskBlockManifest(allTools, zendeskTools);
export const zendeskBlock: BlockConfig = zendeskBlockManifest.block;
