/**
 * Everything checked before a request is made: unknown params, required params, formats and
 * allowed values (ajv, against the definition's params schema built in memory), coercion, the
 * connection group's credentials, and the operation's own rules.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { AnyToolDefinition, Credentials, InputProblem, ParamDefinition } from '../contract';
import { coerceParam, InputError, isBlank, mustBe } from './param-formats';
import { connectionParamNames, paramsSchema } from './params-schema';

export type { Credentials } from '../contract';

export type PreparedInput =
  | { ok: true; params: Record<string, unknown>; credentials: Credentials }
  | { ok: false; problems: InputProblem[] };

const ajv = new Ajv({ allErrors: true, strict: false });

/** What checking a definition's input needs, built once per definition object. */
interface InputChecks {
  validate: ValidateFunction;
  connectionParams: Set<string>;
  params: [string, ParamDefinition][];
}
const checksOf = new WeakMap<AnyToolDefinition, InputChecks>();

function inputChecks(tool: AnyToolDefinition): InputChecks {
  let checks = checksOf.get(tool);
  if (!checks) {
    checks = {
      validate: ajv.compile(paramsSchema(tool, 'input')),
      connectionParams: new Set(connectionParamNames(tool)),
      params: Object.entries(tool.params as Record<string, ParamDefinition>),
    };
    checksOf.set(tool, checks);
  }
  return checks;
}

const preview = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * The problem of an ajv error about the params as a whole: a missing required param (with `describe`'s
 * text for it) or an unknown one (with the names the tool `takes`); undefined for an error about a value.
 */
export function paramSetProblem(
  toolId: string,
  error: ErrorObject,
  describe: (name: string) => string | undefined,
  takes: readonly string[],
): InputProblem | undefined {
  if (error.keyword === 'required') {
    const name = (error.params as { missingProperty: string }).missingProperty;
    return { param: name, message: `${name} is required: ${describe(name) ?? ''}`.trim() };
  }
  if (error.keyword === 'additionalProperties') {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    return { param: name, message: `Unknown param "${name}" for ${toolId}. It takes: ${takes.length ? takes.join(', ') : 'no params'}.` };
  }
  return undefined;
}

function describeSchemaError(tool: AnyToolDefinition, error: ErrorObject, params: Record<string, unknown>): InputProblem {
  const defs = tool.params as Record<string, ParamDefinition>;
  const problem = paramSetProblem(tool.id, error, (name) => defs[name]?.description, Object.keys(defs));
  if (problem) return problem;
  const name = error.instancePath.split('/')[1] ?? '';
  const definition = defs[name];
  // A secret's value is never echoed, not even in part.
  const shown = definition?.visibility === 'hidden' ? '' : `; got ${preview(params[name])}`;
  return { param: name, message: `${name} ${definition ? mustBe(definition) : error.message}${shown}` };
}

export function prepareInput(tool: AnyToolDefinition, raw: Record<string, unknown> | undefined): PreparedInput {
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    return { ok: false, problems: [{ param: '', message: 'params must be an object of param names to values' }] };
  }
  if (!tool.connection) return { ok: false, problems: [{ param: '', message: `${tool.id} declares no connection: define it with defineTool.` }] };
  const { validate, connectionParams, params: defs } = inputChecks(tool);
  // Empty form fields mean "not set".
  const given: Record<string, unknown> = {};
  for (const name in raw) if (Object.prototype.hasOwnProperty.call(raw, name) && !isBlank(raw[name])) given[name] = raw[name];
  const problems: InputProblem[] = [];
  const hasProblem = (name: string) => problems.length > 0 && problems.some((p) => p.param === name);
  if (!validate(given)) {
    for (const error of validate.errors ?? []) {
      const missing = error.keyword === 'required' && (error.params as { missingProperty: string }).missingProperty;
      // Which connection params are needed depends on the credential form: the connection group says.
      if (missing && connectionParams.has(missing)) continue;
      if (error.instancePath && problems.some((p) => `/${p.param}` === error.instancePath)) continue;
      const problem = describeSchemaError(tool, error, given);
      if (!hasProblem(problem.param)) problems.push(problem);
    }
  }
  const credentials = tool.connection.read(given);
  if ('param' in credentials && !hasProblem(credentials.param)) problems.push(credentials);

  const params: Record<string, unknown> = {};
  for (const [name, definition] of defs) {
    if (hasProblem(name)) continue;
    const value = given[name] ?? definition.default;
    if (value === undefined) continue;
    try {
      params[name] = coerceParam(value, definition);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push({ param: name, message: `${name} ${error.message}` });
    }
  }
  if (problems.length === 0) {
    const problem = tool.check?.(params as never);
    if (problem) problems.push(problem);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, params, credentials: credentials as Credentials };
}
