/**
 * Everything checked before a request is made: unknown params, required params, formats and
 * allowed values (ajv, against the generated schema), coercion, and the operation's own rules.
 */
import type { ErrorObject } from 'ajv';
import { CREDENTIAL_PARAMS } from '../tools/params';
import type { AnyToolDefinition, InputProblem, ParamDefinition } from '../tools/types';
import { coerceParam, InputError, isBlank } from './coerce';
import { validatorFor } from './schemas';

export interface Credentials {
  subdomain: string;
  email?: string;
  apiToken?: string;
  accessToken?: string;
}

export type PreparedInput =
  | { ok: true; params: Record<string, unknown>; credentials: Credentials }
  | { ok: false; problems: InputProblem[] };

const preview = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** What a param must look like, said the way a person would fix it. */
function expectation(name: string, definition: ParamDefinition): string {
  if (definition.enum) return `must be one of: ${definition.enum.join(', ')}`;
  if (name === 'subdomain') return 'must be a bare subdomain such as "acme" for acme.zendesk.com (letters, digits and inner hyphens; no dots, slashes, "@", "#", ":" or spaces)';
  if (name === 'email') return 'must be an email address such as agent@example.com';
  switch (definition.format) {
    case 'numeric-id':
      return 'must be a numeric id (digits only), e.g. 12345';
    case 'id-list':
      return 'must be comma-separated numeric ids, e.g. "111, 222, 333"';
    case 'string-list':
      return 'must be comma-separated words, e.g. "billing, vip"';
    case 'integer':
      return definition.maximum === undefined
        ? `must be a whole number of at least ${definition.minimum ?? 0}`
        : `must be a whole number between ${definition.minimum} and ${definition.maximum}`;
    case 'json-object':
      return 'must be a JSON object, e.g. {"key": "value"}';
    case 'json-array':
      return 'must be a JSON array, e.g. [{...}, {...}]';
    case 'boolean':
      return 'must be "true" or "false"';
    case 'text':
      return 'must be text';
  }
}

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
  const shown = CREDENTIAL_PARAMS.includes(name) && name !== 'subdomain' && name !== 'email' ? '' : `; got ${preview(params[name])}`;
  return { param: name, message: `${name} ${definition ? expectation(name, definition) : error.message}${shown}` };
}

/** Both forms of credential: email + API token (Basic), or an OAuth access token (Bearer). */
function readCredentials(params: Record<string, unknown>): Credentials | InputProblem {
  const { subdomain, email, apiToken, accessToken } = params as Record<string, string | undefined>;
  if (!subdomain) return { param: 'subdomain', message: 'subdomain is required: your Zendesk subdomain, "acme" for acme.zendesk.com.' };
  if (accessToken) return { subdomain, accessToken };
  if (email && apiToken) return { subdomain, email, apiToken };
  const missing = !email ? 'email' : 'apiToken';
  if (!email && !apiToken) {
    return {
      param: missing,
      message: 'Credentials are missing: give email and apiToken (API token, sent as Basic auth), or accessToken (OAuth, sent as a Bearer token).',
    };
  }
  return {
    param: missing,
    message: `Credentials are incomplete: ${missing} is missing (it goes with ${missing === 'email' ? 'apiToken' : 'email'}). Give email and apiToken (API token), or accessToken (OAuth).`,
  };
}

export function prepareInput(tool: AnyToolDefinition, raw: Record<string, unknown> | undefined): PreparedInput {
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    return { ok: false, problems: [{ param: '', message: 'params must be an object of param names to values' }] };
  }
  const defs = tool.params as Record<string, ParamDefinition>;
  // Empty form fields mean "not set".
  const given = Object.fromEntries(Object.entries(raw ?? {}).filter(([, value]) => !isBlank(value)));
  const validate = validatorFor(tool.id, 'params');
  const problems: InputProblem[] = [];
  if (!validate(given)) {
    for (const error of validate.errors ?? []) {
      const missing = error.keyword === 'required' && (error.params as { missingProperty: string }).missingProperty;
      // email and apiToken are not needed with an access token; readCredentials says what is missing.
      if (missing === 'email' || missing === 'apiToken') continue;
      if (error.keyword === 'type' && error.instancePath && problems.some((p) => `/${p.param}` === error.instancePath)) continue;
      const problem = describeSchemaError(tool, error, given);
      if (!problems.some((p) => p.param === problem.param)) problems.push(problem);
    }
  }
  const credentials = readCredentials(given);
  if ('param' in credentials && !problems.some((p) => p.param === credentials.param)) problems.push(credentials);

  const params: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(defs)) {
    if (problems.some((p) => p.param === name)) continue;
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
