/** The CLI as users run it: a child process against a sandbox started in the test process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { allTools } from '../../catalog';
import { cli } from './run-cli';

let sandbox: Sandbox;
let connection: string[];
let tmp: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11, tickets: 2000, users: 80, jobDelayMs: 5 });
  const { subdomain, email, apiToken } = sandbox.credentials;
  connection = ['--base-url', sandbox.baseUrl, '--subdomain', subdomain, '--email', email, '--api-token', apiToken];
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-cli-'));
});
afterAll(async () => {
  await sandbox.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const json = (text: string) => JSON.parse(text);

describe('list and describe', () => {
  it('lists every operation, grouped, with a one-line description', async () => {
    const [{ code, stdout }, asJson] = await Promise.all([cli(['list']), cli(['list', '--json'])]);
    expect(code).toBe(0);
    for (const heading of ['Tickets:', 'Users:', 'Organizations:', 'Search:']) expect(stdout).toContain(heading);
    for (const tool of allTools) expect(stdout).toMatch(new RegExp(`^  ${tool.id.replace('zendesk_', '')} `, 'm'));
    const listed = json(asJson.stdout);
    expect(listed.map((t: { id: string }) => t.id)).toEqual(allTools.map((t) => t.id));
  });

  it('describes an operation: params with type, required, allowed values; outputs; an example', async () => {
    const [{ code, stdout }, asJson] = await Promise.all([cli(['describe', 'update_ticket']), cli(['describe', 'zendesk_triage_tickets', '--json'])]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--ticket-id\s+numeric id\s+required/);
    expect(stdout).toMatch(/allowed: new, open, pending, hold, solved, closed/);
    expect(stdout).toContain('Outputs:');
    expect(stdout).toContain('zendesk-blocks run update_ticket --ticket-id 12345');
    const described = json(asJson.stdout);
    expect(described.params.query).toMatchObject({ flag: '--query', required: true });
    expect(described.params.priority.allowed).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(Object.keys(described.outputs)).toEqual(expect.arrayContaining(['matched', 'updated', 'failed', 'skipped', 'tickets']));
  });

  it('exits 2 for an unknown operation, with a suggestion', async () => {
    const { code, stderr } = await cli(['describe', 'get_tikets']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown operation "get_tikets".*get_tickets/);
  });
});

describe('run', () => {
  it('runs an operation from flags and prints compact JSON when piped (exit 0)', async () => {
    const { code, stdout } = await cli(['run', 'get_ticket', '--ticket-id', '7', ...connection]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(json(stdout)).toMatchObject({ success: true, output: { ticket_id: 7, ticket: { id: 7, subject: sandbox.state.tickets.get(7)!.subject } } });
  });

  it('takes credentials and the base URL from the environment, and --name=value / zendesk_ names', async () => {
    const env = { ZENDESK_BASE_URL: sandbox.baseUrl, ZENDESK_SUBDOMAIN: 'sandbox', ZENDESK_EMAIL: sandbox.credentials.email, ZENDESK_API_TOKEN: sandbox.credentials.apiToken };
    const { code, stdout } = await cli(['run', 'zendesk_get_ticket', '--ticketId=9', '--pretty'], { env });
    expect(code).toBe(0);
    expect(stdout).toContain('\n  "success": true');
    expect(json(stdout).output.ticket.id).toBe(9);
  });

  it('reads params as JSON on stdin when none are given', async () => {
    const { code, stdout } = await cli(['run', 'search_count', ...connection], { input: '{"query": "type:ticket status:open"}' });
    expect(code).toBe(0);
    const open = [...sandbox.state.tickets.map.values()].filter((t) => t.status === 'open').length;
    expect(json(stdout).output.count).toBe(open);
  });

  it('writes through the executor: --params JSON, and a bulk call with --wait returns per-item results', async () => {
    const created = await cli(['run', 'create_ticket', '--params', '{"subject": "From the CLI", "description": "Hello there", "tags": "cli-test"}', ...connection]);
    expect(created.code).toBe(0);
    const id = json(created.stdout).output.ticket_id;
    expect(sandbox.state.tickets.get(id)).toMatchObject({ subject: 'From the CLI', tags: ['cli-test'] });
    const bulk = await cli(['run', 'update_tickets_bulk', '--ticket-ids', `${id},1`, '--tags', 'bulk-cli', '--wait', ...connection]);
    expect(bulk.code).toBe(0);
    expect(json(bulk.stdout).output.job_status).toMatchObject({ status: 'completed', results: [{ id, success: true }, { id: 1, success: true }] });
    expect(sandbox.state.tickets.get(id)!.tags).toEqual(['cli-test', 'bulk-cli']);
  });

  it('exits 1 and prints the result with its error when the operation fails', async () => {
    const { code, stdout } = await cli(['run', 'get_ticket', '--ticket-id', '999999', ...connection]);
    expect(code).toBe(1);
    expect(json(stdout)).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } });
  });

  it('exits 2 for bad usage: unknown operation or flag, bad JSON, missing params, commander errors', async () => {
    const cases: [string[], RegExp][] = [
      [['run', 'get_tikcet', '--ticket-id', '1'], /Unknown operation "get_tikcet"/],
      [['run', 'get_ticket', '--tikcet-id', '1'], /Unknown option --tikcet-id.*Did you mean --ticket-id/],
      [['run', 'get_ticket', '--params', '{bad json'], /--params is not valid JSON/],
      [['run', 'get_ticket', 'stray'], /Unexpected argument "stray"/],
      [['run', 'get_ticket'], /--ticket-id is required/],
      [['run'], /missing required argument 'operation'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli([...args, ...connection])));
    results.forEach(({ code, stderr }, i) => {
      expect({ args: cases[i][0], code }).toEqual({ args: cases[i][0], code: 2 });
      expect(stderr).toMatch(cases[i][1]);
    });
  });

  it('exits 2 with a clear message when no credentials are given', async () => {
    const { code, stderr } = await cli(['run', 'get_ticket', '--ticket-id', '1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/No Zendesk subdomain/);
  });

  it('shows help with examples (exit 0), and runs against its own sandbox with --sandbox', async () => {
    const [help, me] = await Promise.all([cli(['run', '--help']), cli(['run', 'get_current_user', '--sandbox'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('Exit codes');
    expect(me.code).toBe(0);
    expect(json(me.stdout).output.user.role).toBe('admin');
  });
});

describe('run: secrets in malformed JSON never reach the terminal', () => {
  const SECRET = 'tok_SECRET_7f3a9c';
  it('--params, JSON on stdin, a JSON param flag and a JSON string inside --params: the position only', async () => {
    const cases: { args: string[]; input?: string; message: RegExp }[] = [
      { args: ['run', 'get_ticket', '--params', `{"ticketId": 1, "apiToken": ${SECRET}}`], message: /--params is not valid JSON: unexpected character at line 1, column 29\.$/m },
      { args: ['run', 'get_ticket', '--params', `{"ticketId": 1,\n "note": "${SECRET}`], message: /--params is not valid JSON: unterminated string at line 2, column 10\.$/m },
      { args: ['run', 'get_ticket'], input: `{"apiToken": "${SECRET}" "x": 1}`, message: /The JSON on stdin is not valid JSON: expected a comma at line 1, column 34\.$/m },
      { args: ['run', 'update_ticket', '--ticket-id', '7', '--custom-fields', `{"id": ${SECRET}}`], message: /--custom-fields is not valid JSON: unexpected character at line 1, column 8\.$/m },
      { args: ['run', 'update_ticket', '--params', JSON.stringify({ ticketId: 7, customFields: `[{"id": 1, "value": ${SECRET}}]` })], message: /--custom-fields is not valid JSON: unexpected character at line 1, column 21\.$/m },
    ];
    const results = await Promise.all(cases.map(({ args, input }) => cli([...args, ...connection], { input })));
    results.forEach(({ code, stdout, stderr }, i) => {
      expect({ case: i, code }).toEqual({ case: i, code: 2 });
      expect(stderr).toMatch(cases[i].message);
      for (const part of [SECRET, 'SECRET', '7f3a9c']) {
        expect(stdout).not.toContain(part);
        expect(stderr).not.toContain(part);
      }
    });
  });
});

describe('run <operation> --help', () => {
  it("shows that operation's flags, formats, allowed values, defaults and an example (exit 0)", async () => {
    const [tickets, update, generic, unknown] = await Promise.all([
      cli(['run', 'get_tickets', '--help']),
      cli(['run', 'zendesk_update_ticket', '-h']),
      cli(['run', '--help']),
      cli(['run', 'get_tikets', '--help']),
    ]);
    expect([tickets.code, update.code, generic.code, unknown.code]).toEqual([0, 0, 0, 0]);
    expect(tickets.stdout).toMatch(/^Usage: zendesk-blocks run get_tickets /);
    expect(tickets.stdout).toMatch(/--status\s+choice\s+optional/);
    expect(tickets.stdout).toContain('allowed: new, open, pending, hold, solved, closed');
    expect(tickets.stdout).toMatch(/--per-page\s+integer\s+optional.*\n\s+default: 100; range: 1\.\.100/);
    expect(tickets.stdout).toMatch(/--assignee-id\s+numeric id/);
    expect(tickets.stdout).toContain('Example:\n  zendesk-blocks run get_tickets');
    expect(tickets.stdout).toMatch(/Options of every run.*--params <json>.*--wait/s);
    expect(tickets.stdout).not.toContain('Params are flags named like'); // the generic text is for `run --help`
    expect(update.stdout).toMatch(/--ticket-id\s+numeric id\s+required/);
    expect(update.stdout).toContain('zendesk-blocks run update_ticket --ticket-id 12345');
    for (const text of [generic.stdout, unknown.stdout]) {
      expect(text).toMatch(/^Usage: zendesk-blocks run \[options\] <operation>/);
      expect(text).toContain('Params are flags named like');
    }
  });
});

describe('run: errors name params as the flags the user types', () => {
  it('rewrites param names in invalid_input messages, whole words only and never inside a value the user typed', async () => {
    const [missing, choice, quoted, several] = await Promise.all([
      cli(['run', 'get_ticket', ...connection]),
      cli(['run', 'get_tickets', '--status', 'opened', '--assignee-id', '5', ...connection]),
      cli(['run', 'get_tickets', '--status', 'assigneeId', ...connection]),
      cli(['run', 'update_ticket', '--ticket-id', 'abc', '--priority', 'extreme', ...connection]),
    ]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('error: --ticket-id is required');
    expect(json(missing.stdout).error).toMatchObject({ code: 'invalid_input', param: 'ticketId', message: expect.stringMatching(/^--ticket-id is required/) });
    expect(choice.stderr).toMatch(/error: --status must be one of: new, open, pending, hold, solved, closed; got opened/);
    // A value that happens to be a param name is shown as typed.
    expect(quoted.stderr).toContain('got assigneeId');
    expect(quoted.stderr).toMatch(/error: --status must be one of/);
    const error = json(several.stdout).error;
    expect(several.code).toBe(2);
    expect(error.message).toMatch(/--ticket-id .*--priority /s);
    expect(error.message).not.toMatch(/(?<![\w-])(ticketId|priority)(?![\w-])/);
    for (const problem of error.details?.problems ?? []) expect(problem.message).toMatch(/^--(ticket-id|priority) /);
  });
});

describe('--base-url / ZENDESK_BASE_URL', () => {
  it('takes the API base or just the origin (/api/v2 is added)', async () => {
    const origin = new URL(sandbox.baseUrl).origin;
    const rest = connection.slice(2);
    const [base, bare, fromEnv] = await Promise.all([
      cli(['run', 'get_ticket', '--ticket-id', '3', '--base-url', sandbox.baseUrl, ...rest]),
      cli(['run', 'get_ticket', '--ticket-id', '3', '--base-url', `${origin}/`, ...rest]),
      cli(['run', 'get_ticket', '--ticket-id', '3', ...rest], { env: { ZENDESK_BASE_URL: origin } }),
    ]);
    for (const result of [base, bare, fromEnv]) {
      expect(result.code).toBe(0);
      expect(json(result.stdout).output.ticket.id).toBe(3);
    }
  });

  it('with a base URL and no credentials, says which variables the sandbox prints', async () => {
    const { code, stderr } = await cli(['run', 'get_ticket', '--ticket-id', '3'], { env: { ZENDESK_BASE_URL: sandbox.baseUrl } });
    expect(code).toBe(2);
    expect(stderr).toContain('ZENDESK_BASE_URL, ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN');
  });
});

describe('triage', () => {
  const ticketsNow = () => JSON.stringify([...sandbox.state.tickets.map.values()]);

  it('--dry-run reports what would change and changes nothing', async () => {
    const before = ticketsNow();
    const file = path.join(tmp, 'dry.json');
    const { code, stdout } = await cli(['triage', '--query', 'status<solved tags:login', '--set', 'priority=urgent', '--comment', 'hi', '--dry-run', '--report', file, ...connection]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/would update\s+\d+/);
    expect(stdout).toContain('Dry run: nothing was changed');
    expect(ticketsNow()).toBe(before);
    const report = json(fs.readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ dryRun: true, updated: 0 });
    expect(report.wouldUpdate).toBeGreaterThan(0);
    expect(report.sample.length).toBe(Math.min(10, report.wouldUpdate));
  });

  it('a real run: the per-ticket JSON report matches the sandbox ticket by ticket; a rerun adds no comment', async () => {
    const group = [...sandbox.state.groups.map.values()].find((g) => g.name === 'Billing')!.id;
    const file = path.join(tmp, 'run.json');
    const args = ['triage', '--query', 'status<solved tags:billing', '--set', 'priority=high', '--group', String(group), '--add-tags', 'triaged,billing-q', '--comment', 'Routed to Billing, "priority" high', ...connection];
    const first = await cli([...args, '--report', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/updated\s+\d+/);
    expect(first.stderr).toMatch(/search: .*page 1/); // plain progress lines when stderr is not a terminal
    const report = json(fs.readFileSync(file, 'utf8'));
    expect(report.updated + report.failed + report.skipped).toBe(report.matched);
    expect(report.updated).toBeGreaterThan(0);
    const comments = new Map<number, number>();
    for (const entry of report.tickets) {
      const t = sandbox.state.tickets.get(entry.id)!;
      if (entry.outcome === 'updated') {
        expect(t).toMatchObject({ priority: 'high', group_id: group });
        expect(t.tags).toEqual(expect.arrayContaining(['triaged', 'billing-q', report.marker]));
        const last = sandbox.state.commentsFor(t.id).at(-1)!;
        expect(last.body).toBe('Routed to Billing, "priority" high');
      } else {
        expect(entry.outcome).toBe('skipped');
        expect(t.tags).not.toContain(report.marker);
      }
      comments.set(entry.id, sandbox.state.commentsFor(entry.id).length);
    }
    const second = await cli([...args, '--json']);
    expect(second.code).toBe(0);
    const again = json(second.stdout);
    expect(again).toMatchObject({ updated: 0, failed: 0, alreadyTriaged: report.updated });
    for (const [id, n] of comments) expect(sandbox.state.commentsFor(id).length).toBe(n);
  });

  it('writes a CSV report (id,outcome,reason,subject), quoting where needed', async () => {
    const file = path.join(tmp, 'out.csv');
    const { code } = await cli(['triage', '--query', 'tags:shipping status:new', '--set', 'status=open', '--max', '3', '--report', file, ...connection]);
    expect(code).toBe(0);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('id,outcome,reason,subject');
    const rows = lines.slice(1).map((line) => /^(\d+),(\w+),("(?:[^"]|"")*"|[^,]*),(.*)$/.exec(line)!);
    expect(rows.filter((r) => r[2] === 'updated')).toHaveLength(3);
    for (const [, id, outcome, reason] of rows) {
      if (outcome === 'updated') expect(sandbox.state.tickets.get(Number(id))!.status).toBe('open');
      else expect(reason).toMatch(/beyond maxTickets|already/);
    }
  });

  it('--set group=<name> assigns the group of that exact name; an unknown name exits 2 before any search', async () => {
    const technical = [...sandbox.state.groups.map.values()].find((g) => g.name === 'Technical')!.id;
    const { code, stdout } = await cli(['triage', '--query', 'status<solved tags:refund', '--set', 'group=Technical', '--json', ...connection]);
    expect(code).toBe(0);
    const report = json(stdout);
    expect(report.updated).toBeGreaterThan(0);
    for (const t of report.tickets) if (t.outcome === 'updated') expect(sandbox.state.tickets.get(t.id)!.group_id).toBe(technical);

    const searches = sandbox.stats.requests['GET /search/export'] ?? 0;
    const unknown = await cli(['triage', '--query', 'status<solved', '--set', 'group=Nobody Here', ...connection]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No assignable group is named "Nobody Here"; groups include "Support"/);
    expect(sandbox.stats.requests['GET /search/export'] ?? 0).toBe(searches);
  });

  it('exits 2 for a bad query, a bad --set, or no change; 1 when the search fails', async () => {
    const wrong = connection.map((arg) => (arg === sandbox.credentials.apiToken ? 'wrong-token' : arg));
    const [typed, badSet, noChange, failed] = await Promise.all([
      cli(['triage', '--query', 'type:user', '--set', 'priority=high', ...connection]),
      cli(['triage', '--query', 'status:open', '--set', 'priority=extreme', ...connection]),
      cli(['triage', '--query', 'status:open', ...connection]),
      cli(['triage', '--query', 'status:open', '--set', 'priority=high', ...wrong]),
    ]);
    expect([typed.code, badSet.code, noChange.code]).toEqual([2, 2, 2]);
    expect(typed.stderr).toMatch(/Triage changes tickets only/);
    expect(noChange.stderr).toMatch(/Nothing to change/);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/search failed, so nothing was changed/);
  });
});
