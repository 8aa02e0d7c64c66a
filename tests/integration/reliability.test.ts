/**
 * The executor against the real sandbox over HTTP with faults on: 10% 5xx, 5% resets before the
 * request is processed, 5% resets after it (the answer is lost), and a rate limit that produces 429s.
 */
import { executeTool } from '../../catalog';
import { type Sandbox, startSandbox } from '../../sandbox';

const FAULTS = { serverError: 0.1, resetBefore: 0.05, resetAfter: 0.05 };
// Generous attempts: with 20% faults, 10 attempts fail in a row about once in ten million requests.
const RELIABLE = { retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 300 }, pacing: { concurrency: 6 } };

let sandbox: Sandbox;
let auth: Record<string, string>;
let options: { baseUrl: string } & typeof RELIABLE;

beforeAll(async () => {
  sandbox = await startSandbox({ tickets: 20_000, users: 50, seed: 7, jobDelayMs: 20, rateLimit: 1_800, rateLimitBurst: 10, faults: FAULTS });
  const { subdomain, email, apiToken } = sandbox.credentials;
  auth = { subdomain, email, apiToken };
  options = { baseUrl: sandbox.baseUrl, ...RELIABLE };
}, 60_000);

afterAll(() => sandbox.close());

it('updates 2,000 tickets with the bulk operation: every ticket changed exactly once, every item reported', async () => {
  const ids = [...sandbox.state.tickets.map.values()].filter((t) => t.status !== 'closed').slice(0, 2000).map((t) => t.id);
  expect(ids).toHaveLength(2000);
  const auditsBefore = new Map(ids.map((id) => [id, sandbox.state.auditsFor(id).length]));
  const progress: number[] = [];
  const result = await executeTool('zendesk_update_tickets_bulk', { ...auth, ticketIds: ids.join(','), tags: 'reliability-run' }, { ...options, onProgress: (p) => progress.push(p.done) });
  expect(result.success).toBe(true);
  if (!result.success) return;
  const results = result.output.job_status.results as { id: number; index: number; success: boolean }[];
  expect(results).toHaveLength(2000);
  expect(results.map((r) => r.index)).toEqual(ids.map((_, i) => i));
  expect(results.map((r) => r.id)).toEqual(ids);
  expect(results.every((r) => r.success)).toBe(true);
  for (const id of ids) {
    expect(sandbox.state.ticket(id)!.tags).toContain('reliability-run');
    expect({ id, newAudits: sandbox.state.auditsFor(id).length - auditsBefore.get(id)! }).toEqual({ id, newAudits: 1 });
  }
  expect(progress.at(-1)).toBe(2000);
  // Faults hit this run too (the last test checks every kind over the whole suite).
  expect(sandbox.stats.faults.serverError + sandbox.stats.faults.resetBefore + sandbox.stats.faults.resetAfter).toBeGreaterThan(0);
}, 180_000);

/**
 * Another client of the same account spends its budget while `work` runs, until `enough()` says our
 * calls met a 429 they could not foresee (whatever the machine's speed), then leaves the budget to us.
 */
async function whileAnotherClientDrains<T>(work: () => Promise<T>, enough: () => boolean): Promise<T> {
  const authorization = `Basic ${Buffer.from(`${auth.email}/token:${auth.apiToken}`).toString('base64')}`;
  let running = true;
  const drain = (async () => {
    while (running && !enough()) await fetch(`${sandbox.baseUrl}/users/me`, { headers: { authorization } }).catch(() => undefined);
  })();
  try {
    return await work();
  } finally {
    running = false;
    await drain;
  }
}

it('creates exactly 300 tickets from 300 create_ticket calls', async () => {
  const before = sandbox.state.tickets.size;
  let our429s = 0;
  const counting = { ...options, log: (line: string) => (our429s += /answer 429/.test(line) ? 1 : 0) };
  const results = await whileAnotherClientDrains(() =>
    Promise.all(
      Array.from({ length: 300 }, (_, i) => executeTool('zendesk_create_ticket', { ...auth, subject: `Reliability ${i}`, description: `Created under faults #${i}` }, counting)),
    ),
    () => our429s > 0,
  );
  expect(results.filter((r) => !r.success)).toEqual([]);
  const ids = new Set(results.map((r) => (r.success ? r.output.ticket_id : null)));
  expect(ids.size).toBe(300);
  expect(sandbox.state.tickets.size - before).toBe(300);
  const subjects = [...sandbox.state.tickets.map.values()].filter((t) => t.subject.startsWith('Reliability ')).map((t) => t.subject);
  expect(new Set(subjects).size).toBe(300);
  expect(subjects).toHaveLength(300);
  expect(our429s).toBeGreaterThan(0); // our own calls met 429s and came through
}, 180_000);

it('lists 20,000 tickets as exactly 20,000 distinct ids', async () => {
  const result = await executeTool('zendesk_get_tickets', { ...auth }, { ...options, all: true, maxItems: 20_000 });
  expect(result.success).toBe(true);
  if (!result.success) return;
  const ids = (result.output.tickets as { id: number }[]).map((t) => t.id);
  expect(ids).toHaveLength(20_000);
  expect(new Set(ids).size).toBe(20_000);
  expect(result.output.metadata.truncated).toBe(true); // 300 more were created above
}, 180_000);

it('reports a comment whose answer was lost as an unknown outcome and does not replay it', async () => {
  const [target] = [...sandbox.state.tickets.map.values()].filter((t) => t.status === 'open');
  const commentsBefore = sandbox.state.commentsFor(target.id).length;
  sandbox.setFaults({ resetAfter: 1 });
  try {
    const result = await executeTool('zendesk_update_ticket', { ...auth, ticketId: String(target.id), comment: 'Exactly once, please' }, options);
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome' } });
  } finally {
    sandbox.setFaults(FAULTS);
  }
  expect(sandbox.state.commentsFor(target.id).length - commentsBefore).toBe(1);
}, 60_000);

it('ran under every kind of fault and under rate limiting', () => {
  const { faults, rateLimited } = sandbox.stats;
  expect({ serverError: faults.serverError > 0, resetBefore: faults.resetBefore > 0, resetAfter: faults.resetAfter > 0, rateLimited: rateLimited > 0 }).toEqual({
    serverError: true,
    resetBefore: true,
    resetAfter: true,
    rateLimited: true,
  });
});
