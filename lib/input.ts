/**
 * Everything checked before a request is made: unknown params, required params, formats and
 * allowed values (ajv, against the definition's params schema built in memory), coercion, the
 * connection group's credentials, and the operation's own rules.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { AnyToolDefinition, Credentials, InputProblem, ParamDefinition } from '../contract';
import { formatOf, InputError, isBlank, mustBe } from './param-formats';
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
  /** The params given a value (empty form fields mean "not set"), those the definition takes first. */
  setValues: (raw: Record<string, unknown>) => Record<string, unknown>;
  /** The typed value of every param set or defaulted, but those that already have a problem; adds a problem for each bad value. */
  coerce: (given: Record<string, unknown>, problems: InputProblem[]) => Record<string, unknown>;
}
const checksOf = new WeakMap<AnyToolDefinition, InputChecks>();

function inputChecks(tool: AnyToolDefinition): InputChecks {
  let checks = checksOf.get(tool);
  if (!checks) {
    const params = Object.entries(tool.params as Record<string, ParamDefinition>);
    checks = {
      validate: ajv.compile(paramsSchema(tool, 'input')),
      connectionParams: new Set(connectionParamNames(tool)),
      setValues: compileSetValues(params.map(([name]) => name)),
      coerce: compileCoerce(params),
    };
    checksOf.set(tool, checks);
  }
  return checks;
}

/*
 * The two functions below are generated once per definition and read and write each param by its
 * name, as the output shapers do: a loop over the names made every access a computed one, which V8
 * serves through its slowest (megamorphic) path, the largest share of the input checks' time. The
 * sources hold only the definitions' own param names, each quoted by JSON.stringify.
 */

const own = Object.prototype.hasOwnProperty;
const hasProblem = (problems: readonly InputProblem[], name: string) => problems.some((p) => p.param === name);

function compileSetValues(names: readonly string[]): InputChecks['setValues'] {
  const lines = ['const g = {};', 'let x, seen = 0, keys = 0;'];
  for (const name of names) {
    const quoted = JSON.stringify(name);
    lines.push(`x = raw[${quoted}]; if (x !== undefined && own.call(raw, ${quoted})) { seen++; if (!blank(x)) g[${quoted}] = x; }`);
  }
  // Params the definition does not take are kept, in the order given, for the checks to report.
  lines.push('for (const k in raw) keys++;', 'if (keys > seen) for (const k in raw) if (!known.has(k) && own.call(raw, k) && !blank(raw[k])) g[k] = raw[k];', 'return g;');
  const body = `return function setValues(raw) {\n${lines.join('\n')}\n};`;
  return new Function('own', 'blank', 'known', body)(own, isBlank, new Set(names));
}

/** Marks a value that could not be coerced (its problem is recorded). */
const BAD_VALUE = Symbol('bad value');

type ReadParam = (raw: unknown, definition: ParamDefinition) => unknown;

function coerced(read: ReadParam, value: unknown, definition: ParamDefinition, name: string, problems: InputProblem[]): unknown {
  try {
    return read(value, definition);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push({ param: name, message: `${name} ${error.message}` });
    return BAD_VALUE;
  }
}

function compileCoerce(params: readonly [string, ParamDefinition][]): InputChecks['coerce'] {
  const lines = ['const p = {};', 'let x;'];
  params.forEach(([name], i) => {
    const quoted = JSON.stringify(name);
    lines.push(
      `x = g[${quoted}]; if (x === undefined) x = dv[${i}];`,
      `if (x !== undefined && !(problems.length > 0 && has(problems, ${quoted}))) { x = coerced(r[${i}], x, d[${i}], ${quoted}, problems); if (x !== bad) p[${quoted}] = x; }`,
    );
  });
  lines.push('return p;');
  const body = `return function coerce(g, problems) {\n${lines.join('\n')}\n};`;
  // Each param's default and format reader are looked up here, once, not on every call.
  const definitions = params.map(([, definition]) => definition);
  const readers = definitions.map((definition) => formatOf(definition).read);
  const defaults = definitions.map((definition) => definition.default);
  return new Function('d', 'r', 'dv', 'has', 'coerced', 'bad', body)(definitions, readers, defaults, hasProblem, coerced, BAD_VALUE);
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
  const { validate, connectionParams, setValues, coerce } = inputChecks(tool);
  // Copied even when nothing is empty: the checks then read an object of one shape, ours.
  const given = raw === undefined ? {} : setValues(raw);
  const problems: InputProblem[] = [];
  if (!validate(given)) {
    for (const error of validate.errors ?? []) {
      const missing = error.keyword === 'required' && (error.params as { missingProperty: string }).missingProperty;
      // Which connection params are needed depends on the credential form: the connection group says.
      if (missing && connectionParams.has(missing)) continue;
      if (error.instancePath && problems.some((p) => `/${p.param}` === error.instancePath)) continue;
      const problem = describeSchemaError(tool, error, given);
      if (!hasProblem(problems, problem.param)) problems.push(problem);
    }
  }
  const credentials = tool.connection.read(given);
  if ('param' in credentials && !hasProblem(problems, credentials.param)) problems.push(credentials);

  const params = coerce(given, problems);
  if (problems.length === 0) {
    const problem = tool.check?.(params as never);
    if (problem) problems.push(problem);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, params, credentials: credentials as Credentials };
}
