/**
 * What every integration file shares: its own sandbox over HTTP (no nock), calls through the shared
 * executor with every success checked against the operation's output schema, the sandbox state to
 * compare with, paging walkers, and the coverage check of the documented operations of a resource.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTools, executeTool, getTool } from '../../catalog';
import type { ExecuteOptions, ToolResult } from '../../lib/executor';
import { type Sandbox, startSandbox } from '../../sandbox';
import { expectValidOutput } from '../helpers';

export const SPEC_PATH = join(__dirname, '..', '..', '..', 'shared', 'spec', 'zendesk-operations.json');
export const specIds: string[] = (JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { operations: { id: string }[] }).operations.map((o) => o.id);

export let sandbox: Sandbox;
export let auth: { email: string; apiToken: string; subdomain: string };

/** Tool ids that succeeded at least once (output validated), and every tool id called. */
export const succeeded = new Set<string>();
export const called = new Set<string>();

/** Starts this file's sandbox before its tests and closes it after them. */
export function useIntegrationSandbox(): void {
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tickets: 600, users: 60, organizations: 25, jobDelayMs: 10, seed: 3 });
    const { email, apiToken, subdomain } = sandbox.credentials;
    auth = { email, apiToken, subdomain };
  }, 30_000);
  afterAll(() => sandbox?.close());
}

/** Calls an operation with the sandbox credentials as string params; every success is schema-checked. */
export async function run(toolId: string, params: Record<string, string> = {}, options: ExecuteOptions = {}, credentials: Record<string, string> = auth): Promise<ToolResult> {
  called.add(toolId);
  const result = await executeTool(toolId, { ...credentials, ...params }, { baseUrl: sandbox.baseUrl, ...options });
  if (result.success) {
    expectValidOutput(toolId, result.output);
    succeeded.add(toolId);
  }
  return result;
}

/** The output of a result that must have succeeded; a failure shows its error. */
export function ok(result: ToolResult): Record<string, any> {
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.output;
}

/** The error of a result that must have failed. */
export function err(result: ToolResult) {
  if (result.success) throw new Error(`expected failure, got success: ${JSON.stringify(result.output).slice(0, 300)}`);
  return result.error;
}

export const tickets = () => [...sandbox.state.tickets.map.values()];
export const users = () => [...sandbox.state.users.map.values()];
export const organizations = () => [...sandbox.state.organizations.map.values()];

/** Tickets that are not closed and that nobody else in this file touches: each caller takes its own slice. */
let ticketCursor = 0;
export function freshTickets(n: number, accept: (t: ReturnType<typeof tickets>[number]) => boolean = () => true) {
  const pool = tickets().filter((t) => t.status !== 'closed' && accept(t));
  const taken = pool.slice(ticketCursor, ticketCursor + n);
  ticketCursor += n;
  if (taken.length < n) throw new Error(`not enough tickets left for a test (${taken.length} < ${n})`);
  return taken;
}

export const endUser = () => users().find((u) => u.role === 'end-user' && u.active && u.organization_id !== null) ?? users().find((u) => u.role === 'end-user')!;

/** Walks a cursor list page by page with pageAfter; returns the items and the number of pages. */
export async function walkCursor(toolId: string, itemsKey: string, params: Record<string, string>) {
  const items: { id: number }[] = [];
  let pageAfter: string | undefined;
  let pages = 0;
  for (;;) {
    const output = ok(await run(toolId, { ...params, ...(pageAfter ? { pageAfter } : {}) }));
    pages += 1;
    items.push(...output[itemsKey]);
    expect(output.metadata.total_returned).toBe(output[itemsKey].length);
    if (!output.paging.has_more) {
      expect(output.paging.after_cursor).toBeNull();
      break;
    }
    expect(typeof output.paging.after_cursor).toBe('string');
    pageAfter = output.paging.after_cursor;
    if (pages > 1000) throw new Error('paging never ended');
  }
  return { items, pages };
}

/** Walks an offset list with page=1,2,... until has_more is false. */
export async function walkOffset(toolId: string, itemsKey: string, params: Record<string, string>) {
  const items: { id: number }[] = [];
  let pages = 0;
  for (let page = 1; ; page += 1) {
    const output = ok(await run(toolId, { ...params, page: String(page) }));
    pages += 1;
    items.push(...output[itemsKey]);
    if (!output.paging.has_more) break;
    expect(typeof output.paging.next_page).toBe('string');
    if (pages > 200) throw new Error('paging never ended');
  }
  return { items, pages };
}

export const distinct = (items: { id: number }[]) => new Set(items.map((i) => i.id));

/** The last test of a file: every documented operation of `resource` succeeded at least once, output validated. */
export function expectEveryOperationOf(resource: string): void {
  it(`exercised every documented ${resource} operation with a validated success`, () => {
    const documented = specIds.filter((id) => getTool(id)?.resource === resource);
    expect(documented.length).toBeGreaterThan(0);
    expect([...succeeded].filter((id) => documented.includes(id)).sort()).toEqual([...documented].sort());
  });
}

/**
 * The last test of a file whose operations the spec does not list: each of `ids` (default: every
 * operation of `resource` in the catalog) succeeded at least once in this file, output validated.
 */
export function expectEveryCatalogOperationOf(resource: string, ids?: readonly string[]): void {
  it(`exercised every ${resource} operation${ids ? ` of ${ids.join(', ')}` : ''} with a validated success`, () => {
    const operations = ids ?? allTools.filter((tool) => tool.resource === resource).map((tool) => tool.id);
    expect(operations.length).toBeGreaterThan(0);
    for (const id of operations) expect(getTool(id)?.resource).toBe(resource);
    expect([...succeeded].filter((id) => operations.includes(id)).sort()).toEqual([...operations].sort());
  });
}
