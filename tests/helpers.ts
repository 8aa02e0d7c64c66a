/** Shared test fixtures: credentials, a nock scope that checks auth headers, and output validation. */
import nock from 'nock';
import { validatorFor } from '../lib/schemas';

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
