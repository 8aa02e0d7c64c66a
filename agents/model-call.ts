/**
 * A model's tool call: its typed arguments are checked against the tool's LLM schema, the
 * credentials (which never come from the model) are merged in, and the shared executor runs it.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { executeTool, getTool, toolIds } from '../catalog';
import type { AnyToolDefinition, Credentials, InputProblem, ParamDefinition, ToolError, ToolResult } from '../contract';
import type { ExecuteOptions } from '../lib/executor';
import { paramSetProblem } from '../lib/input';
import { jsonSyntaxProblem } from '../lib/json-syntax';
import { connectionParamNames } from '../lib/params-schema';
import { type ModelResult, type ModelResultOptions, toModelResult } from './llm-result';
import { expectationOf, type JsonSchema, modelParamNames, modelParamsSchema, serverParamsOf } from './llm-tools';

export type { Credentials } from '../contract';

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<AnyToolDefinition, ValidateFunction>();

function validatorOf(tool: AnyToolDefinition): ValidateFunction {
  let validate = validators.get(tool);
  if (!validate) {
    validate = ajv.compile(modelParamsSchema(tool));
    validators.set(tool, validate);
  }
  return validate;
}

const preview = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const INTEGER_TEXT = /^\s*-?\d+\s*$/;

/**
 * The other forms a model may send that mean the same value: numbers and booleans as strings,
 * lists as comma-separated strings, JSON params as JSON text. null or a blank string means "not set",
 * as on a form. Anything else is left for the schema to refuse.
 */
export function normalizeModelArgs(tool: AnyToolDefinition, args: Record<string, unknown>): Record<string, unknown> {
  const defs = tool.params as Record<string, ParamDefinition>;
  const normalized: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const definition = defs[name];
    if (definition && Array.isArray(value) && definition.format === 'id-list') {
      normalized[name] = value.map((item) => (typeof item === 'string' && INTEGER_TEXT.test(item) ? Number(item.trim()) : item));
      continue;
    }
    if (definition && Array.isArray(value) && definition.format === 'string-list') {
      normalized[name] = value.map((item) => (typeof item === 'number' ? String(item) : item));
      continue;
    }
    if (definition && typeof value === 'number' && definition.format === 'text' && !definition.enum) {
      normalized[name] = String(value);
      continue;
    }
    if (!definition || typeof value !== 'string') {
      normalized[name] = value;
      continue;
    }
    switch (definition.format) {
      case 'numeric-id':
      case 'integer':
        normalized[name] = INTEGER_TEXT.test(value) ? Number(value.trim()) : value;
        break;
      case 'id-list': {
        const items = value.split(',').map((item) => item.trim()).filter(Boolean);
        normalized[name] = items.map((item) => (INTEGER_TEXT.test(item) ? Number(item) : item));
        break;
      }
      case 'string-list':
        normalized[name] = value.split(',').map((item) => item.trim()).filter(Boolean);
        break;
      case 'boolean':
        normalized[name] = /^\s*(true|false)\s*$/i.test(value) ? value.trim().toLowerCase() === 'true' : value;
        break;
      case 'json-object':
      case 'json-array':
        try {
          normalized[name] = JSON.parse(value);
        } catch {
          normalized[name] = value;
        }
        break;
      default:
        normalized[name] = value;
    }
  }
  return normalized;
}

function problemFor(tool: AnyToolDefinition, schema: JsonSchema, error: ErrorObject, args: Record<string, unknown>): InputProblem {
  const properties = schema.properties as Record<string, JsonSchema>;
  const problem = paramSetProblem(tool.id, error, (name) => properties[name]?.description, modelParamNames(tool));
  if (problem) return problem;
  const name = error.instancePath.split('/')[1] ?? '';
  return { param: name, message: `${name} ${expectationOf(tool, name)}; got ${preview(args[name])}` };
}

/** Checks a model's arguments against the tool's LLM schema; the problems name the param to change. */
export function checkModelArgs(tool: AnyToolDefinition, args: Record<string, unknown>): InputProblem[] {
  const validate = validatorOf(tool);
  if (validate(args)) return [];
  const schema = modelParamsSchema(tool);
  const problems: InputProblem[] = [];
  for (const error of validate.errors ?? []) {
    // anyOf reports each branch; the summary from the property itself is clearer.
    if (error.keyword === 'anyOf' || error.schemaPath.includes('/anyOf/')) {
      const name = error.instancePath.split('/')[1] ?? '';
      if (!problems.some((p) => p.param === name)) problems.push({ param: name, message: `${name} ${expectationOf(tool, name)}; got ${preview(args[name])}` });
      continue;
    }
    const problem = problemFor(tool, schema, error, args);
    if (!problems.some((p) => p.param === problem.param)) problems.push(problem);
  }
  return problems;
}

const invalid = (problems: InputProblem[]): ToolResult => {
  const error: ToolError = {
    code: 'invalid_input',
    param: problems[0].param,
    message: problems.map((p) => p.message.replace(/\.?$/, '.')).join(' '),
  };
  if (problems.length > 1) error.details = { problems };
  return { success: false, error };
};

/** What a model never sets: the credentials and the base URL come from whoever runs the tools. */
export const SERVER_PARAMS: readonly string[] = Object.freeze(serverParamsOf());

/**
 * A model that sends a credential (or the base URL) made a mistake it can fix by itself: the answer
 * says to remove it, once. `details.remove` lets the model-facing text say so without contradiction.
 */
function refuseServerParams(names: string[]): ToolResult {
  const list = names.join(', ');
  return {
    success: false,
    error: {
      code: 'invalid_input',
      param: names[0],
      message: `${list} ${names.length > 1 ? 'are not params' : 'is not a param'} you set: the server already has the Zendesk connection and its credentials. Remove ${list} from the arguments.`,
      details: { remove: names },
    },
  };
}

/**
 * Required params a model can never set (a `hidden` password): a tool that needs one runs from a
 * block, the CLI or code, where a person types it, and never from a model's call.
 */
export function paramsOnlyPeopleSet(tool: AnyToolDefinition): string[] {
  const connection = new Set(connectionParamNames(tool));
  return Object.entries(tool.params as Record<string, ParamDefinition>)
    .filter(([name, definition]) => definition.required && definition.visibility !== 'user-or-llm' && !connection.has(name))
    .map(([name]) => name);
}

/** The credential params of a call, from trusted configuration only. */
export function credentialParamsOf(credentials: Credentials): Record<string, string> {
  const { subdomain, email, apiToken, accessToken } = credentials;
  return Object.fromEntries(
    Object.entries({ subdomain, email, apiToken, accessToken }).filter(([, value]) => typeof value === 'string' && value !== ''),
  ) as Record<string, string>;
}

/** Reads a model's arguments: an object, or the JSON text OpenAI sends as `arguments`. */
function readArgs(modelArgs: unknown): { ok: true; args: Record<string, unknown> } | { ok: false; problem: InputProblem } {
  let args = modelArgs;
  if (args === undefined || args === null || (typeof args === 'string' && args.trim() === '')) return { ok: true, args: {} };
  if (typeof args === 'string') {
    const text = args;
    try {
      args = JSON.parse(text);
    } catch (error) {
      // Node's message quotes the text, which may hold anything: only the position is said.
      return { ok: false, problem: { param: '', message: `The arguments are not valid JSON (${jsonSyntaxProblem(text, error)}); send a JSON object of param names to values` } };
    }
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { ok: false, problem: { param: '', message: 'The arguments must be a JSON object of param names to values' } };
  }
  return { ok: true, args: args as Record<string, unknown> };
}

/**
 * Runs a tool as a model asked for it. The model's arguments are typed values (ids as integers, lists
 * as arrays, JSON params as objects; the string forms above are also accepted); they are validated
 * against the LLM schema before anything is sent, and may not carry credentials. The credentials
 * come from the caller's configuration. Resolves to the executor's result, never throws.
 */
export async function executeModelCall(
  toolId: string,
  modelArgs: unknown,
  credentials: Credentials,
  options: ExecuteOptions = {},
): Promise<ToolResult> {
  const tool = getTool(toolId);
  if (!tool) return { success: false, error: { code: 'unknown_tool', message: `There is no tool "${toolId}". Tools: ${toolIds.join(', ')}.` } };
  const read = readArgs(modelArgs);
  if (!read.ok) return invalid([read.problem]);
  const given = read.args;
  const server = serverParamsOf(tool);
  const serverParams = Object.keys(given).filter((name) => server.includes(name));
  if (serverParams.length) return refuseServerParams(serverParams);
  const peopleOnly = paramsOnlyPeopleSet(tool);
  if (peopleOnly.length) {
    const list = peopleOnly.join(', ');
    return {
      success: false,
      error: {
        code: 'invalid_input',
        param: peopleOnly[0],
        message: `${tool.id} cannot be run by a model: ${list} is typed by a person only (in a block, on the command line or in code) and never passes through a model. Ask the user to do this themselves.`,
      },
    };
  }
  const normalized = normalizeModelArgs(tool, given);
  const problems = checkModelArgs(tool, normalized);
  if (problems.length) return invalid(problems);
  return executeTool(tool, { ...normalized, ...credentialParamsOf(credentials) }, options);
}

/**
 * executeModelCall followed by toModelResult: the text to hand back to the model (OpenAI `tool`
 * message content, Anthropic `tool_result` content with `is_error`), never a thrown error.
 */
export async function callToolForModel(
  toolId: string,
  modelArgs: unknown,
  credentials: Credentials,
  options: ExecuteOptions = {},
  resultOptions: Pick<ModelResultOptions, 'maxChars' | 'maxListItems'> = {},
): Promise<ModelResult> {
  const result = await executeModelCall(toolId, modelArgs, credentials, options);
  const read = readArgs(modelArgs);
  return toModelResult(result, { ...resultOptions, tool: getTool(toolId) ?? toolId, args: read.ok ? read.args : {} });
}
