/** Shared test fixtures: credentials, a nock scope that checks auth headers, and output validation. */
import nock from 'nock';
import { executeTool } from '../catalog';
import { type ExecuteOptions } from '../lib/executor';
import { validatorFor } from './schema-files';
import { getTool } from '../catalog';

export const credentials = { email: 'agent@example.com', apiToken: 'secret-token-123', subdomain: 'acme' };
export const BASIC_AUTH = `Basic ${Buffer.from('agent@example.com/token:secret-token-123').toString('base64')}`;
export const ORIGIN = 'https://acme.zendesk.com';

/** A nock scope for acme.zendesk.com that only matches requests carrying our auth and Accept headers. */
export function zendesk(): nock.Scope {
  return nock(ORIGIN, { reqheaders: { authorization: BASIC_AUTH, accept: 'application/json' } });
}

/** Fails the test with ajv's errors when an output does not match the tool's generated output schema. */
export function expectValidOutput(toolId: string, output: unknown): void {
  const validate = validatorFor(toolId, 'outputs');
  const ok = validate(output);
  if (!ok) throw new Error(`${toolId} output does not match its schema: ${JSON.stringify(validate.errors, null, 2)}`);
}

/** Any request reaching the network fails the test that made it. */
export function forbidNetwork(): void {
  nock.disableNetConnect();
}

export function resetNock(): void {
  nock.cleanAll();
}

/**
 * The nock discipline of a test file, called once at its top: no request reaches the network, and every
 * test must use up the interceptors it set. Interceptors are cleaned before asserting, so one failing
 * test does not leave its interceptors to the next.
 */
export function useNock(): void {
  beforeAll(forbidNetwork);
  // nock's interceptor outlives this file in the jest worker: left installed, it would answer the next
  // test file's requests with this file's (empty) interceptors. Remove it when done.
  afterAll(() => nock.restore());
  afterEach(() => {
    const pending = nock.pendingMocks();
    resetNock();
    expect(pending).toEqual([]);
  });
}

// Retries would make error-mapping tests slow: tests of retries set their own policy.
export const NO_RETRY = { retry: { maxAttempts: 1 } };

let attempted = 0;
nock.emitter.on('no match', () => {
  attempted += 1;
});

/** Requests that reached nock without an interceptor (with disableNetConnect, none goes further). */
export function unmatchedRequests(): number {
  return attempted;
}

/**
 * Calls a tool that must refuse its input as invalid_input, naming `param` (when given) with a message
 * containing `text` (when given), before it sends any request.
 */
export async function expectRefused(
  toolId: string,
  params: Record<string, unknown>,
  param?: string,
  text?: string,
  options?: ExecuteOptions,
): Promise<void> {
  const count = unmatchedRequests();
  const result = await executeTool(toolId, params, options);
  expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', ...(param === undefined ? {} : { param }) } });
  if (text !== undefined) expect(!result.success && result.error.message).toContain(text);
  expect(unmatchedRequests()).toBe(count);
}

/** Calls a tool without its required `param`, which it must name as missing before it sends any request. */
export async function expectMissingRequired(toolId: string, params: Record<string, unknown>, param: string): Promise<void> {
  const without = { ...params };
  delete without[param];
  await expectRefused(toolId, without, param, `${param} is required`);
}

/** Of `base`, the params the tool takes, then `extra`: valid params for any tool of a file, to spoil one at a time. */
export function paramsFor(toolId: string, base: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const takes = Object.keys(getTool(toolId)!.params);
  return { ...Object.fromEntries(Object.entries(base).filter(([name]) => takes.includes(name))), ...extra };
}

/**
 * Calls a tool without retries, expecting Zendesk's answer mapped to the failure `code` with its `status`,
 * a message containing `text`, and the API token nowhere in the result.
 */
export async function expectMappedError(toolId: string, params: Record<string, unknown>, status: number, code: string, text: string): Promise<void> {
  const result = await executeTool(toolId, params, NO_RETRY);
  expect(result).toMatchObject({ success: false, error: { code, status } });
  expect(!result.success && result.error.message).toContain(text);
  expect(JSON.stringify(result)).not.toContain(credentials.apiToken);
}
